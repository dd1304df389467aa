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
#include <utility>
#include <vector>

#include "agents/families.hpp"
#include "render/agents/picking.hpp"
#include "render/camera.hpp"
#include "render/dashboards/compare_panel.hpp"
#include "render/dashboards/dashboards.hpp"
#include "render/dashboards/imgui_layer.hpp"
#include "render/dashboards/inspector_panel.hpp"
#include "render/dashboards/what_if_panel.hpp"
#include "render/frame_renderer.hpp"
#include "render/view_stream.hpp"
#include "render/vulkan/png_writer.hpp"
#include "render/vulkan/render_error.hpp"
#include "render/vulkan/vulkan_context.hpp"
#include "render/vulkan/window_target.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/units.hpp"
#include "sim/step/pipeline.hpp"
#include "tools/cli/bench_command.hpp"
#include "tools/cli/exit_codes.hpp"
#include "tools/cli/render_command.hpp"
#include "tools/cli/scenario_command_errors.hpp"
#include "tools/viewer/run_setup.hpp"
#include "tools/viewer/simulation_thread.hpp"
#include "tools/viewer/view_input.hpp"
#include "tools/viewer/viewer_panels.hpp"
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

// What the viewer prints when it closes: frame times and how far the simulation got.
int report_view(viewer::ViewerRuns& runs, unsigned frames, std::vector<double>& frame_ms,
                const VkExtent2D& extent, const render::VulkanContext& context) {
  const auto final_status = runs.sim().status();
  std::printf("frames: %u, frame time median %.2f ms, p90 %.2f ms (%ux%u, %s)\n", frames,
              percentile(frame_ms, 0.5), percentile(frame_ms, 0.9), extent.width, extent.height,
              context.device_name().c_str());
  std::printf("simulation: %.0f s simulated in %lld steps%s\n", runs.stream(false).current().time,
              static_cast<long long>(final_status.steps),
              final_status.error.empty() ? "" : (", stopped: " + final_status.error).c_str());
  if (context.validation_active()) {
    std::printf("validation: %zu messages\n", context.validation_messages().size());
  }
  return final_status.error.empty() ? kExitOk : kExitInternalError;
}

// The checked values of `citytwin view`'s options (std::invalid_argument names the bad one).
struct ViewPlan {
  double speed = 1.0;  // 0 = max
  FrameSize size;
  std::optional<double> pause_at;   // s
  std::optional<double> then_seek;  // s
};

double parse_time_option(const std::string& option, const std::string& text) {
  const auto at = parse_quantity(text, Dimension::kDuration,
                                 Bounds{0.0, 30.0 * 86400.0, true, "between 0 s and 30 days"});
  if (!at.ok()) throw std::invalid_argument(option + ": " + at.error);
  return at.value;
}

ViewPlan plan_view(const ViewOptions& options) {
  ViewPlan plan;
  const auto speed = parse_speed(options.speed);
  if (!speed) {
    throw std::invalid_argument("--speed: '" + options.speed +
                                "' is not a positive multiplier (1, 10, 100, 1000) or max");
  }
  plan.speed = *speed;
  const auto size = parse_frame_size(options.size);
  if (!size) {
    throw std::invalid_argument("--size: '" + options.size +
                                "' is not WIDTHxHEIGHT with sides 1..16384, e.g. 1280x720");
  }
  plan.size = *size;
  if (options.screenshot && options.frames == 0) {
    throw std::invalid_argument("--screenshot needs --frames N (the frame to capture)");
  }
  if (options.pause_at) plan.pause_at = parse_time_option("--pause-at", *options.pause_at);
  if (options.then_seek) {
    if (!plan.pause_at || options.frames == 0) {
      throw std::invalid_argument("--then-seek needs --pause-at and --frames (a scripted run)");
    }
    plan.then_seek = parse_time_option("--then-seek", *options.then_seek);
  }
  return plan;
}

// Why there is no window, or nullopt when GLFW is up with Vulkan (GlfwSession terminates it).
std::optional<std::string> start_glfw() {
  // The display first: without one, say so before spending time on the world.
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  if ((display == nullptr || *display == '\0') && (wayland == nullptr || *wayland == '\0')) {
    return "neither DISPLAY nor WAYLAND_DISPLAY is set";
  }
  glfwSetErrorCallback(on_glfw_error);
  if (glfwInit() != GLFW_TRUE) return "glfwInit failed: " + glfw_error;
  if (glfwVulkanSupported() != GLFW_TRUE) {
    glfwTerminate();
    throw render::RenderError(
        "GLFW finds no Vulkan loader; install libvulkan1 and mesa-vulkan-drivers");
  }
  return std::nullopt;
}

render::ContextOptions window_context_options() {
  render::ContextOptions context_options;
  std::uint32_t extension_count = 0;
  const char** extensions = glfwGetRequiredInstanceExtensions(&extension_count);
  if (extensions == nullptr) {
    throw render::RenderError("GLFW names no Vulkan surface extensions: " + glfw_error);
  }
  context_options.instance_extensions.assign(extensions, extensions + extension_count);
  context_options.swapchain = true;
  return context_options;
}

render::RunStatus run_status_of(const viewer::SimulationThread::Status& status,
                                const viewer::ViewerRuns& runs, double last_frame_ms,
                                double end_time) {
  render::RunStatus run_status;
  run_status.paused = status.paused;
  run_status.finished = status.finished;
  run_status.speed = status.speed;
  run_status.steps_per_second = status.steps_per_second;
  run_status.frame_ms = last_frame_ms;
  run_status.end_time = end_time;
  run_status.seeking = runs.seeking();
  return run_status;
}

// Keys that act on the run when no panel has the keyboard.
void handle_keys(render::RunRequests& requests, viewer::SimulationThread& sim) {
  if (ImGui::GetIO().WantCaptureKeyboard) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space))) requests.toggle_pause = true;
  if (ImGui::IsKeyPressed(GLFW_KEY_F)) requests.fit_city = true;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) sim.inspect({});
}

void show_simulation_error(const std::string& error) {
  if (error.empty()) return;
  ImGui::SetNextWindowPos(ImVec2(340, 10), ImGuiCond_FirstUseEver);
  ImGui::Begin("Simulation stopped");
  ImGui::TextWrapped("%s", error.c_str());
  ImGui::End();
}

// Writes the captured frame and where each panel is, so a test can compare the city outside them.
void write_screenshot(const std::filesystem::path& file, const std::vector<std::uint8_t>& pixels,
                      const VkExtent2D& extent, const WorldView& shown,
                      const std::vector<viewer::ViewerPanel>& panels) {
  render::write_png(file, pixels, extent.width, extent.height);
  std::printf("screenshot: %s (%ux%u) at %.0f s, step %lld, %zu vehicles\n", file.string().c_str(),
              extent.width, extent.height, shown.time, static_cast<long long>(shown.step),
              shown.agent_count());
  for (const viewer::ViewerPanel& panel : panels) {
    const ImGuiWindow* w = ImGui::FindWindowByName(panel.title.c_str());
    if (w == nullptr || !w->WasActive) continue;
    std::printf("ui-window: %s %.0f %.0f %.0f %.0f\n", panel.title.c_str(), w->Pos.x, w->Pos.y,
                w->Size.x, w->Size.y);
  }
}

// A scripted run (--frames): when to capture or stop, and the seek it asks for on the way.
class Script {
 public:
  Script(const ViewOptions& options, const ViewPlan& plan, double step)
      : frames_(options.frames),
        screenshot_(options.screenshot.has_value()),
        pause_at_(plan.pause_at),
        then_seek_(plan.then_seek),
        step_(step) {}

  enum class Next { kContinue, kCapture, kStop };

  // After frame `frames` was presented.
  Next after_frame(unsigned frames, const viewer::SimulationThread::Status& status,
                   const viewer::ViewerRuns& runs, const WorldView& latest) {
    if (frames_ == 0 || frames < frames_) return Next::kContinue;
    // Paused at --pause-at and its snapshot in hand (it is published before the pause flag is
    // set, and nothing is published after it).
    bool at_pause =
        !pause_at_ || (status.paused && !runs.seeking() && latest.time >= *pause_at_ - 1e-9);
    if (then_seek_) {
      // Scripted seek: once paused at --pause-at, seek to --then-seek and wait until there.
      if (!then_seek_sent_ && at_pause) {
        pending_seek_ = *then_seek_;
        then_seek_sent_ = true;
      }
      at_pause = then_seek_sent_ && !pending_seek_ && !runs.seeking() && status.paused &&
                 std::abs(latest.time - *then_seek_) < 0.5 * step_;
    }
    if (!at_pause) return Next::kContinue;
    return screenshot_ ? Next::kCapture : Next::kStop;
  }

  // The seek to ask for this frame (once).
  std::optional<double> take_seek() { return std::exchange(pending_seek_, std::nullopt); }

 private:
  unsigned frames_;
  bool screenshot_;
  std::optional<double> pause_at_;
  std::optional<double> then_seek_;
  double step_;
  std::optional<double> pending_seek_;
  bool then_seek_sent_ = false;
};

// What the viewer keeps from frame to frame besides the runs: the camera, the user's toggles and
// panels, the what-if knobs, and how the compare panel names the two runs.
struct ViewerState {
  render::Camera camera;
  render::LayerToggles layers;
  bool follow = false;  // the camera follows the inspected agent
  std::vector<viewer::ViewerPanel> panels;
  std::vector<render::Knob> knobs;
  render::WhatIfLog what_if_log;  // what-ifs the simulation refused
  render::CompareStatus compare;
  bool same_layout = false;  // A's agents may be drawn on B's network
};

// The names the compare panel gives the baseline (A) and the variant (B), and whether A's agents
// can be drawn on B's network.
void set_up_compare(const Scenario& scenario, const std::optional<Scenario>& base,
                    viewer::ViewerRuns& runs, ViewerState& state) {
  if (!base) return;
  state.compare.baseline = base->applied_variant.empty() ? "base scenario" : base->applied_variant;
  state.compare.variant = scenario.applied_variant.empty()
                              ? "base scenario + what-ifs"
                              : scenario.applied_variant + " + what-ifs";
  state.same_layout =
      render::same_layout(runs.sim().world().network(), runs.sim().baseline()->network());
}

GLFWwindow* open_window(const Scenario& scenario, const FrameSize& size) {
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  const std::string title =
      "citytwin — " + scenario.name +
      (scenario.applied_variant.empty() ? "" : " / " + scenario.applied_variant);
  return glfwCreateWindow(static_cast<int>(size.width), static_cast<int>(size.height),
                          title.c_str(), nullptr, nullptr);
}

// One frame's panels and input (between ImGui's begin and end of frame): picks, follows, and
// returns what the user asked of the run.
render::RunRequests frame_ui(ViewerState& state, viewer::ViewerRuns& runs,
                             const viewer::SimulationThread::Status& status,
                             const WorldView& current, const WorldView& shown,
                             const Network& network, const render::RunStatus& run_status,
                             Script& script) {
  viewer::SimulationThread& sim = runs.sim();
  viewer::handle_camera_input(state.camera);
  if (const auto click = viewer::city_click()) {
    sim.inspect(render::pick(shown, network, state.camera, *click));
    state.follow = false;
  }
  render::RunRequests requests;
  requests.seek = script.take_seek();
  show_simulation_error(status.error);
  viewer::PanelFrame panel_frame{
      current,           runs,        run_status,        requests,     state.compare,
      state.same_layout, state.knobs, state.what_if_log, state.layers, state.follow};
  viewer::show_panels(state.panels, panel_frame);
  if (state.follow) {
    if (const auto agent = render::find_agent(shown, current.inspection.target)) {
      state.camera.centre = {shown.x[*agent], shown.y[*agent]};
    }
  }
  render::DrawInspectMarker(current.inspection, shown, state.camera);
  handle_keys(requests, sim);
  return requests;
}

// The window's swapchain with the city renderer and the UI drawn into it.
struct Screen {
  render::VulkanContext& context;
  render::WindowTarget& target;
  render::FrameRenderer& renderer;
  render::ImGuiLayer& ui;
  std::uint32_t target_generation;

  // Draws `shown` and the UI built this frame on the next image and presents it; with `capture`,
  // reads the frame back into `pixels`. The frame's size, or nullopt when there was no image
  // (minimised or resizing). Keeps the camera's centre and zoom across a resize.
  std::optional<VkExtent2D> present(const WorldView& shown, render::Camera& camera, bool capture,
                                    std::vector<std::uint8_t>& pixels) {
    const std::uint32_t slot = renderer.wait_for_next_slot();
    auto frame = target.acquire(slot);
    if (target.generation() != target_generation) {
      target_generation = target.generation();
      ui.set_min_image_count(target.min_image_count());
    }
    if (!frame) return std::nullopt;
    camera.width = frame->extent.width;
    camera.height = frame->extent.height;
    frame->in_pass = [this](VkCommandBuffer cmd) { ui.record(cmd); };
    if (capture) {
      frame->after_pass = [this](VkCommandBuffer cmd) { target.record_readback(cmd); };
    }
    const VkFence done = renderer.render(shown, camera, *frame);
    target.present();
    if (capture) {
      render::check_vk(vkWaitForFences(context.device(), 1, &done, VK_TRUE, UINT64_MAX),
                       "vkWaitForFences (screenshot)");
      target.read_rgba(pixels);
    }
    return frame->extent;
  }
};

// Hands the run what the user asked for this frame (a seek is the caller's: it restarts runs).
void apply_requests(const render::RunRequests& requests,
                    const viewer::SimulationThread::Status& status, viewer::SimulationThread& sim) {
  if (requests.toggle_pause) sim.set_paused(!status.paused);
  if (requests.single_step) sim.request_steps(1);
  if (requests.set_speed) sim.set_speed(requests.speed);
}

int view(const ViewOptions& options) {
  const ViewPlan plan = plan_view(options);
  const Scenario scenario = load_scenario(options.scenario, LoadOptions{options.variant});
  if (const auto why = start_glfw()) return no_display(*why);
  GlfwSession glfw;

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
  ViewerState state;
  state.knobs = render::make_knobs(runs.sim().world().knobs());
  std::optional<InspectTarget> inspect_first;
  if (options.inspect) {
    inspect_first = viewer::parse_inspect_target(*options.inspect, *network, builtin_families());
  }
  set_up_compare(scenario, base, runs, state);

  Window window;
  window.handle = open_window(scenario, plan.size);
  if (window.handle == nullptr) return no_display("glfwCreateWindow failed: " + glfw_error);
  render::VulkanContext context(window_context_options());
  render::WindowTarget target(context, window.handle);
  render::FrameRenderer renderer(context, target.render_pass(), *network);
  render::ImGuiLayer ui(context, window.handle, target.render_pass(), target.min_image_count(),
                        target.image_count());
  Screen screen{context, target, renderer, ui, target.generation()};

  std::fprintf(stderr, "citytwin: viewing '%s'%s%s on %s, %u simulation thread(s), speed %s\n",
               scenario.name.c_str(), scenario.applied_variant.empty() ? "" : " variant ",
               scenario.applied_variant.c_str(), context.device_name().c_str(),
               runs.sim().world().threads(), options.speed.c_str());

  if (inspect_first) runs.sim().inspect(*inspect_first);
  if (plan.pause_at) runs.sim().pause_at(*plan.pause_at);
  runs.sim().start(options.start_paused, plan.speed);
  Script script(options, plan, scenario.simulation.step);

  auto fit = [&] {
    return render::fit_bounds(network->min_corner(), network->max_corner(), target.extent().width,
                              target.extent().height);
  };
  state.camera = fit();
  state.panels = viewer::viewer_panels(builtin_families(), runs.has_baseline());

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
    if (auto rerun_knobs = runs.finish_seek(status)) state.knobs = render::make_knobs(*rerun_knobs);
    const render::ViewStream& stream = runs.stream(false);

    // The run the city view draws (B, or A when the compare panel asks), smoothly at slow speeds.
    render::ViewStream& drawn = runs.stream(state.compare.showing_baseline);
    const WorldView& current = drawn.current();
    const double step_wall = status.speed > 0.0 ? scenario.simulation.step / status.speed : 0.0;
    const WorldView* shown = &drawn.shown(status.paused, step_wall, frame_start);

    ui.begin_frame();
    const render::RunRequests requests =
        frame_ui(state, runs, status, current, *shown, *network,
                 run_status_of(status, runs, last_frame_ms, scenario.simulation.duration), script);
    ui.end_frame();

    if (requests.seek) {
      runs.seek(*requests.seek, status.speed, frame_start);
      continue;  // the next frame shows the (maybe new) run
    }
    apply_requests(requests, status, sim);
    renderer.set_layers(state.layers);
    if (requests.fit_city) state.camera = fit();

    const bool capture = capture_next;
    const auto presented = screen.present(*shown, state.camera, capture, pixels);
    if (!presented) continue;  // minimised or resized: the next frame draws at the new size
    ++frames;

    const auto frame_end = WallClock::now();
    last_frame_ms = std::chrono::duration<double, std::milli>(frame_end - last_frame).count();
    last_frame = frame_end;
    if (frames > 1) frame_ms.push_back(last_frame_ms);

    if (capture) {
      write_screenshot(*options.screenshot, pixels, *presented, *shown, state.panels);
      break;
    }
    const Script::Next next = script.after_frame(frames, status, runs, stream.current());
    if (next == Script::Next::kStop) break;
    // The next frame shows exactly the paused snapshot.
    if (next == Script::Next::kCapture) capture_next = true;
    const double waited = std::chrono::duration<double>(frame_end - started).count();
    if (options.frames > 0 && frames >= options.frames && waited > kScriptTimeoutSeconds) {
      std::fprintf(stderr,
                   "citytwin view: error: the simulation did not reach --pause-at in %.0f s\n",
                   kScriptTimeoutSeconds);
      sim.stop();
      return kExitInternalError;
    }
  }
  runs.sim().stop();
  context.wait_idle();
  return report_view(runs, frames, frame_ms, target.extent(), context);
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
