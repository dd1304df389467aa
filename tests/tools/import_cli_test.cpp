// `citytwin import sumo|cityflow|osm`, run as a user runs it: the real binary in a fresh folder per
// test. A good import writes a scenario YAML and a data folder that `citytwin validate` and
// `citytwin run` accept as they are; bad input is exit 2 with a located message and no YAML.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "agents/families.hpp"
#include "tools/cli_process.hpp"

namespace citytwin {
namespace {

namespace fs = std::filesystem;
using testing::CliContext;
using testing::CliResult;
using testing::read_all;
using testing::run_cli;

const fs::path kData = fs::path(CITYTWIN_SOURCE_DIR) / "scenarios" / "data";
const fs::path kTestData = fs::path(CITYTWIN_TEST_DATA_DIR);
const fs::path kHangzhouNet =
    kData / "hangzhou_4x4_sumo_libsignal" / "hangzhou_4x4_gudang_18041610_1h.net.xml";
const fs::path kHangzhouRoutes =
    kData / "hangzhou_4x4_sumo_libsignal" / "hangzhou_4x4_gudang_18041610_1h.rou.xml";
const fs::path kJinanRoadnet = kData / "jinan_3x4" / "roadnet_3_4.json";
const fs::path kJinanFlow = kData / "jinan_3x4" / "anon_3_4_jinan_real.json";
const fs::path kOsm = kTestData / "osm" / "crossroads.osm";
const fs::path kOsmRoutes = kTestData / "osm" / "crossroads.rou.xml";

std::string q(const fs::path& p) {
  return "'" + p.string() + "'";
}

bool netconvert_on_path() {
  return std::system("command -v netconvert > /dev/null 2>&1") == 0;
}

// A fresh, empty folder per test, removed afterwards.
class ImportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("citytwin-import-" + std::string(info->name()) + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }

  CliResult cli(const std::string& args) const { return run_cli(args, CliContext{dir_, ""}); }

  // validate, then a short headless run; returns the run's summary.json.
  nlohmann::json validate_and_run(const fs::path& yaml, const std::string& until) const {
    const auto validate = cli("validate " + q(yaml));
    EXPECT_EQ(validate.exit_code, 0) << validate.err;
    EXPECT_NE(validate.out.find("ok: "), std::string::npos) << validate.out;
    const fs::path out = dir_ / "run_out";
    const auto run = cli("run " + q(yaml) + " --until '" + until + "' --no-progress --out " +
                         q(out) + " --threads 2");
    EXPECT_EQ(run.exit_code, 0) << run.err;
    if (!fs::exists(out / "summary.json")) {
      ADD_FAILURE() << "no summary.json in " << out;
      return {};
    }
    return nlohmann::json::parse(read_all(out / "summary.json"));
  }

  // Bad input: exit 2, a message on stderr that names `located` and says "error", no YAML.
  void expect_rejected(const CliResult& r, const std::string& located, const fs::path& yaml) const {
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(located), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("error"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(yaml)) << yaml;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  }

  fs::path dir_;
};

TEST_F(ImportCli, SumoNetworkWithRoutesWritesARunnableScenario) {
  const fs::path yaml = dir_ / "hz.yaml";
  const auto r = cli("import sumo " + q(kHangzhouNet) + " --routes " + q(kHangzhouRoutes) + " -o " +
                     q(yaml) + " --duration 600");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_regular_file(yaml));
  EXPECT_TRUE(fs::is_regular_file(dir_ / "hz_data" / kHangzhouNet.filename()));
  EXPECT_TRUE(fs::is_regular_file(dir_ / "hz_data" / kHangzhouRoutes.filename()));
  EXPECT_NE(r.out.find("imported: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" nodes, "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("scenario: "), std::string::npos) << r.out;
  const std::string text = read_all(yaml);
  EXPECT_NE(text.find("control: from_network"), std::string::npos) << text;
  EXPECT_NE(text.find("format: sumo"), std::string::npos) << text;
  // As SUMO routes trips: at insertion, on current travel times.
  EXPECT_NE(text.find("departures: current_times"), std::string::npos) << text;

  const auto summary = validate_and_run(yaml, "300 s");
  ASSERT_TRUE(summary.contains("totals")) << summary;
  EXPECT_GT(summary["totals"]["vehicles_inserted"].get<double>(), 0.0) << summary;
  EXPECT_DOUBLE_EQ(summary["simulated_s"].get<double>(), 300.0);
  EXPECT_EQ(summary["scenario"]["name"], "hz");
}

TEST_F(ImportCli, CityFlowRoadnetWithFlowWritesARunnableScenario) {
  const fs::path yaml = dir_ / "jinan.yaml";
  const auto r = cli("import cityflow " + q(kJinanRoadnet) + " --flow " + q(kJinanFlow) + " -o " +
                     q(yaml) + " --name jinan_import");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_regular_file(yaml));
  // The data folder is named after the scenario.
  EXPECT_TRUE(fs::is_regular_file(dir_ / "jinan_import_data" / kJinanRoadnet.filename()));
  EXPECT_TRUE(fs::is_regular_file(dir_ / "jinan_import_data" / kJinanFlow.filename()));
  EXPECT_NE(r.out.find("imported: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" nodes, "), std::string::npos) << r.out;
  EXPECT_NE(read_all(yaml).find("format: cityflow"), std::string::npos);

  const auto summary = validate_and_run(yaml, "300 s");
  ASSERT_TRUE(summary.contains("totals")) << summary;
  EXPECT_GT(summary["totals"]["vehicles_inserted"].get<double>(), 0.0) << summary;
  EXPECT_EQ(summary["scenario"]["name"], "jinan_import");
}

// CityFlow's own generator writes endTime -1 ("until the simulation ends") for every flow: the
// import accepts it (it refused it before), runs such flows to --duration and says so.
TEST_F(ImportCli, CityFlowFlowsUntilTheSimulationEndsImportAndRun) {
  auto flows = nlohmann::json::parse(read_all(kTestData / "cityflow" / "small_flow.json"));
  for (auto& flow : flows) flow["endTime"] = -1;
  const fs::path flow = dir_ / "endless_flow.json";
  std::ofstream(flow) << flows.dump();
  const fs::path yaml = dir_ / "endless.yaml";
  const auto r = cli("import cityflow " + q(kTestData / "cityflow" / "small_roadnet.json") +
                     " --flow " + q(flow) + " -o " + q(yaml) + " --duration 300");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(std::to_string(flows.size()) +
                       " flows with endTime -1 or none (CityFlow: until the simulation ends) "
                       "run until the scenario's duration, 300 s"),
            std::string::npos)
      << r.out;
  const auto summary = validate_and_run(yaml, "300 s");
  ASSERT_TRUE(summary.contains("totals")) << summary;
  EXPECT_GT(summary["totals"]["vehicles_inserted"].get<double>(), 0.0) << summary;
}

TEST_F(ImportCli, RelativePathsFromTheWorkingFolder) {
  // What a user types: files and output relative to where they stand.
  fs::create_directories(dir_ / "src");
  fs::copy_file(kJinanRoadnet, dir_ / "src" / "roadnet.json");
  fs::copy_file(kJinanFlow, dir_ / "src" / "flow.json");
  const auto r =
      cli("import cityflow src/roadnet.json --flow src/flow.json -o scenarios/city.yaml");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_regular_file(dir_ / "scenarios" / "city.yaml"));
  EXPECT_TRUE(fs::is_regular_file(dir_ / "scenarios" / "city_data" / "roadnet.json"));
  const auto validate = cli("validate scenarios/city.yaml");
  EXPECT_EQ(validate.exit_code, 0) << validate.err;
}

// Also without SUMO_HOME (set only by login shells on Debian): netconvert 1.15 then cannot read
// its built-in OSM type map unless citytwin points it at the installed one.
TEST_F(ImportCli, OsmThroughNetconvertWritesARunnableScenario) {
  if (!netconvert_on_path()) GTEST_SKIP() << "SUMO's netconvert is not on PATH";
  const fs::path yaml = dir_ / "cross.yaml";
  const auto r = run_cli(
      "import osm " + q(kOsm) + " --routes " + q(kOsmRoutes) + " -o " + q(yaml) + " --duration 60",
      CliContext{dir_, "-u SUMO_HOME"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(fs::is_regular_file(yaml));
  EXPECT_TRUE(fs::is_regular_file(dir_ / "cross_data" / "cross.net.xml"));
  EXPECT_NE(r.out.find("imported: "), std::string::npos) << r.out;
  // The signalised OSM node becomes a SUMO traffic light with its program.
  EXPECT_NE(r.out.find(" 1 signal programs"), std::string::npos) << r.out;

  const auto summary = validate_and_run(yaml, "60 s");
  ASSERT_TRUE(summary.contains("totals")) << summary;
  EXPECT_DOUBLE_EQ(summary["simulated_s"].get<double>(), 60.0);
  EXPECT_GT(summary["totals"]["vehicles_inserted"].get<double>(), 0.0) << summary;
}

TEST_F(ImportCli, OsmThatNetconvertRejectsIsQuotedAndWritesNothing) {
  if (!netconvert_on_path()) GTEST_SKIP() << "SUMO's netconvert is not on PATH";
  std::ofstream(dir_ / "broken.osm") << "<osm version=\"0.6\"><node id=\"1\" lat=";
  const auto r = cli("import osm broken.osm -o broken.yaml");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("broken.osm: error: netconvert"), std::string::npos) << r.err;
  // netconvert's own words, since its log does not outlive the import.
  EXPECT_NE(r.err.find("Error"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "broken.yaml"));
  EXPECT_FALSE(fs::exists(dir_ / "broken_data"));
}

TEST_F(ImportCli, OsmWithoutNetconvertNamesItAndExits2) {
  // The helper sets the child's environment: a PATH where netconvert cannot be found.
  const fs::path yaml = dir_ / "cross.yaml";
  const auto r =
      run_cli("import osm " + q(kOsm) + " -o " + q(yaml), CliContext{dir_, "PATH=/nonexistent"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("netconvert"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(kOsm.string()), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(yaml));
}

TEST_F(ImportCli, MalformedSumoNetworkIsLocatedAndWritesNoScenario) {
  const fs::path bad = kTestData / "sumo" / "malformed" / "unclosed_tag.net.xml";
  const fs::path yaml = dir_ / "bad.yaml";
  const auto r = cli("import sumo " + q(bad) + " -o " + q(yaml));
  // Located: the file, then a line number.
  expect_rejected(r, "unclosed_tag.net.xml:", yaml);
}

TEST_F(ImportCli, MalformedSumoRoutesAreLocatedAndWriteNoScenario) {
  const fs::path net = kTestData / "sumo" / "malformed" / "valid.net.xml";
  const fs::path routes = kTestData / "sumo" / "malformed" / "depart_abc.rou.xml";
  const fs::path yaml = dir_ / "bad.yaml";
  const auto r = cli("import sumo " + q(net) + " --routes " + q(routes) + " -o " + q(yaml));
  expect_rejected(r, "depart_abc.rou.xml:", yaml);
}

TEST_F(ImportCli, MalformedCityFlowRoadnetIsLocatedAndWritesNoScenario) {
  // Not JSON: the roadnet cut off in the middle.
  const std::string text = read_all(kTestData / "cityflow" / "small_roadnet.json");
  const fs::path truncated = dir_ / "truncated_roadnet.json";
  std::ofstream(truncated) << text.substr(0, text.size() / 2);
  const fs::path yaml = dir_ / "bad.yaml";
  expect_rejected(cli("import cityflow " + q(truncated) + " -o " + q(yaml)),
                  "truncated_roadnet.json:", yaml);

  // Valid JSON, wrong content: a road link naming a road that does not exist.
  auto json = nlohmann::json::parse(text);
  bool changed = false;
  for (auto& node : json["intersections"]) {
    if (!node["roadLinks"].empty()) {
      node["roadLinks"][0]["endRoad"] = "road_nowhere";
      changed = true;
      break;
    }
  }
  ASSERT_TRUE(changed);
  const fs::path unknown = dir_ / "unknown_road.json";
  std::ofstream(unknown) << json.dump(1);
  expect_rejected(cli("import cityflow " + q(unknown) + " -o " + q(yaml)), "unknown_road.json",
                  yaml);
}

TEST_F(ImportCli, MalformedCityFlowFlowIsLocatedAndWritesNoScenario) {
  const fs::path flow = dir_ / "flow.json";
  std::ofstream(flow) << "[{\"vehicle\": {\"length\": 5.0}, \"route\": [\"road_1_1_0\"], ";
  const fs::path yaml = dir_ / "bad.yaml";
  expect_rejected(
      cli("import cityflow " + q(kJinanRoadnet) + " --flow " + q(flow) + " -o " + q(yaml)),
      "flow.json:", yaml);
}

TEST_F(ImportCli, MissingNetworkFileIsNamed) {
  const fs::path yaml = dir_ / "out.yaml";
  expect_rejected(cli("import sumo " + q(dir_ / "no_such.net.xml") + " -o " + q(yaml)),
                  "no_such.net.xml", yaml);
  expect_rejected(cli("import cityflow " + q(kJinanRoadnet) + " --flow " +
                      q(dir_ / "no_such_flow.json") + " -o " + q(yaml)),
                  "no_such_flow.json", yaml);
  // Nothing was imported: no data folder either.
  EXPECT_FALSE(fs::exists(dir_ / "out_data"));
}

TEST_F(ImportCli, OutputMustBeAYamlFile) {
  const auto r = cli("import sumo " + q(kHangzhouNet) + " -o " + q(dir_ / "out.txt"));
  expect_rejected(r, "out.txt", dir_ / "out.txt");
  EXPECT_NE(r.err.find(".yaml"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "out_data"));
}

TEST_F(ImportCli, OutputIsRequired) {
  const auto r = cli("import sumo " + q(kHangzhouNet));
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--output"), std::string::npos) << r.err;
  // Nothing written into the working folder.
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(ImportCli, FailedImportLeavesNoDataFolderBehind) {
  const fs::path bad = kTestData / "sumo" / "malformed" / "duplicate_edge.net.xml";
  const auto r = cli("import sumo " + q(bad) + " -o " + q(dir_ / "bad.yaml"));
  expect_rejected(r, "duplicate_edge.net.xml", dir_ / "bad.yaml");
  EXPECT_FALSE(fs::exists(dir_ / "bad_data"));
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(ImportCli, FailedReimportKeepsTheEarlierScenarioIntact) {
  // A good import, then the same output again with a broken file of the same name: the broken
  // file must not replace the good copy the scenario reads.
  const fs::path yaml = dir_ / "city.yaml";
  fs::create_directories(dir_ / "good");
  fs::create_directories(dir_ / "broken");
  fs::copy_file(kJinanRoadnet, dir_ / "good" / "roadnet.json");
  std::ofstream(dir_ / "broken" / "roadnet.json") << "{\"intersections\": [";
  ASSERT_EQ(cli("import cityflow good/roadnet.json -o city.yaml").exit_code, 0);
  const std::string before = read_all(yaml);
  const auto r = cli("import cityflow broken/roadnet.json -o city.yaml");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("roadnet.json:"), std::string::npos) << r.err;
  EXPECT_EQ(read_all(yaml), before);
  EXPECT_EQ(read_all(dir_ / "city_data" / "roadnet.json"), read_all(kJinanRoadnet));
  EXPECT_EQ(cli("validate city.yaml").exit_code, 0);
}

TEST_F(ImportCli, DurationIsWrittenExactly) {
  const fs::path yaml = dir_ / "long.yaml";
  const auto r = cli("import sumo " + q(kHangzhouNet) + " -o " + q(yaml) + " --duration 1234567.5");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_DOUBLE_EQ(load_scenario(yaml).simulation.duration, 1234567.5) << read_all(yaml);
  ASSERT_EQ(cli("import sumo " + q(kHangzhouNet) + " -o " + q(yaml) + " --duration 5400").exit_code,
            0);
  EXPECT_NE(read_all(yaml).find("duration: 5400 s"), std::string::npos) << read_all(yaml);
}

TEST_F(ImportCli, DemandFilesOfTheSameNameAreAllKept) {
  // Two hours of the same cameras, each saved as flow.json in its own folder.
  fs::create_directories(dir_ / "hour1");
  fs::create_directories(dir_ / "hour2");
  fs::copy_file(kJinanFlow, dir_ / "hour1" / "flow.json");
  fs::copy_file(kData / "jinan_3x4" / "anon_3_4_jinan_real_2000.json",
                dir_ / "hour2" / "flow.json");
  const std::string args = "import cityflow " + q(kJinanRoadnet) +
                           " --flow hour1/flow.json --flow hour2/flow.json -o both.yaml";
  const auto r = cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_all(dir_ / "both_data" / "flow.json"), read_all(kJinanFlow));
  EXPECT_EQ(read_all(dir_ / "both_data" / "2_flow.json"),
            read_all(kData / "jinan_3x4" / "anon_3_4_jinan_real_2000.json"));
  // Both hours' vehicles are in the scenario: validate counts the trips from files.
  const auto one =
      cli("import cityflow " + q(kJinanRoadnet) + " --flow hour1/flow.json -o one.yaml");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const auto vehicles = [](const std::string& out) {
    const auto at = out.find(" vehicles\n");
    const auto from = out.rfind(' ', at - 1);
    return std::stoul(out.substr(from + 1, at - from - 1));
  };
  EXPECT_GT(vehicles(r.out), vehicles(one.out));
  const auto validate = cli("validate both.yaml");
  EXPECT_EQ(validate.exit_code, 0) << validate.err;
  EXPECT_NE(validate.out.find(" " + std::to_string(vehicles(r.out)) + " trips from files"),
            std::string::npos)
      << validate.out << r.out;
  // Importing again gives the same files.
  ASSERT_EQ(cli(args).exit_code, 0);
  EXPECT_FALSE(fs::exists(dir_ / "both_data" / "3_flow.json"));
}

TEST_F(ImportCli, ImportingTwiceIntoTheSameScenarioIsIdempotent) {
  const fs::path yaml = dir_ / "hz.yaml";
  const std::string args =
      "import sumo " + q(kHangzhouNet) + " --routes " + q(kHangzhouRoutes) + " -o " + q(yaml);
  const auto first = cli(args);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string yaml_first = read_all(yaml);
  const auto second = cli(args);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(read_all(yaml), yaml_first);
  EXPECT_EQ(second.out, first.out);

  // Re-importing the copies already in the data folder (their own destination) works too.
  const fs::path data = dir_ / "hz_data";
  const auto again = cli("import sumo " + q(data / kHangzhouNet.filename()) + " --routes " +
                         q(data / kHangzhouRoutes.filename()) + " -o " + q(yaml));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(read_all(data / kHangzhouNet.filename()), read_all(kHangzhouNet));
  EXPECT_EQ(read_all(data / kHangzhouRoutes.filename()), read_all(kHangzhouRoutes));
  EXPECT_EQ(cli("validate " + q(yaml)).exit_code, 0);
}

}  // namespace
}  // namespace citytwin
