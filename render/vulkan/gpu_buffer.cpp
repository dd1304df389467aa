#include "render/vulkan/gpu_buffer.hpp"

#include <utility>

#include "render/vulkan/render_error.hpp"
#include "render/vulkan/vulkan_context.hpp"

namespace citytwin::render {

GpuBuffer::GpuBuffer(const VulkanContext& context, VkDeviceSize size, VkBufferUsageFlags usage,
                     bool readback)
    : device_(context.device()), size_(size) {
  VkBufferCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
  info.size = size;
  info.usage = usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  check_vk(vkCreateBuffer(device_, &info, nullptr, &buffer_), "vkCreateBuffer");
  try {
    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(device_, buffer_, &req);
    const VkMemoryPropertyFlags host =
        VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    std::uint32_t type = 0;
    try {
      type = context.find_memory_type(req.memoryTypeBits,
                                      readback ? host | VK_MEMORY_PROPERTY_HOST_CACHED_BIT : host);
    } catch (const RenderError&) {
      type = context.find_memory_type(req.memoryTypeBits, host);
    }
    VkMemoryAllocateInfo alloc{};
    alloc.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = type;
    check_vk(vkAllocateMemory(device_, &alloc, nullptr, &memory_), "vkAllocateMemory (buffer)");
    check_vk(vkBindBufferMemory(device_, buffer_, memory_, 0), "vkBindBufferMemory");
    check_vk(vkMapMemory(device_, memory_, 0, VK_WHOLE_SIZE, 0, &mapped_), "vkMapMemory");
  } catch (...) {
    reset();
    throw;
  }
}

GpuBuffer::~GpuBuffer() {
  reset();
}

GpuBuffer::GpuBuffer(GpuBuffer&& other) noexcept {
  *this = std::move(other);
}

GpuBuffer& GpuBuffer::operator=(GpuBuffer&& other) noexcept {
  if (this != &other) {
    reset();
    device_ = std::exchange(other.device_, VK_NULL_HANDLE);
    buffer_ = std::exchange(other.buffer_, VK_NULL_HANDLE);
    memory_ = std::exchange(other.memory_, VK_NULL_HANDLE);
    mapped_ = std::exchange(other.mapped_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

void GpuBuffer::reset() {
  if (device_ == VK_NULL_HANDLE) return;
  if (buffer_ != VK_NULL_HANDLE) vkDestroyBuffer(device_, buffer_, nullptr);
  if (memory_ != VK_NULL_HANDLE) vkFreeMemory(device_, memory_, nullptr);  // unmaps implicitly
  buffer_ = VK_NULL_HANDLE;
  memory_ = VK_NULL_HANDLE;
  mapped_ = nullptr;
  size_ = 0;
}

}  // namespace citytwin::render
