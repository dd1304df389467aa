#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "render/agents/agent_instances.hpp"
#include "render/camera.hpp"
#include "render/frame_renderer.hpp"
#include "render/vulkan/offscreen_target.hpp"
#include "render/vulkan/vulkan_context.hpp"
#include "sim/network/network.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin::render {

struct HeadlessOptions {
  std::uint32_t width = 1280;
  std::uint32_t height = 720;
  ContextOptions context;
  AgentStyle agents;
  CityStyle city;  // e.g. city.buildings = false: roads and blocks only (pixel tests)
};

// The whole headless path in one object: Vulkan context, offscreen target and frame renderer for
// one network. No GLFW, no X. Frames are rendered synchronously (submit, wait, read back).
class HeadlessRenderer {
 public:
  // Throws RenderError (no device, bad size, ...).
  HeadlessRenderer(const Network& network, const HeadlessOptions& options);

  // Renders the snapshot and returns its pixels: RGBA8, width * height * 4 bytes, rows top to
  // bottom. The reference stays valid until the next call.
  // `overlay`, when given, records more draws into the pass after the city (the dashboards).
  const std::vector<std::uint8_t>& render(const WorldView& view, const Camera& camera,
                                          const std::function<void(VkCommandBuffer)>& overlay = {});

  // The camera that shows the whole network.
  Camera fit_camera() const;
  std::uint32_t width() const { return width_; }
  std::uint32_t height() const { return height_; }
  // Wall time of the last render() in milliseconds: record, GPU work, read-back and swizzle.
  double last_frame_ms() const { return last_frame_ms_; }
  // Where that time went (for benchmarks): filling instances, recording and submitting (CPU);
  // waiting for the device (lavapipe rasterises on the CPU in its own threads); copying the pixels
  // out of the read-back buffer.
  struct FrameTiming {
    double prepare_ms = 0.0;
    double wait_ms = 0.0;
    double read_ms = 0.0;
  };
  const FrameTiming& last_timing() const { return timing_; }
  const FrameStats& last_stats() const { return renderer_.last_stats(); }
  void set_layers(const LayerToggles& layers) { renderer_.set_layers(layers); }
  void set_detail_rule(const DetailRule& rule) { renderer_.set_detail_rule(rule); }
  const VulkanContext& context() const { return context_; }
  // The offscreen colour pass, for overlays that build pipelines against it.
  VkRenderPass render_pass() const { return target_.render_pass(); }

 private:
  const Network& network_;
  std::uint32_t width_;
  std::uint32_t height_;
  VulkanContext context_;
  OffscreenTarget target_;
  FrameRenderer renderer_;
  std::vector<std::uint8_t> pixels_;
  double last_frame_ms_ = 0.0;
  FrameTiming timing_;
};

}  // namespace citytwin::render
