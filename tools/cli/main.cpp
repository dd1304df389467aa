// citytwin: the command-line front end. Each subcommand's work lives in its own file; this one
// only parses arguments and maps failures to exit codes (0 ok, 2 bad input, 1 internal error).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "sim/version.hpp"
#include "tools/cli/bench_command.hpp"
#include "tools/cli/compare_command.hpp"
#include "tools/cli/exit_codes.hpp"
#include "tools/cli/import_command.hpp"
#include "tools/cli/run_command.hpp"
#ifdef CITYTWIN_HAVE_RENDER
#include "tools/cli/bench_render.hpp"
#include "tools/cli/bench_render_window.hpp"
#include "tools/cli/render_command.hpp"
#include "tools/cli/view_command.hpp"
#endif
#include "tools/cli/validate_command.hpp"

namespace {

int dispatch(int argc, char** argv) {
  using namespace citytwin::cli;
  CLI::App app{"citytwin — a parallel agent-based smart-city digital twin"};
  app.set_version_flag("--version", std::string("citytwin ") + citytwin::kVersion);
  app.require_subcommand(1);

  RunOptions run;
  auto* run_cmd = app.add_subcommand("run", "Run a scenario headless and write its output folder");
  run_cmd->add_option("scenario", run.scenario, "Scenario YAML file")->required();
  run_cmd->add_option("--variant", run.variant, "Apply a named variant of the scenario");
  run_cmd->add_option("--threads", run.threads, "Worker threads (default: scenario, 0 = all)")
      ->check(CLI::Range(0u, 1024u));
  run_cmd->add_option("--seed", run.seed, "Random seed (default: the scenario's)");
  run_cmd->add_option("--out", run.out, "Output folder (default: out/<scenario name>)");
  run_cmd->add_option("--until", run.until,
                      "Stop at this simulated time, e.g. '600 s' (default: scenario duration)");
  run_cmd->add_flag("--tripinfo", run.tripinfo,
                    "Also write SUMO-compatible tripinfo.xml into the output folder");
  bool no_progress = false;
  run_cmd->add_flag("--no-progress", no_progress, "Do not report progress on stderr");
  run_cmd->add_flag("--report", run.report,
                    "Also write report.html: run facts, KPI tables, SVG plots over time and, "
                    "with --frames, the last frame (self-contained, opens offline)");
  // Always offered: a build without the renderer says so when --frames is used.
  auto* frames_opt = run_cmd->add_option(
      "--frames", run.frames,
      "Write a PNG of the city with the KPI panel every INTERVAL simulated seconds, e.g. 60s, "
      "into <out>/frames/frame_000060s.png ... (Vulkan, no window)");
  run_cmd->add_option("--frame-size", run.frame_size, "With --frames: image size WIDTHxHEIGHT")
      ->capture_default_str()
      ->needs(frames_opt);
  run_cmd->footer(
      "Writes summary.json, timeseries.csv and trips.csv (and tripinfo.xml if asked) into the "
      "output folder, each atomically.\n--frames adds frames/frame_000060s.png, ... (names sort "
      "in time order; the run's results are the same with or without them).\n--report adds "
      "report.html (one file, no network needed; plots only when there are no frames).\nExit "
      "codes: 0 ok, 2 bad input (scenario, arguments, no Vulkan device for --frames), 1 internal "
      "error.");
  bool run_no_panel = false;
  run_cmd
      ->add_flag("--no-panel", run_no_panel, "With --frames: the bare city, without the KPI panel")
      ->needs(frames_opt);

  std::string validate_file;
  std::string validate_variant;
  auto* validate_cmd =
      app.add_subcommand("validate", "Check a scenario file (and its variants); exit 2 if bad");
  validate_cmd->add_option("scenario", validate_file, "Scenario YAML file")->required();
  validate_cmd->add_option("--variant", validate_variant, "Check only this variant");

  BenchOptions bench;
  auto* bench_cmd = app.add_subcommand(
      "bench", "Time the traffic engine on warm-started grids of given vehicle counts");
  bench_cmd->add_option("--sizes", bench.sizes, "Vehicle counts, e.g. 1k,10k,100k,1M")
      ->delimiter(',')
      ->capture_default_str();
  bench_cmd->add_option("--threads", bench.threads, "Worker threads (0 = all)")
      ->check(CLI::Range(0u, 1024u));
  bench_cmd->add_option("--steps", bench.steps, "Timed steps per size")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  bench_cmd->add_option("--warmup", bench.warmup_steps, "Untimed steps before timing")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  bench_cmd->add_option("--seed", bench.seed, "Seed for placement and destinations")
      ->capture_default_str();
  bench_cmd->add_option("--json", bench.json, "Also write the results as JSON to this file");
#ifdef CITYTWIN_HAVE_RENDER
  bench_cmd->add_flag("--render", bench.render,
                      "Time the city view (headless frames, 1280x720) instead of the engine");
  bench_cmd->add_option("--frames", bench.frames, "With --render: timed frames per camera")
      ->check(CLI::Range(1u, 100000u))
      ->capture_default_str();
  bool no_lod = false;
  bench_cmd->add_flag("--no-lod", no_lod, "With --render: always draw agent sprites");
  bench_cmd->add_flag("--window", bench.window,
                      "With --render: in a window with the dashboards (needs a display, e.g. "
                      "xvfb-run)");
  bench_cmd->add_option("--overlay", bench.overlay,
                        "With --render: also draw this overlay field, e.g. congestion");
#endif

  auto* import_cmd = app.add_subcommand(
      "import", "Turn a SUMO, CityFlow or OSM network (and its demand) into a scenario YAML");
  import_cmd->require_subcommand(1);
  ImportOptions imp_sumo, imp_cityflow, imp_osm;
  auto add_common = [](CLI::App* cmd, ImportOptions& o, const char* network_help) {
    cmd->add_option("network", o.network, network_help)->required();
    cmd->add_option("-o,--output", o.output, "Scenario YAML to write (data folder beside it)")
        ->required();
    cmd->add_option("--name", o.name, "Scenario name (default: the output file's stem)");
    cmd->add_option("--duration", o.duration, "Simulated seconds in the scenario")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
  };
  imp_sumo.format = ImportFormat::kSumo;
  auto* imp_sumo_cmd = import_cmd->add_subcommand("sumo", "Import a SUMO .net.xml");
  add_common(imp_sumo_cmd, imp_sumo, "SUMO network (.net.xml)");
  imp_sumo_cmd->add_option("--routes", imp_sumo.demand, "SUMO routes (.rou.xml), repeatable");
  imp_cityflow.format = ImportFormat::kCityFlow;
  auto* imp_cityflow_cmd = import_cmd->add_subcommand("cityflow", "Import a CityFlow roadnet");
  add_common(imp_cityflow_cmd, imp_cityflow, "CityFlow roadnet.json");
  imp_cityflow_cmd->add_option("--flow", imp_cityflow.demand, "CityFlow flow.json, repeatable");
  imp_osm.format = ImportFormat::kOsm;
  auto* imp_osm_cmd =
      import_cmd->add_subcommand("osm", "Import an OpenStreetMap file through SUMO's netconvert");
  add_common(imp_osm_cmd, imp_osm, "OpenStreetMap file (.osm)");
  imp_osm_cmd->add_option("--routes", imp_osm.demand, "SUMO routes (.rou.xml), repeatable");

#ifdef CITYTWIN_HAVE_RENDER
  RenderOptions render;
  auto* render_cmd = app.add_subcommand(
      "render",
      "Run a scenario headless to a time and draw the city into a PNG (Vulkan, no window)");
  render_cmd->add_option("scenario", render.scenario, "Scenario YAML file")->required();
  render_cmd->add_option("--variant", render.variant, "Apply a named variant of the scenario");
  render_cmd->add_option("--at", render.at, "Simulated time of the picture, e.g. '1800 s'")
      ->capture_default_str();
  render_cmd->add_option("-o,--out", render.out, "PNG file to write")->capture_default_str();
  render_cmd->add_option("--size", render.size, "Image size WIDTHxHEIGHT")->capture_default_str();
  render_cmd->add_option("--zoom", render.zoom, "Magnification over the whole-city view")
      ->capture_default_str();
  render_cmd->add_option("--center", render.centre, "View centre X,Y in metres (default: city)");
  render_cmd->add_option("--threads", render.threads, "Worker threads (default: scenario, 0 = all)")
      ->check(CLI::Range(0u, 1024u));
  render_cmd->add_option("--seed", render.seed, "Random seed (default: the scenario's)");
  render_cmd
      ->add_option("--time-frames", render.timed_frames,
                   "Render this many extra frames and report the median frame time")
      ->check(CLI::Range(0u, 10000u));
  bool render_no_panel = false;
  render_cmd->add_flag("--no-panel", render_no_panel,
                       "Draw the bare city, without the KPI panel and its plots");
  render_cmd->add_option("--overlay", render.overlay,
                         "Draw a scalar field the simulation publishes, e.g. congestion, density");

  ViewOptions view;
  auto* view_cmd = app.add_subcommand(
      "view", "Open the city view: live traffic, dashboards and what-if knobs (needs a display)");
  view_cmd->add_option("scenario", view.scenario, "Scenario YAML file")->required();
  view_cmd->add_option("--variant", view.variant, "Apply a named variant of the scenario");
  view_cmd->add_option("--threads", view.threads, "Simulation worker threads (0 = all)")
      ->check(CLI::Range(0u, 1024u));
  view_cmd->add_option("--seed", view.seed, "Random seed (default: the scenario's)");
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
                       "Open the inspector on node:NAME or vehicle:ID (as a click would)");
  view_cmd->add_option("--then-seek", view.then_seek,
                       "Scripted: once paused at --pause-at, seek to this time (as the slider)");
  view_cmd->add_flag("--compare", view.compare,
                     "A/B: run the base scenario beside it (same seed) and show KPI deltas live");
  view_cmd->add_option("--baseline", view.baseline,
                       "A/B: the variant to compare against (implies --compare)");
  view_cmd->add_option("--screenshot", view.screenshot,
                       "With --frames: write the last frame (city and dashboards) to this PNG");
#endif

  CompareOptions compare;
  auto* compare_cmd = app.add_subcommand(
      "compare", "Run the base scenario and variants with one seed and compare their KPIs");
  compare_cmd->add_option("scenario", compare.scenario, "Scenario YAML file")->required();
  compare_cmd->add_option("--variant", compare.variants, "A variant to compare (repeatable)")
      ->required();
  compare_cmd->add_option("--threads", compare.threads, "Worker threads (0 = all)")
      ->check(CLI::Range(0u, 1024u));
  compare_cmd->add_option("--seed", compare.seed, "Seed of every run (default: the scenario's)");
  compare_cmd->add_option("--out", compare.out,
                          "Comparison folder (default: out/<scenario name>-compare)");
  compare_cmd->add_option("--until", compare.until, "Stop every run at this time, e.g. '1800 s'");
  compare_cmd->footer(
      "Every run uses the same seed (common random numbers), so the differences come from the "
      "variant, not from random noise.\nWrites <out>/base/, <out>/<variant>/ (summary.json, "
      "timeseries.csv, trips.csv) and <out>/compare.csv (metric, run, value, baseline, delta, "
      "delta_pct), each atomically.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  if (run_cmd->parsed()) {
    run.progress = !no_progress;
    run.kpi_panel = !run_no_panel;
    return run_command(run);
  }
#ifdef CITYTWIN_HAVE_RENDER
  if (bench_cmd->parsed() && bench.render) {
    bench.lod = !no_lod;
    return bench.window ? bench_render_window_command(bench) : bench_render_command(bench);
  }
#endif
  if (bench_cmd->parsed()) return bench_command(bench);
  if (compare_cmd->parsed()) return compare_command(compare);
  if (imp_sumo_cmd->parsed()) return import_command(imp_sumo);
  if (imp_cityflow_cmd->parsed()) return import_command(imp_cityflow);
  if (imp_osm_cmd->parsed()) return import_command(imp_osm);

#ifdef CITYTWIN_HAVE_RENDER
  if (render_cmd->parsed()) {
    render.kpi_panel = !render_no_panel;
    return render_command(render);
  }
  if (view_cmd->parsed()) return view_command(view);
#endif
  return validate_command(validate_file, validate_variant);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return dispatch(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "citytwin: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "citytwin: internal error (unknown exception)\n");
  }
  return citytwin::cli::kExitInternalError;
}
