// One function per citytwin subcommand: its options, help and footer, and what runs when it is
// the command given (tools/cli/cli_commands.hpp).
#include <memory>
#include <string>

#include "tools/cli/bench_command.hpp"
#include "tools/cli/cli_commands.hpp"
#include "tools/cli/compare_command.hpp"
#include "tools/cli/import_command.hpp"
#include "tools/cli/run_command.hpp"
#include "tools/cli/scenario_options.hpp"
#include "tools/cli/validate_command.hpp"
#ifdef CITYTWIN_HAVE_RENDER
#include "tools/cli/bench_render.hpp"
#include "tools/cli/bench_render_window.hpp"
#endif

namespace citytwin::cli {

CliCommand add_run_cli(CLI::App& app) {
  struct Parsed {
    RunOptions options;
    bool no_progress = false;
    bool no_panel = false;
  };
  const auto parsed = std::make_shared<Parsed>();
  RunOptions& run = parsed->options;
  auto* run_cmd = app.add_subcommand("run", "Run a scenario headless and write its output folder");
  add_scenario_options(*run_cmd, run);
  run_cmd->add_option("--out", run.out, "Output folder (default: out/<scenario name>)");
  run_cmd->add_option("--until", run.until,
                      "Stop at this simulated time, e.g. '600 s' (default: scenario duration)");
  run_cmd->add_flag("--tripinfo", run.tripinfo,
                    "Also write SUMO-compatible tripinfo.xml into the output folder");
  bool& no_progress = parsed->no_progress;
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
  bool& run_no_panel = parsed->no_panel;
  run_cmd
      ->add_flag("--no-panel", run_no_panel, "With --frames: the bare city, without the KPI panel")
      ->needs(frames_opt);

  return {run_cmd, [parsed] {
            RunOptions run = parsed->options;
            run.progress = !parsed->no_progress;
            run.kpi_panel = !parsed->no_panel;
            return run_command(run);
          }};
}

CliCommand add_validate_cli(CLI::App& app) {
  struct Parsed {
    std::string file;
    std::string variant;
  };
  const auto parsed = std::make_shared<Parsed>();
  std::string& validate_file = parsed->file;
  std::string& validate_variant = parsed->variant;
  auto* validate_cmd =
      app.add_subcommand("validate", "Check a scenario file (and its variants); exit 2 if bad");
  validate_cmd->add_option("scenario", validate_file, "Scenario YAML file")->required();
  validate_cmd->add_option("--variant", validate_variant, "Check only this variant");

  return {validate_cmd, [parsed] { return validate_command(parsed->file, parsed->variant); }};
}

CliCommand add_bench_cli(CLI::App& app) {
  struct Parsed {
    BenchOptions options;
    bool no_lod = false;
  };
  const auto parsed = std::make_shared<Parsed>();
  BenchOptions& bench = parsed->options;
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
  bool& no_lod = parsed->no_lod;
  bench_cmd->add_flag("--no-lod", no_lod, "With --render: always draw agent sprites");
  bench_cmd->add_flag("--window", bench.window,
                      "With --render: in a window with the dashboards (needs a display, e.g. "
                      "xvfb-run)");
  bench_cmd->add_option("--overlay", bench.overlay,
                        "With --render: also draw this overlay field, e.g. congestion");
#endif

  return {bench_cmd, [parsed] {
            BenchOptions bench = parsed->options;
#ifdef CITYTWIN_HAVE_RENDER
            if (bench.render) {
              bench.lod = !parsed->no_lod;
              return bench.window ? bench_render_window_command(bench)
                                  : bench_render_command(bench);
            }
#endif
            return bench_command(bench);
          }};
}

CliCommand add_import_cli(CLI::App& app) {
  auto* import_cmd = app.add_subcommand(
      "import", "Turn a SUMO, CityFlow or OSM network (and its demand) into a scenario YAML");
  import_cmd->require_subcommand(1);
  struct Parsed {
    ImportOptions sumo;
    ImportOptions cityflow;
    ImportOptions osm;
  };
  const auto parsed = std::make_shared<Parsed>();
  ImportOptions& imp_sumo = parsed->sumo;
  ImportOptions& imp_cityflow = parsed->cityflow;
  ImportOptions& imp_osm = parsed->osm;
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

  return {import_cmd, [parsed, imp_sumo_cmd, imp_cityflow_cmd] {
            if (imp_sumo_cmd->parsed()) return import_command(parsed->sumo);
            if (imp_cityflow_cmd->parsed()) return import_command(parsed->cityflow);
            return import_command(parsed->osm);
          }};
}

CliCommand add_compare_cli(CLI::App& app) {
  const auto parsed = std::make_shared<CompareOptions>();
  CompareOptions& compare = *parsed;
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

  return {compare_cmd, [parsed] { return compare_command(*parsed); }};
}

}  // namespace citytwin::cli
