#pragma once
#include <vulkan/vulkan.h>

#include <cstdint>
#include <vector>

#include "render/vulkan/gpu_buffer.hpp"

namespace citytwin::render {

class VulkanContext;

// A colour image to render into without any window, and a host buffer its pixels are copied to.
// The image is B8G8R8A8_UNORM (about twice as fast as RGBA8 on lavapipe); read_rgba() swaps the
// channels back. The windowed path puts a swapchain target beside this one: same render pass
// format, a framebuffer per swapchain image, present instead of read-back.
class OffscreenTarget {
 public:
  static constexpr VkFormat kFormat = VK_FORMAT_B8G8R8A8_UNORM;

  // Throws RenderError when the size is zero or above the device's limits.
  OffscreenTarget(const VulkanContext& context, std::uint32_t width, std::uint32_t height);
  ~OffscreenTarget();
  OffscreenTarget(const OffscreenTarget&) = delete;
  OffscreenTarget& operator=(const OffscreenTarget&) = delete;

  VkRenderPass render_pass() const { return render_pass_; }
  VkFramebuffer framebuffer() const { return framebuffer_; }
  VkExtent2D extent() const { return {width_, height_}; }

  // Recorded after the render pass: copies the image into the read-back buffer and makes the
  // copy visible to the host.
  void record_readback(VkCommandBuffer cmd) const;
  // After the frame's fence has signalled: the pixels as RGBA8, rows top to bottom.
  void read_rgba(std::vector<std::uint8_t>& out) const;

 private:
  void release();
  VkDevice device_ = VK_NULL_HANDLE;
  std::uint32_t width_ = 0;
  std::uint32_t height_ = 0;
  VkImage image_ = VK_NULL_HANDLE;
  VkDeviceMemory image_memory_ = VK_NULL_HANDLE;
  VkImageView view_ = VK_NULL_HANDLE;
  VkRenderPass render_pass_ = VK_NULL_HANDLE;
  VkFramebuffer framebuffer_ = VK_NULL_HANDLE;
  GpuBuffer readback_;
};

}  // namespace citytwin::render
