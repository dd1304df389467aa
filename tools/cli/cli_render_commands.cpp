// The subcommands that draw (render, view): only in builds with the renderer.
#include <memory>
#include <string>

#include "agents/families.hpp"
#include "tools/cli/cli_commands.hpp"
#include "tools/cli/render_command.hpp"
#include "tools/cli/scenario_options.hpp"
#include "tools/cli/view_command.hpp"
#include "tools/viewer/view_input.hpp"

namespace citytwin::cli {

CliCommand add_render_cli(CLI::App& app) {
  struct Parsed {
    RenderOptions options;
    bool no_panel = false;
  };
  const auto parsed = std::make_shared<Parsed>();
  RenderOptions& render = parsed->options;
  auto* render_cmd = app.add_subcommand(
      "render",
      "Run a scenario headless to a time and draw the city into a PNG (Vulkan, no window)");
  add_scenario_options(*render_cmd, render);
  render_cmd->add_option("--at", render.at, "Simulated time of the picture, e.g. '1800 s'")
      ->capture_default_str();
  render_cmd->add_option("-o,--out", render.out, "PNG file to write")->capture_default_str();
  render_cmd->add_option("--size", render.size, "Image size WIDTHxHEIGHT")->capture_default_str();
  render_cmd->add_option("--zoom", render.zoom, "Magnification over the whole-city view")
      ->capture_default_str();
  render_cmd->add_option("--center", render.centre, "View centre X,Y in metres (default: city)");
  render_cmd
      ->add_option("--time-frames", render.timed_frames,
                   "Render this many extra frames and report the median frame time")
      ->check(CLI::Range(0u, 10000u));
  bool& render_no_panel = parsed->no_panel;
  render_cmd->add_flag("--no-panel", render_no_panel,
                       "Draw the bare city, without the KPI panel and its plots");
  render_cmd->add_option("--overlay", render.overlay,
                         "Draw a scalar field the simulation publishes, e.g. congestion, density");

  return {render_cmd, [parsed] {
            RenderOptions render = parsed->options;
            render.kpi_panel = !parsed->no_panel;
            return render_command(render);
          }};
}

CliCommand add_view_cli(CLI::App& app) {
  const auto parsed = std::make_shared<ViewOptions>();
  ViewOptions& view = *parsed;
  auto* view_cmd = app.add_subcommand(
      "view", "Open the city view: live traffic, dashboards and what-if knobs (needs a display)");
  add_scenario_options(*view_cmd, view, "Simulation worker threads (default: scenario, 0 = all)");
  view_cmd
      ->add_option("--speed", view.speed,
                   "Simulated seconds per wall second: 1, 10, 100, 1000 or max")
      ->capture_default_str();
  view_cmd->add_option("--size", view.size, "Window size WIDTHxHEIGHT")->capture_default_str();
  view_cmd->add_flag("--paused", view.start_paused, "Start paused");
  view_cmd->add_option("--pause-at", view.pause_at,
                       "Pause the simulation at this time, e.g. '600 s'");
  view_cmd
      ->add_option("--frames", view.frames,
                   "Render this many frames (and, with --pause-at, until paused there), then exit")
      ->check(CLI::Range(1u, 1000000u));
  view_cmd->add_option("--inspect", view.inspect,
                       "Open the inspector on " + viewer::inspect_kinds_usage(builtin_families()) +
                           " (as a click would)");
  view_cmd->add_option("--then-seek", view.then_seek,
                       "Scripted: once paused at --pause-at, seek to this time (as the slider)");
  view_cmd->add_flag("--compare", view.compare,
                     "A/B: run the base scenario beside it (same seed) and show KPI deltas live");
  view_cmd->add_option("--baseline", view.baseline,
                       "A/B: the variant to compare against (implies --compare)");
  view_cmd->add_option("--screenshot", view.screenshot,
                       "With --frames: write the last frame (city and dashboards) to this PNG");
  return {view_cmd, [parsed] { return view_command(*parsed); }};
}

}  // namespace citytwin::cli
