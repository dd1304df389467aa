// `citytwin render --overlay` and `citytwin bench --render` as a user runs them.
#include <gtest/gtest.h>
#include <stb_image.h>

#include <filesystem>

#include "tools/cli_process.hpp"

namespace citytwin {
namespace {

using testing::run_cli;

const std::string kGrid = std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/grid_default.yaml";

std::filesystem::path scratch(const std::string& name) {
  auto p = std::filesystem::temp_directory_path() /
           ("citytwin-overlay-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

std::vector<std::uint8_t> load_rgba(const std::filesystem::path& png) {
  int w = 0;
  int h = 0;
  int channels = 0;
  stbi_uc* data = stbi_load(png.string().c_str(), &w, &h, &channels, 4);
  if (data == nullptr) return {};
  std::vector<std::uint8_t> pixels(data, data + std::size_t(w) * h * 4);
  stbi_image_free(data);
  return pixels;
}

TEST(OverlayCli, CongestionOverlayTintsTheRoads) {
  const auto dir = scratch("congestion");
  const std::string base = "render " + kGrid + " --at 300s --size 320x180 --zoom 6 --threads 2";
  const auto plain = run_cli(base + " -o " + (dir / "plain.png").string());
  const auto tinted = run_cli(base + " --overlay congestion -o " + (dir / "tinted.png").string());
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  ASSERT_EQ(tinted.exit_code, 0) << tinted.err;
  const auto a = load_rgba(dir / "plain.png");
  const auto b = load_rgba(dir / "tinted.png");
  ASSERT_EQ(a.size(), b.size());
  ASSERT_FALSE(a.empty());
  std::size_t changed = 0;
  for (std::size_t i = 0; i < a.size(); i += 4) changed += a[i] != b[i] || a[i + 1] != b[i + 1];
  EXPECT_GT(changed, a.size() / 4 / 50) << "the overlay coloured almost nothing";
  std::filesystem::remove_all(dir);
}

TEST(OverlayCli, UnknownOverlayExitsWith2AndListsTheFields) {
  const auto dir = scratch("unknown");
  const auto r =
      run_cli("render " + kGrid + " --at 10s --overlay air -o " + (dir / "x.png").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("congestion"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("density"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "x.png"));
  std::filesystem::remove_all(dir);
}

TEST(OverlayCli, BenchRenderReportsFrameTimesPerView) {
  const auto r = run_cli("bench --render --sizes 1k --frames 2 --warmup 0 --threads 1");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* word : {"median_ms", "p90_ms", "instances", "city", "district", "street"}) {
    EXPECT_NE(r.out.find(word), std::string::npos) << word << "\n" << r.out;
  }
  EXPECT_EQ(run_cli("bench --render --sizes 1k --frames 0").exit_code, 2);
  const auto bad = run_cli("bench --render --sizes 1k --frames 1 --warmup 0 --overlay air");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("congestion"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace citytwin
