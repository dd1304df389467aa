#pragma once
#include <vulkan/vulkan.h>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "render/frame_renderer.hpp"
#include "render/vulkan/gpu_buffer.hpp"

struct GLFWwindow;

namespace citytwin::render {

class VulkanContext;

// The window beside the offscreen target: a GLFW window's surface and a B8G8R8A8_UNORM FIFO
// swapchain, one framebuffer per swapchain image, rendered by the same FrameRenderer (same
// colour-pass format, final layout PRESENT_SRC). Per frame slot an image-acquired semaphore, per
// swapchain image a render-finished semaphore (present waits on it). The swapchain is recreated
// when the window is resized (out of date or suboptimal). The context must have been created
// with the window system's instance extensions and `swapchain = true`.
class WindowTarget {
 public:
  static constexpr VkFormat kFormat = VK_FORMAT_B8G8R8A8_UNORM;

  // Throws RenderError (no surface support for the format, queue cannot present, ...).
  WindowTarget(const VulkanContext& context, GLFWwindow* window);
  ~WindowTarget();
  WindowTarget(const WindowTarget&) = delete;
  WindowTarget& operator=(const WindowTarget&) = delete;

  VkRenderPass render_pass() const { return render_pass_; }
  VkExtent2D extent() const { return extent_; }
  std::uint32_t image_count() const { return static_cast<std::uint32_t>(images_.size()); }
  std::uint32_t min_image_count() const { return min_image_count_; }
  // Incremented every time the swapchain is rebuilt (the ImGui layer follows the image count).
  std::uint32_t generation() const { return generation_; }

  // Acquires the next image for frame slot `slot` (FrameRenderer::wait_for_next_slot()). Returns
  // nullopt when there is nothing to draw into this time: the window is minimised, or the
  // swapchain was out of date and has been recreated (draw the next frame instead).
  std::optional<TargetFrame> acquire(std::uint32_t slot);
  // Presents the image of the last acquire(); recreates the swapchain if it is out of date.
  void present();

  // Screenshots: whether the swapchain images can be copied from, and the copy of the acquired
  // image recorded after the pass (PRESENT_SRC -> TRANSFER_SRC -> PRESENT_SRC). After the
  // frame's fence: read_rgba gives RGBA8 rows top to bottom, extent() sized.
  bool can_read_back() const { return transfer_src_; }
  void record_readback(VkCommandBuffer cmd);
  void read_rgba(std::vector<std::uint8_t>& out) const;

 private:
  void create_swapchain();
  void destroy_swapchain(bool keep_handle);
  void recreate();
  void release();

  const VulkanContext& context_;
  VkDevice device_ = VK_NULL_HANDLE;
  GLFWwindow* window_ = nullptr;
  VkSurfaceKHR surface_ = VK_NULL_HANDLE;
  VkRenderPass render_pass_ = VK_NULL_HANDLE;
  VkSwapchainKHR swapchain_ = VK_NULL_HANDLE;
  VkExtent2D extent_{};
  std::uint32_t min_image_count_ = 2;
  bool transfer_src_ = false;
  std::vector<VkImage> images_;
  std::vector<VkImageView> views_;
  std::vector<VkFramebuffer> framebuffers_;
  std::vector<VkSemaphore> render_done_;  // per swapchain image
  std::array<VkSemaphore, kFramesInFlight> acquired_{};
  std::uint32_t current_image_ = 0;
  std::uint32_t generation_ = 0;
  GpuBuffer readback_;
  VkExtent2D readback_extent_{};
};

}  // namespace citytwin::render
