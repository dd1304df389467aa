// `citytwin view` in a real window: Xvfb (24-bit) + lavapipe. The window's last frame (swapchain
// read-back) must show the same city as `citytwin render` of the same simulated time outside the
// dashboards, and the dashboards must be drawn; a validation-layer run must report nothing.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/png_image.hpp"
#include "tools/cli_process.hpp"

namespace citytwin {
namespace {

using testing::read_all;

const std::string kScenario = std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/grid_default.yaml";

struct Shell {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a shell command line, capturing stdout and stderr.
Shell shell(const std::string& command) {
  static int counter = 0;
  const auto base =
      std::filesystem::temp_directory_path() /
      ("citytwin-view-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  const int status = std::system(
      (command + " >" + base.string() + ".out 2>" + base.string() + ".err </dev/null").c_str());
  Shell r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_all(base.string() + ".out");
  r.err = read_all(base.string() + ".err");
  // Under xvfb() the viewer's own exit code is reported on a line of its own: xvfb-run's exit
  // code can be its own (5 when removing its temporary folder fails, seen with parallel runs).
  const std::string marker = "citytwin-exit=";
  if (const auto at = r.err.rfind(marker); at != std::string::npos) {
    r.exit_code = std::atoi(r.err.c_str() + at + marker.size());
    r.err.erase(at, r.err.find('\n', at) - at + 1);
  }
  std::filesystem::remove(base.string() + ".out");
  std::filesystem::remove(base.string() + ".err");
  return r;
}

bool have_xvfb_run() {
  return std::system("command -v xvfb-run >/dev/null 2>&1") == 0;
}

// `citytwin ARGS` in a fresh Xvfb display; the exit code comes back through shell() (see there).
std::string xvfb(const std::string& args, const std::string& env = "") {
  return env + " xvfb-run -a -s \"-screen 0 1280x720x24\" sh -c '" +
         std::string(CITYTWIN_CLI_PATH) + " " + args + "; echo citytwin-exit=$? >&2'";
}

using testing::Image;
using testing::load_png;

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;
  bool contains(int px, int py, double margin) const {
    return px >= x - margin && px < x + w + margin && py >= y - margin && py < y + h + margin;
  }
};

std::vector<Rect> ui_windows(const std::string& out) {
  std::vector<Rect> rects;
  const std::regex line(R"(ui-window: \S+ (\S+) (\S+) (\S+) (\S+))");
  for (std::sregex_iterator it(out.begin(), out.end(), line), end; it != end; ++it) {
    rects.push_back(
        {std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4])});
  }
  return rects;
}

std::filesystem::path scratch(const std::string& name) {
  auto p = std::filesystem::temp_directory_path() /
           ("citytwin-view-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

TEST(ViewWindow, ScreenshotMatchesTheHeadlessRenderOutsideTheDashboards) {
  if (!have_xvfb_run()) GTEST_SKIP() << "xvfb-run is not installed (apt install xvfb xauth)";
  const auto dir = scratch("match");
  const auto shot = dir / "view.png";
  const auto ref = dir / "render.png";
  // Deterministic simulated time: run at max speed, pause at 300 s, screenshot once paused.
  const auto view = shell(xvfb("view " + kScenario +
                               " --speed max --pause-at 300s --frames 30 --size 1280x720 "
                               "--threads 2 --screenshot " +
                               shot.string()));
  ASSERT_EQ(view.exit_code, 0) << view.out << view.err;
  EXPECT_NE(view.out.find("at 300 s, step 300"), std::string::npos) << view.out;
  const auto render = shell(std::string(CITYTWIN_CLI_PATH) + " render " + kScenario +
                            " --at 300s --size 1280x720 --threads 2 -o " + ref.string());
  ASSERT_EQ(render.exit_code, 0) << render.err;

  const Image a = load_png(shot);
  const Image b = load_png(ref);
  ASSERT_EQ(a.width, 1280);
  ASSERT_EQ(a.height, 720);
  ASSERT_EQ(b.width, a.width);
  ASSERT_EQ(b.height, a.height);
  const auto rects = ui_windows(view.out);
  ASSERT_EQ(rects.size(), 4u) << view.out;  // Run, What-if, KPIs, Legend

  double city_diff = 0.0;
  double ui_diff = 0.0;
  std::size_t city_pixels = 0;
  std::size_t ui_pixels = 0;
  std::size_t city_identical = 0;
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      const std::size_t i = (std::size_t(y) * a.width + x) * 4;
      double d = 0.0;
      for (int c = 0; c < 3; ++c) d += std::abs(int(a.rgba[i + c]) - int(b.rgba[i + c]));
      d /= 3.0;
      bool in_ui = false;
      bool near_ui = false;
      for (const Rect& r : rects) {
        in_ui = in_ui || r.contains(x, y, 0.0);
        near_ui = near_ui || r.contains(x, y, 2.0);  // window borders and resize grips
      }
      if (in_ui) {
        ui_diff += d;
        ++ui_pixels;
      } else if (!near_ui) {
        city_diff += d;
        ++city_pixels;
        if (d == 0.0) ++city_identical;
      }
    }
  }
  ASSERT_GT(city_pixels, std::size_t(a.width) * a.height / 2);
  std::printf(
      "city: mean |diff| %.4f over %zu pixels, %.4f %% identical; dashboards: mean |diff| "
      "%.1f over %zu pixels\n",
      city_diff / city_pixels, city_pixels, 100.0 * city_identical / city_pixels,
      ui_diff / ui_pixels, ui_pixels);
  // Same pipelines, same snapshot: the city outside the panels is expected to be identical;
  // the tolerance (mean 0.5 of 255 per channel, 99 % identical pixels) leaves room for
  // rasteriser differences of another driver.
  EXPECT_LT(city_diff / city_pixels, 0.5);
  EXPECT_GT(double(city_identical) / city_pixels, 0.99);
  // The dashboards are drawn where the viewer says they are.
  EXPECT_GT(ui_diff / ui_pixels, 10.0);
  std::filesystem::remove_all(dir);
}

TEST(ViewWindow, ValidationLayerReportsNothing) {
  if (!have_xvfb_run()) GTEST_SKIP() << "xvfb-run is not installed (apt install xvfb xauth)";
  if (!std::filesystem::exists(
          "/usr/share/vulkan/explicit_layer.d/VkLayer_khronos_validation.json")) {
    GTEST_SKIP() << "vulkan-validationlayers is not installed";
  }
  const auto dir = scratch("validation");
  // x100 with interpolation, a resize-free window, a screenshot (the read-back barriers too),
  // every panel open (A/B compare, the inspector and its marker).
  const auto r = shell(xvfb("view " + kScenario +
                                " --speed 100 --pause-at 60s --frames 40 --size 960x540 "
                                "--threads 1 --compare --inspect node:J_r1_c1 --screenshot " +
                                (dir / "v.png").string(),
                            "VK_INSTANCE_LAYERS=VK_LAYER_KHRONOS_validation"));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("validation: 0 messages"), std::string::npos) << r.out << r.err;
  EXPECT_EQ(r.err.find("vulkan validation:"), std::string::npos) << r.err;
  std::filesystem::remove_all(dir);
}

TEST(ViewWindow, FramesWithoutScreenshotRunAndReportFrameTimes) {
  if (!have_xvfb_run()) GTEST_SKIP() << "xvfb-run is not installed (apt install xvfb xauth)";
  const auto r = shell(xvfb("view " + kScenario + " --speed 10 --frames 20 --threads 1"));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("frames: 20, frame time median"), std::string::npos) << r.out;
}

TEST(ViewWindow, InspectOpensTheInspectorOnTheJunctionAndMarksIt) {
  if (!have_xvfb_run()) GTEST_SKIP() << "xvfb-run is not installed (apt install xvfb xauth)";
  const auto dir = scratch("inspect");
  const auto shot = dir / "inspect.png";
  const auto plain_shot = dir / "plain.png";
  const std::string common = "view " + kScenario +
                             " --speed max --pause-at 120s --frames 20 --size 1280x720 "
                             "--threads 1 --screenshot ";
  const auto r = shell(xvfb(common + shot.string() + " --inspect node:J_r1_c1"));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto rects = ui_windows(r.out);
  ASSERT_EQ(rects.size(), 5u) << r.out;  // the four panels and the Inspector
  EXPECT_NE(r.out.find("ui-window: Inspector"), std::string::npos) << r.out;
  const auto plain = shell(xvfb(common + plain_shot.string()));
  ASSERT_EQ(plain.exit_code, 0) << plain.out << plain.err;
  EXPECT_EQ(plain.out.find("ui-window: Inspector"), std::string::npos) << plain.out;

  // The marker ring: pixels around the junction differ from the same frame without it, and the
  // city far from it does not.
  const Image a = load_png(shot);
  const Image b = load_png(plain_shot);
  ASSERT_EQ(a.rgba.size(), b.rgba.size());
  std::size_t changed_outside_ui = 0;
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      bool near_ui = false;
      for (const Rect& rect : rects) near_ui = near_ui || rect.contains(x, y, 2.0);
      if (near_ui) continue;
      const std::size_t i = (std::size_t(y) * a.width + x) * 4;
      changed_outside_ui += a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1];
    }
  }
  // A 2 px ring of radius 18 px: roughly 2 * pi * 18 * 2 = 226 pixels, antialiased.
  EXPECT_GT(changed_outside_ui, 100u);
  EXPECT_LT(changed_outside_ui, 600u);
  std::filesystem::remove_all(dir);
}

TEST(ViewWindow, CompareRunsTheBaselineBesideItAndShowsTheDeltaPanel) {
  if (!have_xvfb_run()) GTEST_SKIP() << "xvfb-run is not installed (apt install xvfb xauth)";
  const auto dir = scratch("compare");
  const auto r = shell(xvfb("view " + kScenario +
                            " --compare --speed max --pause-at 120s --frames 20 --threads 1 "
                            "--screenshot " +
                            (dir / "ab.png").string()));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("at 120 s, step 120"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ui-window: A/B compare"), std::string::npos) << r.out;
  const auto bad = shell(xvfb("view " + kScenario + " --baseline no_such_variant"));
  EXPECT_EQ(bad.exit_code, 2) << bad.out << bad.err;
  EXPECT_NE(bad.err.find("no_such_variant"), std::string::npos) << bad.err;
  std::filesystem::remove_all(dir);
}

// Pixels of the city (outside every dashboard of either picture) that differ between two
// screenshots.
std::size_t city_pixels_differing(const Image& a, const Image& b, const std::vector<Rect>& ui) {
  std::size_t differing = 0;
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      bool near_ui = false;
      for (const Rect& rect : ui) near_ui = near_ui || rect.contains(x, y, 2.0);
      if (near_ui) continue;
      const std::size_t i = (std::size_t(y) * a.width + x) * 4;
      differing += a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] ||
                   a.rgba[i + 2] != b.rgba[i + 2];
    }
  }
  return differing;
}

TEST(ViewWindow, SeekBackReRunsToTheSameStateAsRunningThere) {
  if (!have_xvfb_run()) GTEST_SKIP() << "xvfb-run is not installed (apt install xvfb xauth)";
  const auto dir = scratch("seek");
  const std::string common = "view " + kScenario + " --speed max --frames 20 --threads 1 ";
  const auto back = shell(xvfb(common + "--pause-at 300s --then-seek 120s --screenshot " +
                               (dir / "back.png").string()));
  ASSERT_EQ(back.exit_code, 0) << back.out << back.err;
  EXPECT_NE(back.out.find("at 120 s, step 120"), std::string::npos) << back.out;
  const auto direct =
      shell(xvfb(common + "--pause-at 120s --screenshot " + (dir / "direct.png").string()));
  ASSERT_EQ(direct.exit_code, 0) << direct.out << direct.err;
  const auto forward = shell(xvfb(common + "--pause-at 60s --then-seek 120s --screenshot " +
                                  (dir / "forward.png").string()));
  ASSERT_EQ(forward.exit_code, 0) << forward.out << forward.err;

  auto ui = ui_windows(back.out);
  const auto more = ui_windows(direct.out);
  ui.insert(ui.end(), more.begin(), more.end());
  const Image a = load_png(dir / "back.png");
  const Image b = load_png(dir / "direct.png");
  const Image c = load_png(dir / "forward.png");
  ASSERT_EQ(a.rgba.size(), b.rgba.size());
  ASSERT_EQ(c.rgba.size(), b.rgba.size());
  EXPECT_EQ(city_pixels_differing(a, b, ui), 0u);
  EXPECT_EQ(city_pixels_differing(c, b, ui), 0u);
  // And the test can tell states apart: 300 s is another picture.
  const auto later =
      shell(xvfb(common + "--pause-at 300s --screenshot " + (dir / "later.png").string()));
  ASSERT_EQ(later.exit_code, 0) << later.err;
  EXPECT_GT(city_pixels_differing(load_png(dir / "later.png"), b, ui), 100u);
  std::filesystem::remove_all(dir);
}

TEST(ViewWindow, WindowedRenderBenchPrintsFrameTimesPerView) {
  if (!have_xvfb_run()) GTEST_SKIP() << "xvfb-run is not installed (apt install xvfb xauth)";
  const auto r = shell(xvfb("bench --render --window --sizes 1k --frames 3 --threads 1"));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("in a window with the KPI and legend panels"), std::string::npos) << r.out;
  std::size_t rows = 0;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) rows += line.rfind("1k ", 0) == 0;
  EXPECT_EQ(rows, 2u) << r.out;  // city and street
  const auto none = shell("env -u DISPLAY -u WAYLAND_DISPLAY " + std::string(CITYTWIN_CLI_PATH) +
                          " bench --render --window --sizes 1k");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("needs a display"), std::string::npos) << none.err;
}

// Under Xvfb (the display is checked first) and in the ViewWindow suite: GLFW is initialised.
TEST(ViewWindow, BadInspectTargetExitsWith2) {
  if (!have_xvfb_run()) GTEST_SKIP() << "xvfb-run is not installed (apt install xvfb xauth)";
  for (const char* bad : {"node:NoSuchNode", "vehicle:abc", "car:3"}) {
    const auto r = shell(xvfb("view " + kScenario + " --inspect " + bad));
    EXPECT_EQ(r.exit_code, 2) << bad << r.err;
    EXPECT_NE(r.err.find("--inspect"), std::string::npos) << bad << r.err;
  }
}

TEST(ViewCli, NoDisplayExitsWith2AndPointsToRender) {
  const auto r = shell("env -u DISPLAY -u WAYLAND_DISPLAY " + std::string(CITYTWIN_CLI_PATH) +
                       " view " + kScenario);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("no display"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("citytwin render"), std::string::npos) << r.err;
}

TEST(ViewCli, BadArgumentsExitWith2) {
  const std::string base = std::string(CITYTWIN_CLI_PATH) + " view " + kScenario;
  for (const char* bad : {" --speed fast", " --speed -3", " --size 10by10", " --screenshot x.png",
                          " --pause-at '3 parsecs'"}) {
    const auto r = shell("DISPLAY=:citytwin-none " + base + bad);
    EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.err;
  }
  EXPECT_EQ(shell(base.substr(0, base.size() - kScenario.size()) + "/nonexistent.yaml").exit_code,
            2);
}

TEST(ViewCli, HelpListsTheOptions) {
  const auto help = shell(std::string(CITYTWIN_CLI_PATH) + " view --help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* flag : {"--variant", "--threads", "--speed", "--frames", "--screenshot",
                           "--pause-at", "--paused", "--size"}) {
    EXPECT_NE(help.out.find(flag), std::string::npos) << flag;
  }
}

}  // namespace
}  // namespace citytwin
