#include "tools/cli/run_command.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "agents/families.hpp"
#include "sim/core/state_hasher.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/units.hpp"
#include "sim/step/pipeline.hpp"
#include "tools/cli/exit_codes.hpp"
#include "tools/cli/import_report_print.hpp"
#include "tools/cli/progress.hpp"
#include "tools/cli/run_outputs.hpp"
#include "tools/cli/scenario_command_errors.hpp"
#include "tools/report/run_report.hpp"
#ifdef CITYTWIN_HAVE_RENDER
#include "render/vulkan/render_error.hpp"
#include "tools/cli/run_frames.hpp"
#endif

namespace citytwin::cli {
namespace {

std::filesystem::path output_directory(const RunOptions& options, const Scenario& scenario) {
  if (options.out) return *options.out;
  if (!scenario.outputs.directory.empty()) return scenario.outputs.directory;
  std::string folder = scenario.name;
  if (!scenario.applied_variant.empty()) folder += "-" + scenario.applied_variant;
  return std::filesystem::path("out") / folder;
}

double end_time(const RunOptions& options, const Scenario& scenario) {
  if (!options.until) return scenario.simulation.duration;
  const auto until = parse_quantity(*options.until, Dimension::kDuration,
                                    Bounds{0.0, 30.0 * 86400.0, false, "between 0 s and 30 days"});
  if (!until.ok()) throw std::invalid_argument("--until: " + until.error);
  return until.value;
}

int run(const RunOptions& options) {
  const Scenario scenario = load_scenario(options.scenario, LoadOptions{options.variant});
  const double until = end_time(options, scenario);
  WorldOverrides overrides;
  overrides.threads = options.threads;
  overrides.seed = options.seed;
#ifdef CITYTWIN_HAVE_RENDER
  std::optional<FramePlan> frame_plan;
  if (options.frames) {
    frame_plan = plan_frames(FrameOptions{*options.frames, options.frame_size, options.kpi_panel},
                             scenario.simulation.step, until);
    // Snapshots on every frame time and KPI sample time; they change no result.
    overrides.publish_every =
        PublishedViews::publish_every(Clock(scenario.simulation.step), frame_plan->interval);
  }
#else
  if (options.frames) {
    throw std::invalid_argument(
        "--frames: this citytwin was built without the renderer (CITYTWIN_BUILD_RENDER=OFF)");
  }
#endif
  ImportReport report;
  auto world = build_world(scenario, overrides, &report);
  if (!report.skipped.empty() || !report.approximated.empty()) {
    print_import_report(stderr, report);
  }
  const auto directory = output_directory(options, scenario);

#ifdef CITYTWIN_HAVE_RENDER
  // Vulkan before the run: a machine without a device fails in a second, not after the simulation.
  std::unique_ptr<FrameRecorder> frames;
  if (frame_plan) {
    frames = std::make_unique<FrameRecorder>(*world, *frame_plan, directory / "frames");
    std::fprintf(stderr, "citytwin: a %ux%u frame every %.0f s into %s on %s\n", frame_plan->width,
                 frame_plan->height, frame_plan->interval, (directory / "frames").string().c_str(),
                 frames->device_name().c_str());
  }
#endif

  std::fprintf(stderr, "citytwin: running '%s'%s%s for %.0f s on %u thread(s), seed %llu\n",
               scenario.name.c_str(), scenario.applied_variant.empty() ? "" : " variant ",
               scenario.applied_variant.c_str(), until, world->threads(),
               static_cast<unsigned long long>(world->config().seed));
  Progress progress(stderr, until, options.progress);
  const auto start = std::chrono::steady_clock::now();
  world->run_until(until, [&](const World& w) {
    progress.update(w.clock().now(), w.clock().step());
#ifdef CITYTWIN_HAVE_RENDER
    if (frames) frames->after_step();  // between steps, from the published snapshot only
#endif
  });
  std::optional<std::filesystem::path> picture;
#ifdef CITYTWIN_HAVE_RENDER
  std::size_t frame_count = 0;
  if (frames) {
    frame_count = frames->finish();
    picture = frames->last_frame();
  }
#endif
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  progress.finish(world->clock().now(), world->clock().step());

  write_run_outputs(directory, scenario, *world,
                    RunFacts{wall, world->clock().now(), options.tripinfo});
  std::printf("report: %s\n", (directory / "summary.json").string().c_str());
#ifdef CITYTWIN_HAVE_RENDER
  if (frames) {
    std::printf("frames: %zu in %s\n", frame_count, (directory / "frames").string().c_str());
  }
#endif
  if (options.report) {
    const auto html = report::write_run_report(directory, picture);
    std::printf("html report: %s\n", html.string().c_str());
  }
  std::printf("state hash: %s  (%lld steps in %.2f s wall)\n", to_hex(world->state_hash()).c_str(),
              static_cast<long long>(world->clock().step()), wall);
  return kExitOk;
}

}  // namespace

int run_command(const RunOptions& options) {
  return with_scenario_errors("run", options.scenario, [&] {
#ifdef CITYTWIN_HAVE_RENDER
    try {
      return run(options);
    } catch (const render::RenderError& e) {
      // --frames on a machine without a Vulkan device (or a size beyond its limits).
      std::fprintf(stderr, "citytwin run: error: --frames: %s\n", e.what());
      return kExitBadInput;
    }
#else
    return run(options);
#endif
  });
}

}  // namespace citytwin::cli
