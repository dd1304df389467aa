#pragma once
#include <vulkan/vulkan.h>

#include <cstddef>

namespace citytwin::render {

class VulkanContext;

// A buffer in host-visible, coherent memory, persistently mapped. Used for the static city mesh,
// the per-frame instance data and the read-back of offscreen frames (on lavapipe all memory is
// host memory; a GPU build may stage into device-local memory later without changing callers).
class GpuBuffer {
 public:
  GpuBuffer() = default;
  // `readback` prefers host-cached memory (fast CPU reads of frame pixels).
  GpuBuffer(const VulkanContext& context, VkDeviceSize size, VkBufferUsageFlags usage,
            bool readback = false);
  ~GpuBuffer();
  GpuBuffer(GpuBuffer&& other) noexcept;
  GpuBuffer& operator=(GpuBuffer&& other) noexcept;
  GpuBuffer(const GpuBuffer&) = delete;
  GpuBuffer& operator=(const GpuBuffer&) = delete;

  VkBuffer handle() const { return buffer_; }
  void* mapped() const { return mapped_; }
  VkDeviceSize size() const { return size_; }
  explicit operator bool() const { return buffer_ != VK_NULL_HANDLE; }

 private:
  void reset();
  VkDevice device_ = VK_NULL_HANDLE;
  VkBuffer buffer_ = VK_NULL_HANDLE;
  VkDeviceMemory memory_ = VK_NULL_HANDLE;
  void* mapped_ = nullptr;
  VkDeviceSize size_ = 0;
};

}  // namespace citytwin::render
