// `citytwin run --frames` and `render --no-panel` as a user runs them: the real binary, a small
// real scenario, real PNGs read back. Needs a Vulkan device (lavapipe on CI).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/png_image.hpp"
#include "support/scratch_dir.hpp"
#include "tools/cli_process.hpp"
#include "tools/report/base64.hpp"

namespace citytwin {
namespace {

using testing::read_all;
using testing::run_cli;
using testing::ScratchDir;

const std::string kCorridor = std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/corridor_small.yaml";

using testing::Image;
using testing::load_png;

std::vector<std::string> file_names(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(RenderCliFrames, OnePngPerIntervalOfTheRequestedSizeInTimeOrder) {
  const ScratchDir dir;
  const auto r = run_cli("run " + kCorridor + " --until 180s --frames 60s --frame-size 320x200 " +
                         "--no-progress --out " + dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("frames: 3"), std::string::npos) << r.out;
  const std::vector<std::string> expected = {"frame_000060s.png", "frame_000120s.png",
                                             "frame_000180s.png"};
  ASSERT_EQ(file_names(dir / "frames"), expected);  // and no temporary files left
  std::vector<std::vector<std::uint8_t>> pixels;
  for (const auto& name : expected) {
    const Image image = load_png(dir / "frames" / name);
    EXPECT_EQ(image.width, 320) << name;
    EXPECT_EQ(image.height, 200) << name;
    pixels.push_back(image.rgba);
  }
  // Traffic moves and the plots grow: every frame is a different picture.
  EXPECT_NE(pixels[0], pixels[1]);
  EXPECT_NE(pixels[1], pixels[2]);
}

TEST(RenderCliFrames, DefaultFrameSizeIs1280x720) {
  const ScratchDir dir;
  const auto r = run_cli("run " + kCorridor + " --until 60s --frames 60s --no-progress --out " +
                         dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Image image = load_png(dir / "frames" / "frame_000060s.png");
  EXPECT_EQ(image.width, 1280);
  EXPECT_EQ(image.height, 720);
}

// Rendering reads published snapshots only: the run's results are the same with and without
// frames (and on another thread count).
TEST(RenderCliFrames, FramesDoNotChangeTheSimulationResults) {
  const ScratchDir plain("plain");
  const ScratchDir framed("framed");
  const auto a = run_cli("run " + kCorridor + " --until 240s --threads 1 --no-progress --out " +
                         plain.path().string());
  const auto b = run_cli("run " + kCorridor +
                         " --until 240s --threads 2 --frames 30s --frame-size 160x100 "
                         "--no-progress --out " +
                         framed.path().string());
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(file_names(framed / "frames").size(), 8u);
  for (const char* file : {"trips.csv", "timeseries.csv"}) {
    const std::string without = read_all(plain / file);
    EXPECT_FALSE(without.empty()) << file;
    EXPECT_EQ(without, read_all(framed / file)) << file;
  }
  const auto sa = nlohmann::json::parse(read_all(plain / "summary.json"));
  const auto sb = nlohmann::json::parse(read_all(framed / "summary.json"));
  for (const char* key : {"state_hash", "steps", "kpis", "totals", "scenario", "seed"}) {
    EXPECT_EQ(sa[key], sb[key]) << key;
  }
}

TEST(RenderCliFrames, FramesAreTheSameBytesForAnyThreadCount) {
  const ScratchDir one("one");
  const ScratchDir two("two");
  const std::string base = "run " + kCorridor + " --until 120s --frames 60s --frame-size 320x180 " +
                           "--no-progress --out ";
  ASSERT_EQ(run_cli(base + one.path().string() + " --threads 1").exit_code, 0);
  ASSERT_EQ(run_cli(base + two.path().string() + " --threads 2").exit_code, 0);
  for (const char* name : {"frame_000060s.png", "frame_000120s.png"}) {
    const std::string a = read_all(one / "frames" / name);
    EXPECT_FALSE(a.empty()) << name;
    EXPECT_EQ(a, read_all(two / "frames" / name)) << name;
  }
}

TEST(RenderCliFrames, FramesCarryTheKpiPanelUnlessNoPanel) {
  const ScratchDir with("with");
  const ScratchDir without("without");
  const std::string base = "run " + kCorridor + " --until 60s --frames 60s --frame-size 640x360 " +
                           "--no-progress --out ";
  ASSERT_EQ(run_cli(base + with.path().string()).exit_code, 0);
  ASSERT_EQ(run_cli(base + without.path().string() + " --no-panel").exit_code, 0);
  const Image a = load_png(with / "frames" / "frame_000060s.png");
  const Image b = load_png(without / "frames" / "frame_000060s.png");
  ASSERT_EQ(a.rgba.size(), b.rgba.size());
  // The panel sits at the top right (x from 640 - 350 = 290): the pictures differ there only.
  std::size_t differ_panel = 0;
  std::size_t differ_left = 0;
  for (int y = 0; y < 360; ++y) {
    for (int x = 0; x < 640; ++x) {
      const std::size_t i = (std::size_t(y) * 640 + x) * 4;
      const bool differs = a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] ||
                           a.rgba[i + 2] != b.rgba[i + 2];
      (x >= 290 ? differ_panel : differ_left) += differs;
    }
  }
  EXPECT_EQ(differ_left, 0u);
  EXPECT_GT(differ_panel, 340u * 200u / 2);
}

TEST(RenderCliFrames, BadFramesOrFrameSizeExitWith2AndSayWhy) {
  const ScratchDir dir;
  const std::string base =
      "run " + kCorridor + " --until 60s --no-progress --out " + (dir / "out").string();
  struct Case {
    std::string args;
    std::string says;
  };
  for (const Case& c : std::vector<Case>{
           {" --frames soon", "--frames"},
           {" --frames 0s", "--frames"},
           {" --frames -60s", "--frames"},
           {" --frames 0.5s", "whole number of seconds"},
           {" --frames '10 parsecs'", "--frames"},
           {" --frames 60s --frame-size 640by360", "--frame-size"},
           {" --frames 60s --frame-size 0x360", "--frame-size"},
           {" --frames 60s --frame-size 99999x10", "--frame-size"},
           {" --frame-size 640x360", "--frames"},
           {" --no-panel", "--frames"},
       }) {
    const auto r = run_cli(base + c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << c.args << "\n" << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "out"));
}

TEST(RenderCliFrames, NoVulkanDeviceExitsWith2BeforeRunning) {
  const ScratchDir dir;
  testing::CliContext context;
  context.environment =
      "VK_DRIVER_FILES=/nonexistent/citytwin-no-driver.json "
      "VK_ICD_FILENAMES=/nonexistent/citytwin-no-driver.json";
  const auto r = run_cli("run " + kCorridor + " --until 60s --frames 60s --no-progress --out " +
                             (dir / "out").string(),
                         context);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--frames"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("mesa-vulkan-drivers"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out" / "summary.json"));
}

TEST(RenderCliFrames, ReportEmbedsTheLastFrame) {
  const ScratchDir dir;
  const auto r = run_cli("run " + kCorridor +
                         " --until 120s --frames 60s --frame-size 200x120 --report --no-progress "
                         "--out " +
                         dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = read_all(dir / "report.html");
  const std::string last = read_all(dir / "frames" / "frame_000120s.png");
  ASSERT_FALSE(last.empty());
  EXPECT_NE(html.find("data:image/png;base64," + report::base64_encode(last) + "\""),
            std::string::npos);
  EXPECT_NE(html.find("frames/frame_000120s.png"), std::string::npos);
}

TEST(RenderCliFrames, HelpListsTheOptions) {
  const auto help = run_cli("run --help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* flag : {"--frames", "--frame-size", "--no-panel", "--report"}) {
    EXPECT_NE(help.out.find(flag), std::string::npos) << flag;
  }
}

// `render` draws the KPI panel by default and says where; --no-panel leaves the bare city.
TEST(RenderCliPanel, RenderDrawsThePanelUnlessNoPanel) {
  const ScratchDir dir;
  const std::string base = "render " + kCorridor + " --at 120s --size 640x360 -o ";
  const auto with = run_cli(base + (dir / "with.png").string());
  const auto without = run_cli(base + (dir / "without.png").string() + " --no-panel");
  ASSERT_EQ(with.exit_code, 0) << with.err;
  ASSERT_EQ(without.exit_code, 0) << without.err;
  EXPECT_NE(with.out.find("kpi-panel: 290 10 340 "), std::string::npos) << with.out;
  EXPECT_NE(with.out.find("(25 samples)"), std::string::npos) << with.out;  // 0, 5, ..., 120 s
  EXPECT_EQ(without.out.find("kpi-panel"), std::string::npos) << without.out;
  const Image a = load_png(dir / "with.png");
  const Image b = load_png(dir / "without.png");
  EXPECT_NE(a.rgba, b.rgba);
  // Repeat renders of the same state, panel included, are the same file.
  const auto again = run_cli(base + (dir / "again.png").string());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(read_all(dir / "with.png"), read_all(dir / "again.png"));
}

}  // namespace
}  // namespace citytwin
