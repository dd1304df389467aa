#include "render/vulkan/window_target.hpp"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

#include <algorithm>
#include <limits>
#include <string>

#include "render/vulkan/render_error.hpp"
#include "render/vulkan/render_pass.hpp"
#include "render/vulkan/vulkan_context.hpp"

namespace citytwin::render {

WindowTarget::WindowTarget(const VulkanContext& context, GLFWwindow* window)
    : context_(context), device_(context.device()), window_(window) {
  try {
    check_vk(glfwCreateWindowSurface(context.instance(), window, nullptr, &surface_),
             "glfwCreateWindowSurface");
    VkBool32 present = VK_FALSE;
    check_vk(vkGetPhysicalDeviceSurfaceSupportKHR(context.physical_device(), context.queue_family(),
                                                  surface_, &present),
             "vkGetPhysicalDeviceSurfaceSupportKHR");
    if (present != VK_TRUE) {
      throw RenderError("the graphics queue of " + context.device_name() +
                        " cannot present to this window");
    }
    std::uint32_t count = 0;
    vkGetPhysicalDeviceSurfaceFormatsKHR(context.physical_device(), surface_, &count, nullptr);
    std::vector<VkSurfaceFormatKHR> formats(count);
    vkGetPhysicalDeviceSurfaceFormatsKHR(context.physical_device(), surface_, &count,
                                         formats.data());
    const bool has_format = std::any_of(formats.begin(), formats.end(), [](const auto& f) {
      return f.format == kFormat && f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR;
    });
    if (!has_format) {
      // Xvfb at 16-bit depth reports no formats at all.
      throw RenderError("the window surface offers " + std::to_string(count) +
                        " formats and not B8G8R8A8_UNORM; on Xvfb use a 24-bit screen "
                        "(xvfb-run -s \"-screen 0 1280x720x24\")");
    }
    render_pass_ = create_colour_pass(device_, kFormat, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR);
    VkSemaphoreCreateInfo semaphore{};
    semaphore.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO;
    for (auto& s : acquired_) {
      check_vk(vkCreateSemaphore(device_, &semaphore, nullptr, &s), "vkCreateSemaphore");
    }
    create_swapchain();
  } catch (...) {
    release();
    throw;
  }
}

WindowTarget::~WindowTarget() {
  release();
}

void WindowTarget::release() {
  if (device_ == VK_NULL_HANDLE) return;
  vkDeviceWaitIdle(device_);
  destroy_swapchain(false);
  for (auto& s : acquired_) {
    if (s != VK_NULL_HANDLE) vkDestroySemaphore(device_, s, nullptr);
    s = VK_NULL_HANDLE;
  }
  readback_ = GpuBuffer();
  if (render_pass_ != VK_NULL_HANDLE) vkDestroyRenderPass(device_, render_pass_, nullptr);
  render_pass_ = VK_NULL_HANDLE;
  if (surface_ != VK_NULL_HANDLE) vkDestroySurfaceKHR(context_.instance(), surface_, nullptr);
  surface_ = VK_NULL_HANDLE;
  device_ = VK_NULL_HANDLE;
}

void WindowTarget::create_swapchain() {
  VkSurfaceCapabilitiesKHR caps;
  check_vk(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(context_.physical_device(), surface_, &caps),
           "vkGetPhysicalDeviceSurfaceCapabilitiesKHR");
  if (caps.currentExtent.width != std::numeric_limits<std::uint32_t>::max()) {
    extent_ = caps.currentExtent;
  } else {
    int w = 0;
    int h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    extent_.width = std::clamp(static_cast<std::uint32_t>(std::max(w, 0)),
                               caps.minImageExtent.width, caps.maxImageExtent.width);
    extent_.height = std::clamp(static_cast<std::uint32_t>(std::max(h, 0)),
                                caps.minImageExtent.height, caps.maxImageExtent.height);
  }
  if (extent_.width == 0 || extent_.height == 0) return;  // minimised: no swapchain for now

  min_image_count_ = std::max<std::uint32_t>(caps.minImageCount, 2);
  std::uint32_t image_count = min_image_count_ + 1;
  if (caps.maxImageCount > 0) image_count = std::min(image_count, caps.maxImageCount);
  transfer_src_ = (caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_SRC_BIT) != 0;

  VkSwapchainCreateInfoKHR info{};
  info.sType = VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR;
  info.surface = surface_;
  info.minImageCount = image_count;
  info.imageFormat = kFormat;
  info.imageColorSpace = VK_COLOR_SPACE_SRGB_NONLINEAR_KHR;
  info.imageExtent = extent_;
  info.imageArrayLayers = 1;
  info.imageUsage =
      VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | (transfer_src_ ? VK_IMAGE_USAGE_TRANSFER_SRC_BIT : 0);
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = caps.currentTransform;
  info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
  if ((caps.supportedCompositeAlpha & VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR) == 0) {
    info.compositeAlpha = VK_COMPOSITE_ALPHA_INHERIT_BIT_KHR;
  }
  info.presentMode = VK_PRESENT_MODE_FIFO_KHR;  // always supported; vsync on a real display
  info.clipped = VK_TRUE;
  info.oldSwapchain = swapchain_;
  VkSwapchainKHR created = VK_NULL_HANDLE;
  check_vk(vkCreateSwapchainKHR(device_, &info, nullptr, &created), "vkCreateSwapchainKHR");
  if (swapchain_ != VK_NULL_HANDLE) vkDestroySwapchainKHR(device_, swapchain_, nullptr);
  swapchain_ = created;

  std::uint32_t count = 0;
  vkGetSwapchainImagesKHR(device_, swapchain_, &count, nullptr);
  images_.resize(count);
  vkGetSwapchainImagesKHR(device_, swapchain_, &count, images_.data());

  VkSemaphoreCreateInfo semaphore{};
  semaphore.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO;
  for (VkImage image : images_) {
    VkImageViewCreateInfo view{};
    view.sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO;
    view.image = image;
    view.viewType = VK_IMAGE_VIEW_TYPE_2D;
    view.format = kFormat;
    view.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    views_.push_back(VK_NULL_HANDLE);
    check_vk(vkCreateImageView(device_, &view, nullptr, &views_.back()),
             "vkCreateImageView (swapchain)");
    VkFramebufferCreateInfo fb{};
    fb.sType = VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO;
    fb.renderPass = render_pass_;
    fb.attachmentCount = 1;
    fb.pAttachments = &views_.back();
    fb.width = extent_.width;
    fb.height = extent_.height;
    fb.layers = 1;
    framebuffers_.push_back(VK_NULL_HANDLE);
    check_vk(vkCreateFramebuffer(device_, &fb, nullptr, &framebuffers_.back()),
             "vkCreateFramebuffer (swapchain)");
    render_done_.push_back(VK_NULL_HANDLE);
    check_vk(vkCreateSemaphore(device_, &semaphore, nullptr, &render_done_.back()),
             "vkCreateSemaphore");
  }
  ++generation_;
}

void WindowTarget::destroy_swapchain(bool keep_handle) {
  for (VkFramebuffer fb : framebuffers_) vkDestroyFramebuffer(device_, fb, nullptr);
  for (VkImageView view : views_) vkDestroyImageView(device_, view, nullptr);
  for (VkSemaphore s : render_done_) vkDestroySemaphore(device_, s, nullptr);
  framebuffers_.clear();
  views_.clear();
  render_done_.clear();
  images_.clear();
  // The handle is kept for oldSwapchain when recreating (create_swapchain destroys it).
  if (!keep_handle && swapchain_ != VK_NULL_HANDLE) {
    vkDestroySwapchainKHR(device_, swapchain_, nullptr);
    swapchain_ = VK_NULL_HANDLE;
  }
}

void WindowTarget::recreate() {
  vkDeviceWaitIdle(device_);
  destroy_swapchain(true);
  create_swapchain();
}

std::optional<TargetFrame> WindowTarget::acquire(std::uint32_t slot) {
  if (images_.empty()) {  // minimised earlier: try again at the window's current size
    recreate();
    if (images_.empty()) return std::nullopt;
  }
  const VkResult result =
      vkAcquireNextImageKHR(device_, swapchain_, std::numeric_limits<std::uint64_t>::max(),
                            acquired_[slot], VK_NULL_HANDLE, &current_image_);
  if (result == VK_ERROR_OUT_OF_DATE_KHR) {
    recreate();
    return std::nullopt;
  }
  if (result != VK_SUBOPTIMAL_KHR) check_vk(result, "vkAcquireNextImageKHR");
  TargetFrame frame;
  frame.render_pass = render_pass_;
  frame.framebuffer = framebuffers_[current_image_];
  frame.extent = extent_;
  frame.wait_semaphore = acquired_[slot];
  frame.signal_semaphore = render_done_[current_image_];
  return frame;
}

void WindowTarget::present() {
  VkPresentInfoKHR info{};
  info.sType = VK_STRUCTURE_TYPE_PRESENT_INFO_KHR;
  info.waitSemaphoreCount = 1;
  info.pWaitSemaphores = &render_done_[current_image_];
  info.swapchainCount = 1;
  info.pSwapchains = &swapchain_;
  info.pImageIndices = &current_image_;
  const VkResult result = vkQueuePresentKHR(context_.queue(), &info);
  int w = 0;
  int h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  const bool resized = static_cast<std::uint32_t>(w) != extent_.width ||
                       static_cast<std::uint32_t>(h) != extent_.height;
  if (result == VK_ERROR_OUT_OF_DATE_KHR || result == VK_SUBOPTIMAL_KHR || resized) {
    recreate();
    return;
  }
  check_vk(result, "vkQueuePresentKHR");
}

void WindowTarget::record_readback(VkCommandBuffer cmd) {
  if (!transfer_src_) throw RenderError("this swapchain's images cannot be copied from");
  if (readback_extent_.width != extent_.width || readback_extent_.height != extent_.height) {
    readback_ = GpuBuffer(context_, VkDeviceSize{extent_.width} * extent_.height * 4,
                          VK_BUFFER_USAGE_TRANSFER_DST_BIT, /*readback=*/true);
    readback_extent_ = extent_;
  }
  const VkImage image = images_[current_image_];
  VkImageMemoryBarrier to_copy{};
  to_copy.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
  to_copy.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  to_copy.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
  to_copy.oldLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
  to_copy.newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  to_copy.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  to_copy.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  to_copy.image = image;
  to_copy.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                       VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 1, &to_copy);
  VkBufferImageCopy region{};
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.imageExtent = {extent_.width, extent_.height, 1};
  vkCmdCopyImageToBuffer(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, readback_.handle(), 1,
                         &region);
  VkImageMemoryBarrier to_present = to_copy;
  to_present.srcAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
  to_present.dstAccessMask = 0;
  to_present.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  to_present.newLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
  VkBufferMemoryBarrier to_host{};
  to_host.sType = VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER;
  to_host.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  to_host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
  to_host.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  to_host.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  to_host.buffer = readback_.handle();
  to_host.size = VK_WHOLE_SIZE;
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT,
                       VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT | VK_PIPELINE_STAGE_HOST_BIT, 0, 0,
                       nullptr, 1, &to_host, 1, &to_present);
}

void WindowTarget::read_rgba(std::vector<std::uint8_t>& out) const {
  const std::size_t bytes = std::size_t{readback_extent_.width} * readback_extent_.height * 4;
  out.resize(bytes);
  const auto* bgra = static_cast<const std::uint8_t*>(readback_.mapped());
  for (std::size_t i = 0; i < bytes; i += 4) {
    out[i + 0] = bgra[i + 2];
    out[i + 1] = bgra[i + 1];
    out[i + 2] = bgra[i + 0];
    out[i + 3] = 255;
  }
}

}  // namespace citytwin::render
