#include "tools/cli/bench_render.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "render/headless_renderer.hpp"
#include "render/overlays/overlay_selection.hpp"
#include "render/vulkan/render_error.hpp"
#include "tools/cli/bench_warm_start.hpp"
#include "tools/cli/exit_codes.hpp"

namespace citytwin::cli {
namespace {

constexpr std::uint32_t kWidth = 1280;
constexpr std::uint32_t kHeight = 720;

struct ViewSpec {
  const char* name;
  double pixels_per_metre;  // 0 = fit the whole city
};
constexpr ViewSpec kViews[] = {{"city", 0.0}, {"district", 0.5}, {"street", 3.0}};

void measure_size(const std::string& label, std::size_t vehicles, const BenchOptions& options) {
  WarmStartSpec spec;
  spec.vehicles = vehicles;
  spec.threads = options.threads;
  spec.seed = options.seed;
  WarmWorld warm = build_warm_world(spec);
  World& world = *warm.world;
  for (std::int64_t i = 0; i < options.warmup_steps; ++i) world.step();
  WorldView view;
  world.snapshot(view);

  render::HeadlessOptions headless;
  headless.width = kWidth;
  headless.height = kHeight;
  render::HeadlessRenderer renderer(world.network(), headless);
  if (!options.overlay.empty()) {
    render::LayerToggles layers;
    if (!render::select_overlay(view, options.overlay, layers)) {
      throw std::invalid_argument("--overlay: no field '" + options.overlay +
                                  "' (the bench world has: " + render::overlay_names(view) + ")");
    }
    renderer.set_layers(layers);
  }
  if (!options.lod) {
    render::DetailRule sprites_always;
    sprites_always.min_sprite_pixels = 0.0;
    sprites_always.crowd_agents = std::numeric_limits<std::size_t>::max();
    renderer.set_detail_rule(sprites_always);
  }
  for (const ViewSpec& spec_view : kViews) {
    render::Camera camera = renderer.fit_camera();
    if (spec_view.pixels_per_metre > 0.0) camera.pixels_per_metre = spec_view.pixels_per_metre;
    renderer.render(view, camera);  // first frame: pipelines warm, buffers grown; not timed
    std::vector<double> ms;
    std::vector<double> prepare;
    std::vector<double> wait;
    std::vector<double> read;
    for (unsigned f = 0; f < options.frames; ++f) {
      renderer.render(view, camera);
      ms.push_back(renderer.last_frame_ms());
      prepare.push_back(renderer.last_timing().prepare_ms);
      wait.push_back(renderer.last_timing().wait_ms);
      read.push_back(renderer.last_timing().read_ms);
    }
    const render::FrameStats& stats = renderer.last_stats();
    const double median = percentile(ms, 0.5);
    std::printf("%-6s %9zu %-8s %7.3f %-3s %9u %9u %9u %9.2f %9.2f %7.1f %7.2f %7.2f %7.2f\n",
                label.c_str(), view.agent_count(), spec_view.name, camera.pixels_per_metre,
                stats.agent_density ? "on" : "off", stats.city_triangles, stats.instances(),
                stats.agent_density ? stats.binned_agents : stats.agents, median,
                percentile(ms, 0.9), median > 0.0 ? 1000.0 / median : 0.0, percentile(prepare, 0.5),
                percentile(wait, 0.5), percentile(read, 0.5));
    std::fflush(stdout);
  }
}

}  // namespace

int bench_render_command(const BenchOptions& options) {
  const auto parsed = parse_bench_sizes(options.sizes);
  if (!parsed) return kExitBadInput;
  const std::vector<std::size_t>& counts = *parsed;
  if (options.frames == 0) {
    std::fprintf(stderr, "citytwin bench: error: --frames must be positive\n");
    return kExitBadInput;
  }
  std::printf("frames %ux%u headless, %u timed frames per view, level of detail %s, overlay %s\n",
              kWidth, kHeight, options.frames, options.lod ? "on" : "forced off",
              options.overlay.empty() ? "none" : options.overlay.c_str());
  // city_tris: static-layer triangles drawn (tiles in view); in_layer: agents drawn as sprites, or
  // binned into density cells; prep/wait/read: medians of the frame's parts
  // (HeadlessRenderer::FrameTiming).
  std::printf("%-6s %9s %-8s %7s %-3s %9s %9s %9s %9s %9s %7s %7s %7s %7s\n", "size", "agents",
              "view", "px/m", "LOD", "city_tris", "instances", "in_layer", "median_ms", "p90_ms",
              "fps", "prep_ms", "wait_ms", "read_ms");
  try {
    for (std::size_t i = 0; i < counts.size(); ++i) {
      measure_size(options.sizes[i], counts[i], options);
    }
  } catch (const render::RenderError& e) {
    std::fprintf(stderr, "citytwin bench: error: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "citytwin bench: error: %s\n", e.what());
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace citytwin::cli
