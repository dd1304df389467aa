#pragma once
#include <vulkan/vulkan.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace citytwin::render {

// Where validation messages go. Shared so that a test can read what was reported during the
// context's destruction too (leaked objects are reported by vkDestroyDevice).
class ValidationLog {
 public:
  void add(std::string message) {
    std::lock_guard lock(mutex_);
    messages_.push_back(std::move(message));
  }
  std::vector<std::string> messages() const {
    std::lock_guard lock(mutex_);
    return messages_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> messages_;
};

struct ContextOptions {
  // Enable VK_LAYER_KHRONOS_validation. It is also enabled when the environment asks for it
  // (VK_INSTANCE_LAYERS contains it); either way a debug-utils messenger records what it reports.
  bool validation = false;
  // Pick a CPU device (lavapipe) even when a GPU is present: pixel-exact tests and goldens.
  bool prefer_cpu = false;
  // Also print validation messages to stderr as they arrive.
  bool print_validation = true;
  // Receives validation warnings and errors; the context makes its own log when null.
  std::shared_ptr<ValidationLog> log;
  // Window path only: instance extensions the window system needs (glfwGetRequiredInstance-
  // Extensions) and VK_KHR_swapchain on the device. The headless path leaves both empty.
  std::vector<const char*> instance_extensions;
  bool swapchain = false;
};

// Instance, physical device, logical device and one graphics queue. Everything else (targets,
// pipelines, frame resources) borrows these handles and must be destroyed before the context.
class VulkanContext {
 public:
  // Throws RenderError with a clear message when there is no loader, no driver or no device.
  explicit VulkanContext(const ContextOptions& options = {});
  ~VulkanContext();
  VulkanContext(const VulkanContext&) = delete;
  VulkanContext& operator=(const VulkanContext&) = delete;

  VkInstance instance() const { return instance_; }
  VkPhysicalDevice physical_device() const { return physical_device_; }
  VkDevice device() const { return device_; }
  VkQueue queue() const { return queue_; }
  std::uint32_t queue_family() const { return queue_family_; }
  const VkPhysicalDeviceProperties& properties() const { return properties_; }
  std::string device_name() const { return properties_.deviceName; }

  // True when the validation layer is active and its messages are being recorded.
  bool validation_active() const { return messenger_ != VK_NULL_HANDLE; }
  // Validation warnings and errors recorded so far (copy; safe from any thread).
  std::vector<std::string> validation_messages() const { return log_->messages(); }

  // A memory type index with all of `required` (throws RenderError if none).
  std::uint32_t find_memory_type(std::uint32_t type_bits, VkMemoryPropertyFlags required) const;

  void wait_idle() const;

  // Called by the messenger callback.
  void record_message(const char* text);

 private:
  void create_instance(const ContextOptions& options);
  void pick_physical_device(const ContextOptions& options);
  void create_device(const ContextOptions& options);
  void release();

  bool print_validation_ = true;
  VkInstance instance_ = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
  VkPhysicalDevice physical_device_ = VK_NULL_HANDLE;
  VkPhysicalDeviceProperties properties_{};
  VkPhysicalDeviceMemoryProperties memory_{};
  std::uint32_t queue_family_ = 0;
  VkDevice device_ = VK_NULL_HANDLE;
  VkQueue queue_ = VK_NULL_HANDLE;
  std::shared_ptr<ValidationLog> log_;
};

// Throws RenderError("<what> failed: <result name>") unless result is VK_SUCCESS.
void check_vk(VkResult result, const char* what);
const char* vk_result_name(VkResult result);

}  // namespace citytwin::render
