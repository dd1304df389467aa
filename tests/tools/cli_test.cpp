#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "agents/families.hpp"
#include "tools/cli_process.hpp"

namespace citytwin {
namespace {

using testing::read_all;
using testing::run_cli;

const std::string kScenarios = std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/";
const std::string kMalformed = std::string(CITYTWIN_TEST_DATA_DIR) + "/scenarios/malformed/";

std::filesystem::path scratch(const std::string& name) {
  auto p = std::filesystem::temp_directory_path() /
           ("citytwin-cli-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(p);
  return p;
}

TEST(Cli, VersionAndHelpForEachCommand) {
  const auto version = run_cli("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("citytwin 0."), std::string::npos) << version.out;
  for (const std::string command : {"", "run ", "validate "}) {
    const auto help = run_cli(command + "--help");
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("Usage"), std::string::npos) << command << help.out;
  }
  const auto run_help = run_cli("run --help");
  for (const char* flag : {"--threads", "--seed", "--out", "--until", "--variant"}) {
    EXPECT_NE(run_help.out.find(flag), std::string::npos) << flag;
  }
}

TEST(Cli, BadArgumentsExitWith2) {
  EXPECT_EQ(run_cli("").exit_code, 2);
  EXPECT_EQ(run_cli("frobnicate").exit_code, 2);
  EXPECT_EQ(run_cli("run").exit_code, 2);
  EXPECT_EQ(run_cli("run " + kScenarios + "corridor_small.yaml --threads nine").exit_code, 2);
  const auto until = run_cli("run " + kScenarios + "corridor_small.yaml --until '10 parsecs'");
  EXPECT_EQ(until.exit_code, 2);
  EXPECT_NE(until.err.find("--until"), std::string::npos) << until.err;
}

// Every scenarios/*.yaml and every variant of each: validate checks the baseline and each variant
// (building its network and demand), one "ok:" line apiece.
TEST(Cli, ValidateAcceptsEveryShippedScenario) {
  std::size_t files = 0;
  std::size_t variants = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kScenarios)) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    const auto r = run_cli("validate " + entry.path().string());
    EXPECT_EQ(r.exit_code, 0) << entry.path() << "\n" << r.err;
    EXPECT_NE(r.out.find("ok: "), std::string::npos);
    const Scenario scenario = load_scenario(entry.path());
    for (const auto& name : scenario.variants) {
      EXPECT_NE(r.out.find(" variant " + name + " "), std::string::npos)
          << entry.path() << " variant " << name << "\n"
          << r.out;
      ++variants;
    }
    const auto ok_lines = std::count(r.out.begin(), r.out.end(), '\n');
    EXPECT_EQ(static_cast<std::size_t>(ok_lines), 1 + scenario.variants.size()) << r.out;
  }
  // corridor_small, grid_default, hangzhou_4x4(+_sumo), jinan_3x4(+_sumo) at least.
  EXPECT_GE(files, 6u);
  EXPECT_GE(variants, 3u);
}

TEST(Cli, ValidateReportsEachMalformedFileWithALocationAndExit2) {
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kMalformed)) {
    if (entry.path().extension() != ".yaml") continue;
    // That file's problem is in what is asked of it: a variant it does not define.
    const std::string variant =
        entry.path().filename() == "unknown_variant.yaml" ? " --variant rush_huor" : "";
    const auto r = run_cli("validate '" + entry.path().string() + "'" + variant);
    EXPECT_EQ(r.exit_code, 2) << entry.path() << "\n" << r.err;
    // Every diagnostic starts with the file that has the problem, then ": error: " or a line.
    EXPECT_NE(r.err.find(": error: "), std::string::npos) << entry.path() << "\n" << r.err;
    EXPECT_NE(r.err.find(".yaml"), std::string::npos) << r.err;
    ++checked;
  }
  EXPECT_GE(checked, 30u);
}

TEST(Cli, MissingScenarioFileIsBadInput) {
  const auto r = run_cli("run /nonexistent/nowhere.yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/nowhere.yaml"), std::string::npos) << r.err;
}

TEST(Cli, RunWritesSummaryAndTimeseries) {
  const auto out = scratch("run");
  const auto r = run_cli("run " + kScenarios + "corridor_small.yaml --threads 2 --seed 7 --out " +
                         out.string() + " --until '600 s'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("report: " + (out / "summary.json").string()), std::string::npos) << r.out;
  // Not a terminal: plain progress lines, no carriage returns.
  EXPECT_NE(r.err.find("progress: 100%"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos);

  const auto summary = nlohmann::json::parse(read_all(out / "summary.json"));
  EXPECT_EQ(summary["seed"], 7);
  EXPECT_EQ(summary["threads"], 2);
  EXPECT_DOUBLE_EQ(summary["steps"].get<double>() * summary["step_s"].get<double>(), 600.0);
  EXPECT_DOUBLE_EQ(summary["simulated_s"].get<double>(), 600.0);
  EXPECT_EQ(summary["scenario"]["name"], "corridor_small");
  EXPECT_EQ(summary["scenario"]["hash"].get<std::string>().size(), 16u);
  EXPECT_EQ(summary["state_hash"].get<std::string>().size(), 16u);
  EXPECT_TRUE(summary["wall_time_s"].is_number());
  EXPECT_TRUE(summary["kpis"].contains("signal_green_share"));

  const auto csv = read_all(out / "timeseries.csv");
  EXPECT_EQ(csv.rfind("time_s,", 0), 0u) << csv;
  const auto lines = std::count(csv.begin(), csv.end(), '\n');
  EXPECT_GE(lines, 2);
  std::filesystem::remove_all(out);
}

TEST(Cli, RunsAreReproducibleAcrossThreadCounts) {
  const auto a = scratch("t1");
  const auto b = scratch("t2");
  const std::string base = "run " + kScenarios + "corridor_small.yaml --until '300 s' --out ";
  ASSERT_EQ(run_cli(base + a.string() + " --threads 1").exit_code, 0);
  ASSERT_EQ(run_cli(base + b.string() + " --threads 2").exit_code, 0);
  const auto sa = nlohmann::json::parse(read_all(a / "summary.json"));
  const auto sb = nlohmann::json::parse(read_all(b / "summary.json"));
  EXPECT_EQ(sa["state_hash"], sb["state_hash"]);
  EXPECT_EQ(read_all(a / "timeseries.csv"), read_all(b / "timeseries.csv"));
  std::filesystem::remove_all(a);
  std::filesystem::remove_all(b);
}

TEST(Cli, UnwritableOutputIsAnInternalErrorWithTheReason) {
  const auto dir = scratch("blocked");
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "file") << "x"; }
  const auto r = run_cli("run " + kScenarios + "corridor_small.yaml --until '10 s' --out " +
                         (dir / "file").string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot write"), std::string::npos) << r.err;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace citytwin
