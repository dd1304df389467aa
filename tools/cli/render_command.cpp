#include "tools/cli/render_command.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

#include "agents/families.hpp"
#include "render/city_picture.hpp"
#include "render/overlays/overlay_selection.hpp"
#include "render/vulkan/png_writer.hpp"
#include "render/vulkan/render_error.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/units.hpp"
#include "sim/step/pipeline.hpp"
#include "tools/cli/exit_codes.hpp"
#include "tools/cli/published_views.hpp"
#include "tools/cli/scenario_command_errors.hpp"

namespace citytwin::cli {
namespace {

constexpr std::uint32_t kMaxSide = 16384;

std::optional<std::uint32_t> parse_side(std::string_view text) {
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return {};
  if (value < 1 || value > kMaxSide) return {};
  return value;
}

Vec2 parse_centre(const std::string& text) {
  const auto comma = text.find(',');
  try {
    if (comma != std::string::npos) {
      std::size_t used_x = 0;
      std::size_t used_y = 0;
      const std::string xs = text.substr(0, comma);
      const std::string ys = text.substr(comma + 1);
      const double x = std::stod(xs, &used_x);
      const double y = std::stod(ys, &used_y);
      if (used_x == xs.size() && used_y == ys.size() && std::isfinite(x) && std::isfinite(y)) {
        return {x, y};
      }
    }
  } catch (const std::exception&) {
  }
  throw std::invalid_argument("--center: '" + text + "' is not X,Y in metres, e.g. 1500,1500");
}

double milliseconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

int render(const RenderOptions& options) {
  const auto size = parse_frame_size(options.size);
  if (!size) {
    throw std::invalid_argument("--size: '" + options.size +
                                "' is not WIDTHxHEIGHT with sides 1..16384, e.g. 1920x1080");
  }
  const Scenario scenario = load_scenario(options.scenario, LoadOptions{options.variant});
  if (!(options.zoom > 0.0) || !std::isfinite(options.zoom)) {
    throw std::invalid_argument("--zoom must be a positive number");
  }
  const std::optional<Vec2> centre =
      options.centre ? std::optional(parse_centre(*options.centre)) : std::nullopt;
  const auto at = parse_quantity(options.at, Dimension::kDuration,
                                 Bounds{0.0, 30.0 * 86400.0, true, "between 0 s and 30 days"});
  if (!at.ok()) throw std::invalid_argument("--at: " + at.error);

  render::PictureOptions picture_options;
  picture_options.headless.width = size->width;
  picture_options.headless.height = size->height;
  picture_options.kpi_panel = options.kpi_panel;
  picture_options.dashboards = render::dashboards_of(builtin_families());
  WorldOverrides overrides;
  overrides.threads = options.threads;
  overrides.seed = options.seed;
  // Published snapshots every KPI interval: the panel's plots get the viewer's history.
  overrides.publish_every =
      PublishedViews::publish_every(Clock(scenario.simulation.step), std::nullopt);
  auto world = build_world(scenario, overrides);
  // Vulkan before the run: a machine without a device fails in a second, not after the simulation.
  render::CityPicture picture(world->network(), picture_options);
  render::HeadlessRenderer& renderer = picture.renderer();
  std::fprintf(stderr, "citytwin: rendering '%s'%s%s at %.0f s, %ux%u on %s\n",
               scenario.name.c_str(), scenario.applied_variant.empty() ? "" : " variant ",
               scenario.applied_variant.c_str(), at.value, size->width, size->height,
               renderer.context().device_name().c_str());

  PublishedViews views(*world);
  world->run_until(at.value, [&](const World&) { views.poll(); });
  views.publish_now(*world);  // the picture's state, whether or not --at is on the grid
  const WorldView& view = views.view();
  if (!options.overlay.empty()) {
    render::LayerToggles layers;
    if (!render::select_overlay(view, options.overlay, layers)) {
      throw std::invalid_argument("--overlay: no field '" + options.overlay +
                                  "' in this scenario (it has: " + render::overlay_names(view) +
                                  ")");
    }
    renderer.set_layers(layers);
  }

  render::Camera camera = renderer.fit_camera();
  camera.pixels_per_metre *= options.zoom;
  if (centre) camera.centre = *centre;
  const auto& pixels = picture.draw(view, camera, views.history());
  const double first_ms = renderer.last_frame_ms();
  std::vector<std::uint8_t> image = pixels;
  std::vector<double> times;
  for (unsigned i = 0; i < options.timed_frames; ++i) {
    picture.draw(view, camera, views.history());
    times.push_back(renderer.last_frame_ms());
  }

  const auto encode_start = std::chrono::steady_clock::now();
  render::write_png(options.out, image, size->width, size->height);
  const double png_ms = milliseconds_since(encode_start);

  const auto& stats = renderer.last_stats();
  std::printf("image: %s (%ux%u)\n", options.out.string().c_str(), size->width, size->height);
  std::printf(
      "frame: %u vehicles, %u signal heads, %u city triangles; %.1f ms (first frame), "
      "PNG %.1f ms\n",
      stats.agents, stats.signal_heads, stats.city_triangles, first_ms, png_ms);
  if (const auto panel = picture.kpi_panel()) {
    // Where the panel is, so scripts and tests can look at the city beside it.
    std::printf("kpi-panel: %.0f %.0f %.0f %.0f (%zu samples)\n", panel->x, panel->y, panel->width,
                panel->height, views.history().size());
  }
  if (stats.agent_density) {
    std::printf("zoomed out: %u agents drawn as %u density cells\n", stats.binned_agents,
                stats.density_cells);
  }
  if (!times.empty()) {
    std::sort(times.begin(), times.end());
    std::printf("frame time: median %.2f ms, min %.2f ms over %zu frames\n",
                times[times.size() / 2], times.front(), times.size());
  }
  return kExitOk;
}

}  // namespace

std::optional<FrameSize> parse_frame_size(std::string_view text) {
  const auto x = text.find('x');
  if (x == std::string_view::npos) return {};
  const auto width = parse_side(text.substr(0, x));
  const auto height = parse_side(text.substr(x + 1));
  if (!width || !height) return {};
  return FrameSize{*width, *height};
}

int render_command(const RenderOptions& options) {
  return with_scenario_errors("render", options.scenario, [&] {
    try {
      return render(options);
    } catch (const render::RenderError& e) {
      // No device, size above the device's limits: the machine cannot do what was asked.
      std::fprintf(stderr, "citytwin render: error: %s\n", e.what());
      return kExitBadInput;
    }
  });
}

}  // namespace citytwin::cli
