// `citytwin render` as a user runs it: the real binary, a real scenario, a real PNG read back.
#include <gtest/gtest.h>
#include <stb_image.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "tools/cli/render_command.hpp"
#include "tools/cli_process.hpp"

namespace citytwin {
namespace {

using testing::run_cli;

const std::string kScenarios = std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/";

std::filesystem::path scratch(const std::string& name) {
  auto p = std::filesystem::temp_directory_path() /
           ("citytwin-render-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(p);
  return p;
}

TEST(RenderCli, WritesAPngOfTheRequestedSizeShowingTheCity) {
  const auto dir = scratch("png");
  const auto png = dir / "X.png";
  const auto r = run_cli("render " + kScenarios + "grid_default.yaml --at 120s -o " + png.string() +
                         " --size 640x360 --threads 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("640x360"), std::string::npos) << r.out;

  int w = 0;
  int h = 0;
  int channels = 0;
  stbi_uc* data = stbi_load(png.string().c_str(), &w, &h, &channels, 4);
  ASSERT_NE(data, nullptr) << "not a readable PNG: " << stbi_failure_reason();
  EXPECT_EQ(w, 640);
  EXPECT_EQ(h, 360);
  std::set<std::uint32_t> colours;
  for (int i = 0; i < w * h; ++i) {
    colours.insert(std::uint32_t{data[4 * i]} << 16 | std::uint32_t{data[4 * i + 1]} << 8 |
                   data[4 * i + 2]);
  }
  stbi_image_free(data);
  // Background, asphalt, junctions, sidewalks, signal colours and vehicles by speed.
  EXPECT_GE(colours.size(), 6u) << "the picture is (nearly) one flat colour";
  // No temporary file is left beside the result.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u);
  std::filesystem::remove_all(dir);
}

TEST(RenderCli, BadArgumentsExitWith2AndSayWhy) {
  const auto dir = scratch("bad");
  const std::string base =
      "render " + kScenarios + "grid_default.yaml -o " + (dir / "x.png").string();
  const auto size = run_cli(base + " --size 640by360");
  EXPECT_EQ(size.exit_code, 2);
  EXPECT_NE(size.err.find("--size"), std::string::npos) << size.err;
  EXPECT_EQ(run_cli(base + " --size 0x360").exit_code, 2);
  const auto at = run_cli(base + " --at '10 parsecs'");
  EXPECT_EQ(at.exit_code, 2);
  EXPECT_NE(at.err.find("--at"), std::string::npos) << at.err;
  EXPECT_EQ(run_cli("render /nonexistent/nowhere.yaml -o x.png").exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir / "x.png"));
}

TEST(RenderCli, NoVulkanDeviceExitsWith2AndNamesTheFix) {
  ASSERT_EQ(setenv("VK_DRIVER_FILES", "/nonexistent/citytwin-no-driver.json", 1), 0);
  ASSERT_EQ(setenv("VK_ICD_FILENAMES", "/nonexistent/citytwin-no-driver.json", 1), 0);
  const auto dir = scratch("nodevice");
  const auto r =
      run_cli("render " + kScenarios + "grid_default.yaml --at 10s -o " + (dir / "x.png").string());
  unsetenv("VK_DRIVER_FILES");
  unsetenv("VK_ICD_FILENAMES");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("mesa-vulkan-drivers"), std::string::npos) << r.err;
}

TEST(RenderCli, FrameSizeParsing) {
  using cli::parse_frame_size;
  ASSERT_TRUE(parse_frame_size("1920x1080"));
  EXPECT_EQ(parse_frame_size("1920x1080")->width, 1920u);
  EXPECT_EQ(parse_frame_size("1920x1080")->height, 1080u);
  EXPECT_TRUE(parse_frame_size("1x1"));
  for (const char* bad : {"", "x", "1920", "1920x", "x1080", "0x10", "10x0", "-5x10", "20000x10",
                          "1920 x 1080", "1920x1080x3", "1e3x10"}) {
    EXPECT_FALSE(parse_frame_size(bad)) << bad;
  }
}

TEST(RenderCli, HelpListsTheOptions) {
  const auto help = run_cli("render --help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* flag : {"--at", "--out", "--size", "--variant", "--zoom", "--center"}) {
    EXPECT_NE(help.out.find(flag), std::string::npos) << flag;
  }
}

}  // namespace
}  // namespace citytwin
