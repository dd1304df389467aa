#include "render/vulkan/offscreen_target.hpp"

#include <cstring>

#include <algorithm>
#include <string>

#include "render/vulkan/render_error.hpp"
#include "render/vulkan/render_pass.hpp"
#include "render/vulkan/vulkan_context.hpp"

namespace citytwin::render {

OffscreenTarget::OffscreenTarget(const VulkanContext& context, std::uint32_t width,
                                 std::uint32_t height)
    : device_(context.device()), width_(width), height_(height) {
  const auto& limits = context.properties().limits;
  const std::uint32_t max_side = std::min(
      {limits.maxImageDimension2D, limits.maxFramebufferWidth, limits.maxFramebufferHeight});
  if (width == 0 || height == 0 || width > max_side || height > max_side) {
    throw RenderError("frame size " + std::to_string(width) + "x" + std::to_string(height) +
                      " is outside 1.." + std::to_string(max_side) + " pixels per side on " +
                      context.device_name());
  }
  try {
    VkImageCreateInfo image{};
    image.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO;
    image.imageType = VK_IMAGE_TYPE_2D;
    image.format = kFormat;
    image.extent = {width, height, 1};
    image.mipLevels = 1;
    image.arrayLayers = 1;
    image.samples = VK_SAMPLE_COUNT_1_BIT;
    image.tiling = VK_IMAGE_TILING_OPTIMAL;
    image.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    image.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    image.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    check_vk(vkCreateImage(device_, &image, nullptr, &image_), "vkCreateImage (offscreen)");

    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(device_, image_, &req);
    VkMemoryAllocateInfo alloc{};
    alloc.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex =
        context.find_memory_type(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    check_vk(vkAllocateMemory(device_, &alloc, nullptr, &image_memory_),
             "vkAllocateMemory (offscreen image)");
    check_vk(vkBindImageMemory(device_, image_, image_memory_, 0), "vkBindImageMemory");

    VkImageViewCreateInfo view{};
    view.sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO;
    view.image = image_;
    view.viewType = VK_IMAGE_VIEW_TYPE_2D;
    view.format = kFormat;
    view.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    check_vk(vkCreateImageView(device_, &view, nullptr, &view_), "vkCreateImageView");

    render_pass_ = create_colour_pass(device_, kFormat, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);

    VkFramebufferCreateInfo fb{};
    fb.sType = VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO;
    fb.renderPass = render_pass_;
    fb.attachmentCount = 1;
    fb.pAttachments = &view_;
    fb.width = width;
    fb.height = height;
    fb.layers = 1;
    check_vk(vkCreateFramebuffer(device_, &fb, nullptr, &framebuffer_), "vkCreateFramebuffer");

    readback_ = GpuBuffer(context, VkDeviceSize{width} * height * 4,
                          VK_BUFFER_USAGE_TRANSFER_DST_BIT, /*readback=*/true);
  } catch (...) {
    release();
    throw;
  }
}

OffscreenTarget::~OffscreenTarget() {
  release();
}

void OffscreenTarget::release() {
  if (framebuffer_ != VK_NULL_HANDLE) vkDestroyFramebuffer(device_, framebuffer_, nullptr);
  if (render_pass_ != VK_NULL_HANDLE) vkDestroyRenderPass(device_, render_pass_, nullptr);
  if (view_ != VK_NULL_HANDLE) vkDestroyImageView(device_, view_, nullptr);
  if (image_ != VK_NULL_HANDLE) vkDestroyImage(device_, image_, nullptr);
  if (image_memory_ != VK_NULL_HANDLE) vkFreeMemory(device_, image_memory_, nullptr);
  framebuffer_ = VK_NULL_HANDLE;
  render_pass_ = VK_NULL_HANDLE;
  view_ = VK_NULL_HANDLE;
  image_ = VK_NULL_HANDLE;
  image_memory_ = VK_NULL_HANDLE;
}

void OffscreenTarget::record_readback(VkCommandBuffer cmd) const {
  // The render pass left the image in TRANSFER_SRC_OPTIMAL, its writes made available to
  // transfers by the pass's external dependency.
  VkBufferImageCopy region{};
  region.bufferOffset = 0;
  region.bufferRowLength = 0;  // tightly packed
  region.bufferImageHeight = 0;
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.imageOffset = {0, 0, 0};
  region.imageExtent = {width_, height_, 1};
  vkCmdCopyImageToBuffer(cmd, image_, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, readback_.handle(), 1,
                         &region);
  VkBufferMemoryBarrier barrier{};
  barrier.sType = VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER;
  barrier.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  barrier.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
  barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.buffer = readback_.handle();
  barrier.offset = 0;
  barrier.size = VK_WHOLE_SIZE;
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 0,
                       nullptr, 1, &barrier, 0, nullptr);
}

void OffscreenTarget::read_rgba(std::vector<std::uint8_t>& out) const {
  const std::size_t bytes = std::size_t{width_} * height_ * 4;
  out.resize(bytes);
  // A pixel at a time as one 32-bit word, swapping bytes 0 and 2 with masks and shifts: the
  // compiler vectorises this loop (the byte-by-byte version it did not, at ~4 ms a 720p frame).
  const auto* bgra = static_cast<const std::uint8_t*>(readback_.mapped());
  std::uint8_t* rgba = out.data();
  for (std::size_t i = 0; i < bytes; i += 4) {
    std::uint32_t v;
    std::memcpy(&v, bgra + i, 4);
    v = (v & 0xFF00FF00u) | ((v >> 16) & 0xFFu) | ((v & 0xFFu) << 16);
    std::memcpy(rgba + i, &v, 4);
  }
}

}  // namespace citytwin::render
