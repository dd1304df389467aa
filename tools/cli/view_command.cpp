#include "tools/cli/view_command.hpp"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImGui::FindWindowByName: where the panels are, for screenshots

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "agents/world_builder.hpp"
#include "render/camera.hpp"
#include "render/compare_panel.hpp"
#include "render/dashboards.hpp"
#include "render/frame_renderer.hpp"
#include "render/imgui_layer.hpp"
#include "render/inspector_panel.hpp"
#include "render/picking.hpp"
#include "render/png_writer.hpp"
#include "render/render_error.hpp"
#include "render/view_stream.hpp"
#include "render/vulkan_context.hpp"
#include "render/what_if_panel.hpp"
#include "render/window_target.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/units.hpp"
#include "sim/step/pipeline.hpp"
#include "tools/cli/bench_command.hpp"
#include "tools/cli/exit_codes.hpp"
#include "tools/cli/render_command.hpp"
#include "tools/cli/scenario_command_errors.hpp"
#include "tools/viewer/run_setup.hpp"
#include "tools/viewer/simulation_thread.hpp"
#include "tools/viewer/view_input.hpp"
#include "tools/viewer/viewer_runs.hpp"

namespace citytwin::cli {
namespace {

using WallClock = std::chrono::steady_clock;

// A scripted run (--frames) that has not reached its picture after this long has failed.
constexpr double kScriptTimeoutSeconds = 300.0;

std::string glfw_error;

void on_glfw_error(int code, const char* description) {
  glfw_error =
      std::string(description ? description : "unknown") + " (" + std::to_string(code) + ")";
}

int no_display(const std::string& why) {
  std::fprintf(stderr,
               "citytwin view: no display: %s.\n"
               "  `citytwin view` opens a window and needs an X11 or Wayland display; on a "
               "headless machine\n"
               "  run it under Xvfb (xvfb-run -a -s \"-screen 0 1280x720x24\" citytwin view ...) "
               "or draw\n"
               "  pictures without a window: citytwin render SCENARIO --at 1800s -o city.png\n",
               why.c_str());
  return kExitBadInput;
}

// GLFW for the lifetime of the viewer; terminated last.
struct GlfwSession {
  GlfwSession() = default;
  ~GlfwSession() { glfwTerminate(); }
  GlfwSession(const GlfwSession&) = delete;
  GlfwSession& operator=(const GlfwSession&) = delete;
};

struct Window {
  GLFWwindow* handle = nullptr;
  ~Window() {
    if (handle != nullptr) glfwDestroyWindow(handle);
  }
};

int view(const ViewOptions& options) {
  const auto speed = parse_speed(options.speed);
  if (!speed) {
    throw std::invalid_argument("--speed: '" + options.speed +
                                "' is not a positive multiplier (1, 10, 100, 1000) or max");
  }
  const auto size = parse_frame_size(options.size);
  if (!size) {
    throw std::invalid_argument("--size: '" + options.size +
                                "' is not WIDTHxHEIGHT with sides 1..16384, e.g. 1280x720");
  }
  if (options.screenshot && options.frames == 0) {
    throw std::invalid_argument("--screenshot needs --frames N (the frame to capture)");
  }
  const Scenario scenario = load_scenario(options.scenario, LoadOptions{options.variant});
  std::optional<double> pause_at;
  if (options.pause_at) {
    const auto at = parse_quantity(*options.pause_at, Dimension::kDuration,
                                   Bounds{0.0, 30.0 * 86400.0, true, "between 0 s and 30 days"});
    if (!at.ok()) throw std::invalid_argument("--pause-at: " + at.error);
    pause_at = at.value;
  }
  std::optional<double> then_seek;
  if (options.then_seek) {
    if (!pause_at || options.frames == 0) {
      throw std::invalid_argument("--then-seek needs --pause-at and --frames (a scripted run)");
    }
    const auto at = parse_quantity(*options.then_seek, Dimension::kDuration,
                                   Bounds{0.0, 30.0 * 86400.0, true, "between 0 s and 30 days"});
    if (!at.ok()) throw std::invalid_argument("--then-seek: " + at.error);
    then_seek = at.value;
  }

  // The display first: without one, say so before spending time on the world.
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  if ((display == nullptr || *display == '\0') && (wayland == nullptr || *wayland == '\0')) {
    return no_display("neither DISPLAY nor WAYLAND_DISPLAY is set");
  }
  glfwSetErrorCallback(on_glfw_error);
  if (glfwInit() != GLFW_TRUE) return no_display("glfwInit failed: " + glfw_error);
  GlfwSession glfw;
  if (glfwVulkanSupported() != GLFW_TRUE) {
    throw render::RenderError(
        "GLFW finds no Vulkan loader; install libvulkan1 and mesa-vulkan-drivers");
  }

  WorldOverrides overrides;
  overrides.threads = options.threads;
  overrides.seed = options.seed;
  // A/B compare: the baseline (A) runs beside it with the same seed (common random numbers).
  std::optional<Scenario> base;
  if (options.compare || options.baseline) {
    base = load_scenario(options.scenario, LoadOptions{options.baseline.value_or("")});
  }
  const viewer::RunSetup setup(scenario, overrides, base);
  viewer::ViewerRuns runs(setup);
  const std::shared_ptr<const Network> network = runs.sim().world().shared_network();
  std::vector<render::Knob> knobs = render::make_knobs(runs.sim().world().knobs());
  const unsigned sim_threads = runs.sim().world().threads();
  std::optional<InspectTarget> inspect_first;
  if (options.inspect) inspect_first = viewer::parse_inspect_target(*options.inspect, *network);
  render::CompareStatus compare;
  bool same_layout = false;
  if (base) {
    compare.baseline = base->applied_variant.empty() ? "base scenario" : base->applied_variant;
    compare.variant = scenario.applied_variant.empty() ? "base scenario + what-ifs"
                                                       : scenario.applied_variant + " + what-ifs";
    same_layout = render::same_layout(*network, runs.sim().baseline()->network());
  }

  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  const std::string title =
      "citytwin — " + scenario.name +
      (scenario.applied_variant.empty() ? "" : " / " + scenario.applied_variant);
  Window window;
  window.handle = glfwCreateWindow(static_cast<int>(size->width), static_cast<int>(size->height),
                                   title.c_str(), nullptr, nullptr);
  if (window.handle == nullptr) return no_display("glfwCreateWindow failed: " + glfw_error);

  render::ContextOptions context_options;
  std::uint32_t extension_count = 0;
  const char** extensions = glfwGetRequiredInstanceExtensions(&extension_count);
  if (extensions == nullptr) {
    throw render::RenderError("GLFW names no Vulkan surface extensions: " + glfw_error);
  }
  context_options.instance_extensions.assign(extensions, extensions + extension_count);
  context_options.swapchain = true;
  render::VulkanContext context(context_options);
  render::WindowTarget target(context, window.handle);
  render::FrameRenderer renderer(context, target.render_pass(), *network);
  render::ImGuiLayer ui(context, window.handle, target.render_pass(), target.min_image_count(),
                        target.image_count());
  std::uint32_t target_generation = target.generation();

  std::fprintf(stderr, "citytwin: viewing '%s'%s%s on %s, %u simulation thread(s), speed %s\n",
               scenario.name.c_str(), scenario.applied_variant.empty() ? "" : " variant ",
               scenario.applied_variant.c_str(), context.device_name().c_str(), sim_threads,
               options.speed.c_str());

  // Before the simulation: its rejected what-ifs are logged here until the thread has stopped.
  render::WhatIfLog what_if_log;
  if (inspect_first) runs.sim().inspect(*inspect_first);
  if (pause_at) runs.sim().pause_at(*pause_at);
  runs.sim().start(options.start_paused, *speed);
  std::optional<double> scripted_seek;  // --then-seek, asked once paused at --pause-at
  bool then_seek_sent = false;

  auto fit = [&] {
    return render::fit_bounds(network->min_corner(), network->max_corner(), target.extent().width,
                              target.extent().height);
  };
  render::Camera camera = fit();
  bool show_compare = runs.has_baseline();
  render::LayerToggles layers;
  bool show_run = true;
  bool show_kpis = true;
  bool show_legend = true;
  bool show_what_if = true;
  bool show_inspector = true;
  bool follow = false;

  std::vector<double> frame_ms;
  std::vector<std::uint8_t> pixels;
  unsigned frames = 0;
  bool capture_next = false;
  const auto started = WallClock::now();
  auto last_frame = started;
  double last_frame_ms = 0.0;

  while (glfwWindowShouldClose(window.handle) == GLFW_FALSE) {
    glfwPollEvents();
    const auto frame_start = WallClock::now();

    runs.update(frame_start);
    viewer::SimulationThread& sim = runs.sim();
    const viewer::SimulationThread::Status status = sim.status();
    if (auto rerun_knobs = runs.finish_seek(status)) knobs = render::make_knobs(*rerun_knobs);
    const render::ViewStream& stream = runs.stream(false);

    // The run the city view draws (B, or A when the compare panel asks), smoothly at slow speeds.
    render::ViewStream& drawn = runs.stream(compare.showing_baseline);
    const WorldView& current = drawn.current();
    const double step_wall = status.speed > 0.0 ? scenario.simulation.step / status.speed : 0.0;
    const WorldView* shown = &drawn.shown(status.paused, step_wall, frame_start);

    ui.begin_frame();
    viewer::handle_camera_input(camera);
    if (const auto click = viewer::city_click()) {
      sim.inspect(render::pick(*shown, *network, camera, *click));
      follow = false;
    }
    render::RunStatus run_status;
    run_status.paused = status.paused;
    run_status.finished = status.finished;
    run_status.speed = status.speed;
    run_status.steps_per_second = status.steps_per_second;
    run_status.frame_ms = last_frame_ms;
    run_status.end_time = scenario.simulation.duration;
    run_status.seeking = runs.seeking();
    render::RunRequests requests;
    if (scripted_seek) {
      requests.seek = *scripted_seek;
      scripted_seek.reset();
    }
    if (!status.error.empty()) {
      ImGui::SetNextWindowPos(ImVec2(340, 10), ImGuiCond_FirstUseEver);
      ImGui::Begin("Simulation stopped");
      ImGui::TextWrapped("%s", status.error.c_str());
      ImGui::End();
    }
    if (show_run) render::ShowRunControlsPanel(&show_run, current, run_status, requests);
    if (show_what_if) {
      // Knobs change B only: A stays the reference.
      render::ShowWhatIfPanel(&show_what_if, stream.current(), knobs, sim.commands(), what_if_log);
    }
    if (show_kpis) {
      render::ShowKpiPanel(&show_kpis, current, runs.history(compare.showing_baseline));
    }
    if (show_compare) {
      render::CompareRequests compare_requests;
      static const std::vector<KpiColumn> kNoColumns;
      const auto& columns = stream.current().kpi_columns;
      render::ShowComparePanel(&show_compare, columns ? *columns : kNoColumns, runs.history(false),
                               runs.history(true), compare, compare_requests);
      // A's agents can be drawn on B's network only when the two have the same layout.
      if (compare_requests.toggle_shown && same_layout) {
        compare.showing_baseline = !compare.showing_baseline;
      }
    }
    if (show_legend) render::ShowLegendPanel(&show_legend, current, layers);
    render::InspectorRequests inspector;
    render::ShowInspectorPanel(&show_inspector, current, follow, inspector);
    if (inspector.close || !show_inspector) {
      sim.inspect({});
      show_inspector = true;
      follow = false;
    }
    if (follow) {
      if (const auto agent = render::find_agent(*shown, current.inspection.target)) {
        camera.centre = {shown->x[*agent], shown->y[*agent]};
      }
    }
    render::DrawInspectMarker(current.inspection, *shown, camera);
    if (!ImGui::GetIO().WantCaptureKeyboard) {
      if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space))) requests.toggle_pause = true;
      if (ImGui::IsKeyPressed(GLFW_KEY_F)) requests.fit_city = true;
      if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) sim.inspect({});
    }
    ui.end_frame();

    if (requests.seek) {
      runs.seek(*requests.seek, status.speed, frame_start);
      continue;  // the next frame shows the (maybe new) run
    }
    if (requests.toggle_pause) sim.set_paused(!status.paused);
    if (requests.single_step) sim.request_steps(1);
    if (requests.set_speed) sim.set_speed(requests.speed);
    renderer.set_layers(layers);

    const std::uint32_t slot = renderer.wait_for_next_slot();
    auto frame = target.acquire(slot);
    if (target.generation() != target_generation) {
      target_generation = target.generation();
      ui.set_min_image_count(target.min_image_count());
    }
    if (!frame) continue;  // minimised or resized: the next frame draws at the new size
    if (camera.width != frame->extent.width || camera.height != frame->extent.height) {
      camera.width = frame->extent.width;  // keep centre and zoom across a resize
      camera.height = frame->extent.height;
    }
    if (requests.fit_city) camera = fit();

    const bool capture = capture_next;
    frame->in_pass = [&ui](VkCommandBuffer cmd) { ui.record(cmd); };
    if (capture)
      frame->after_pass = [&target](VkCommandBuffer cmd) { target.record_readback(cmd); };
    const VkFence done = renderer.render(*shown, camera, *frame);
    target.present();
    ++frames;

    const auto frame_end = WallClock::now();
    last_frame_ms = std::chrono::duration<double, std::milli>(frame_end - last_frame).count();
    last_frame = frame_end;
    if (frames > 1) frame_ms.push_back(last_frame_ms);

    if (capture) {
      render::check_vk(vkWaitForFences(context.device(), 1, &done, VK_TRUE, UINT64_MAX),
                       "vkWaitForFences (screenshot)");
      target.read_rgba(pixels);
      render::write_png(*options.screenshot, pixels, frame->extent.width, frame->extent.height);
      std::printf("screenshot: %s (%ux%u) at %.0f s, step %lld, %zu vehicles\n",
                  options.screenshot->string().c_str(), frame->extent.width, frame->extent.height,
                  shown->time, static_cast<long long>(shown->step), shown->agent_count());
      // Where the dashboards are, so a test can compare the city outside them.
      for (const char* name : {"Run", "What-if", "KPIs", "Legend", "Inspector", "A/B compare"}) {
        const ImGuiWindow* w = ImGui::FindWindowByName(name);
        if (w == nullptr || !w->WasActive) continue;
        std::printf("ui-window: %s %.0f %.0f %.0f %.0f\n", name, w->Pos.x, w->Pos.y, w->Size.x,
                    w->Size.y);
      }
      break;
    }
    if (options.frames > 0 && frames >= options.frames) {
      // Paused at --pause-at and its snapshot in hand (it is published before the pause flag is
      // set, and nothing is published after it).
      bool at_pause = !pause_at || (status.paused && !runs.seeking() &&
                                    stream.current().time >= *pause_at - 1e-9);
      if (then_seek) {
        // Scripted seek: once paused at --pause-at, seek to --then-seek and wait until there.
        if (!then_seek_sent && at_pause) {
          scripted_seek = *then_seek;
          then_seek_sent = true;
        }
        at_pause = then_seek_sent && !scripted_seek && !runs.seeking() && status.paused &&
                   std::abs(stream.current().time - *then_seek) < 0.5 * scenario.simulation.step;
      }
      if (!options.screenshot) {
        if (at_pause) break;
      } else if (at_pause) {
        capture_next = true;  // the next frame shows exactly the paused snapshot
      }
      const double waited = std::chrono::duration<double>(frame_end - started).count();
      if (waited > kScriptTimeoutSeconds) {
        std::fprintf(stderr,
                     "citytwin view: error: the simulation did not reach --pause-at in %.0f s\n",
                     kScriptTimeoutSeconds);
        sim.stop();
        return kExitInternalError;
      }
    }
  }
  runs.sim().stop();
  context.wait_idle();

  const auto final_status = runs.sim().status();
  std::printf("frames: %u, frame time median %.2f ms, p90 %.2f ms (%ux%u, %s)\n", frames,
              percentile(frame_ms, 0.5), percentile(frame_ms, 0.9), target.extent().width,
              target.extent().height, context.device_name().c_str());
  std::printf("simulation: %.0f s simulated in %lld steps%s\n", runs.stream(false).current().time,
              static_cast<long long>(final_status.steps),
              final_status.error.empty() ? "" : (", stopped: " + final_status.error).c_str());
  if (context.validation_active()) {
    std::printf("validation: %zu messages\n", context.validation_messages().size());
  }
  return final_status.error.empty() ? kExitOk : kExitInternalError;
}

}  // namespace

std::optional<double> parse_speed(const std::string& text) {
  if (text == "max") return 0.0;
  std::string digits = text;
  if (!digits.empty() && (digits.front() == 'x' || digits.front() == 'X')) digits.erase(0, 1);
  try {
    std::size_t used = 0;
    const double value = std::stod(digits, &used);
    if (used == digits.size() && std::isfinite(value) && value > 0.0 && value <= 1e6) return value;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

int view_command(const ViewOptions& options) {
  return with_scenario_errors("view", options.scenario, [&] {
    try {
      return view(options);
    } catch (const render::RenderError& e) {
      // No device, size above the device's limits: the machine cannot do what was asked.
      std::fprintf(stderr, "citytwin view: error: %s\n", e.what());
      return kExitBadInput;
    }
  });
}

}  // namespace citytwin::cli
