#include "tools/cli/bench_render_window.hpp"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "agents/families.hpp"
#include "render/camera.hpp"
#include "render/dashboards/dashboards.hpp"
#include "render/dashboards/imgui_layer.hpp"
#include "render/frame_renderer.hpp"
#include "render/vulkan/render_error.hpp"
#include "render/vulkan/vulkan_context.hpp"
#include "render/vulkan/window_target.hpp"
#include "tools/cli/bench_warm_start.hpp"
#include "tools/cli/exit_codes.hpp"

namespace citytwin::cli {
namespace {

using WallClock = std::chrono::steady_clock;
constexpr int kWidth = 1280;
constexpr int kHeight = 720;

struct Glfw {
  Glfw() = default;
  ~Glfw() { glfwTerminate(); }
  Glfw(const Glfw&) = delete;
  Glfw& operator=(const Glfw&) = delete;
};

// Frames of one warm-started world in a fresh window: the viewer's frame (UI frame with the KPI
// and legend panels, acquire, city and agents, dashboards, present) timed wall clock, whole city
// and street views.
void measure_size(const std::string& label, std::size_t vehicles, const BenchOptions& options) {
  WarmStartSpec spec;
  spec.vehicles = vehicles;
  spec.threads = options.threads;
  spec.seed = options.seed;
  WarmWorld warm = build_warm_world(spec);
  for (std::int64_t i = 0; i < options.warmup_steps; ++i) warm.world->step();
  WorldView view;
  warm.world->snapshot(view);

  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  GLFWwindow* window = glfwCreateWindow(kWidth, kHeight, "citytwin bench", nullptr, nullptr);
  if (window == nullptr) throw render::RenderError("glfwCreateWindow failed");
  struct WindowGuard {
    GLFWwindow* w;
    ~WindowGuard() { glfwDestroyWindow(w); }
  } guard{window};

  render::ContextOptions context_options;
  std::uint32_t count = 0;
  const char** extensions = glfwGetRequiredInstanceExtensions(&count);
  if (extensions == nullptr) throw render::RenderError("GLFW names no Vulkan surface extensions");
  context_options.instance_extensions.assign(extensions, extensions + count);
  context_options.swapchain = true;
  render::VulkanContext context(context_options);
  render::WindowTarget target(context, window);
  render::FrameRenderer renderer(context, target.render_pass(), warm.world->network());
  render::ImGuiLayer ui(context, window, target.render_pass(), target.min_image_count(),
                        target.image_count());
  render::KpiHistory history;
  history.add(view.time, view.kpi_names, view.kpi_values);
  render::LayerToggles layers;
  const std::vector<KpiPlot> plots = builtin_families().kpi_plots();

  const double fit = render::fit_bounds(warm.world->network().min_corner(),
                                        warm.world->network().max_corner(), kWidth, kHeight)
                         .pixels_per_metre;
  for (const auto& [name, ppm] : {std::pair{"city", 0.0}, std::pair{"street", 3.0}}) {
    render::Camera camera = render::fit_bounds(warm.world->network().min_corner(),
                                               warm.world->network().max_corner(), kWidth, kHeight);
    if (ppm > 0.0) camera.pixels_per_metre = std::max(ppm, fit);
    std::vector<double> ms;
    auto last = WallClock::now();
    for (unsigned f = 0; f < options.frames + 2; ++f) {  // two untimed: pipelines, buffers
      glfwPollEvents();
      ui.begin_frame();
      render::ShowKpiPanel(nullptr, view, history, plots);
      render::ShowLegendPanel(nullptr, view, layers);
      ui.end_frame();
      const std::uint32_t slot = renderer.wait_for_next_slot();
      auto frame = target.acquire(slot);
      if (!frame) continue;
      camera.width = frame->extent.width;
      camera.height = frame->extent.height;
      frame->in_pass = [&ui](VkCommandBuffer cmd) { ui.record(cmd); };
      renderer.render(view, camera, *frame);
      target.present();
      const auto now = WallClock::now();
      if (f >= 2) ms.push_back(std::chrono::duration<double, std::milli>(now - last).count());
      last = now;
    }
    context.wait_idle();
    if (ms.empty()) continue;
    const render::FrameStats& stats = renderer.last_stats();
    const double median = percentile(ms, 0.5);
    std::printf("%-6s %9zu %-8s %7.3f %-3s %9u %9.2f %9.2f %7.1f\n", label.c_str(),
                view.agent_count(), name, camera.pixels_per_metre,
                stats.agent_density ? "on" : "off", stats.instances(), median, percentile(ms, 0.9),
                median > 0.0 ? 1000.0 / median : 0.0);
    std::fflush(stdout);
  }
}

}  // namespace

int bench_render_window_command(const BenchOptions& options) {
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  if ((display == nullptr || *display == '\0') && (wayland == nullptr || *wayland == '\0')) {
    std::fprintf(stderr,
                 "citytwin bench: error: --window needs a display; on a headless machine run it "
                 "under xvfb-run -a -s \"-screen 0 1280x720x24\"\n");
    return kExitBadInput;
  }
  const auto parsed = parse_bench_sizes(options.sizes);
  if (!parsed) return kExitBadInput;
  const std::vector<std::size_t>& counts = *parsed;
  if (options.frames == 0) {
    std::fprintf(stderr, "citytwin bench: error: --frames must be positive\n");
    return kExitBadInput;
  }
  if (glfwInit() != GLFW_TRUE) {
    std::fprintf(stderr, "citytwin bench: error: glfwInit failed (no usable display)\n");
    return kExitBadInput;
  }
  Glfw glfw;
  std::printf("frames %dx%d in a window with the KPI and legend panels, %u timed frames per view\n",
              kWidth, kHeight, options.frames);
  std::printf("%-6s %9s %-8s %7s %-3s %9s %9s %9s %7s\n", "size", "agents", "view", "px/m", "LOD",
              "instances", "median_ms", "p90_ms", "fps");
  try {
    for (std::size_t i = 0; i < counts.size(); ++i) {
      measure_size(options.sizes[i], counts[i], options);
    }
  } catch (const render::RenderError& e) {
    std::fprintf(stderr, "citytwin bench: error: %s\n", e.what());
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace citytwin::cli
