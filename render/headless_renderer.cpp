#include "render/headless_renderer.hpp"

#include <chrono>
#include <limits>

namespace citytwin::render {

HeadlessRenderer::HeadlessRenderer(const Network& network, const HeadlessOptions& options)
    : network_(network),
      width_(options.width),
      height_(options.height),
      context_(options.context),
      target_(context_, options.width, options.height),
      renderer_(context_, target_.render_pass(), network, options.agents, options.city) {}

const std::vector<std::uint8_t>& HeadlessRenderer::render(
    const WorldView& view, const Camera& camera,
    const std::function<void(VkCommandBuffer)>& overlay) {
  const auto start = std::chrono::steady_clock::now();
  TargetFrame frame;
  frame.render_pass = target_.render_pass();
  frame.framebuffer = target_.framebuffer();
  frame.extent = target_.extent();
  frame.in_pass = overlay;
  frame.after_pass = [this](VkCommandBuffer cmd) { target_.record_readback(cmd); };
  VkFence done = renderer_.render(view, camera, frame);
  const auto submitted = std::chrono::steady_clock::now();
  check_vk(vkWaitForFences(context_.device(), 1, &done, VK_TRUE,
                           std::numeric_limits<std::uint64_t>::max()),
           "vkWaitForFences (offscreen frame)");
  const auto finished = std::chrono::steady_clock::now();
  target_.read_rgba(pixels_);
  const auto end = std::chrono::steady_clock::now();
  auto ms = [](auto from, auto to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
  };
  timing_ = {ms(start, submitted), ms(submitted, finished), ms(finished, end)};
  last_frame_ms_ = ms(start, end);
  return pixels_;
}

Camera HeadlessRenderer::fit_camera() const {
  return fit_bounds(network_.min_corner(), network_.max_corner(), width_, height_);
}

}  // namespace citytwin::render
