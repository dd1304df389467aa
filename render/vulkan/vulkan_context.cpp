#include "render/vulkan/vulkan_context.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "render/vulkan/render_error.hpp"

namespace citytwin::render {
namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";
constexpr const char* kDriverHint =
    "install mesa-vulkan-drivers (the lavapipe CPU driver) or a GPU driver; `vulkaninfo --summary` "
    "lists what the Vulkan loader sees";

bool environment_asks_for_validation() {
  const char* layers = std::getenv("VK_INSTANCE_LAYERS");
  return layers != nullptr && std::string_view(layers).find(kValidationLayer) != std::string::npos;
}

bool layer_available(const char* name) {
  std::uint32_t count = 0;
  vkEnumerateInstanceLayerProperties(&count, nullptr);
  std::vector<VkLayerProperties> layers(count);
  vkEnumerateInstanceLayerProperties(&count, layers.data());
  for (const auto& l : layers) {
    if (std::strcmp(l.layerName, name) == 0) return true;
  }
  return false;
}

bool extension_available(const char* layer, const char* name) {
  std::uint32_t count = 0;
  vkEnumerateInstanceExtensionProperties(layer, &count, nullptr);
  std::vector<VkExtensionProperties> extensions(count);
  vkEnumerateInstanceExtensionProperties(layer, &count, extensions.data());
  for (const auto& e : extensions) {
    if (std::strcmp(e.extensionName, name) == 0) return true;
  }
  return false;
}

VKAPI_ATTR VkBool32 VKAPI_CALL on_validation_message(
    VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT types,
    const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  // General-type warnings are the loader's notes (e.g. "env var VK_INSTANCE_LAYERS defined and
  // adding layers ..."), not findings about our use of the API: keep validation and performance
  // findings and every error.
  const bool finding = (types & (VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                                 VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT)) != 0 ||
                       severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  if (!finding) return VK_FALSE;
  static_cast<VulkanContext*>(user)->record_message(data->pMessage ? data->pMessage : "(empty)");
  return VK_FALSE;
}

VkDebugUtilsMessengerCreateInfoEXT messenger_info(VulkanContext* context) {
  VkDebugUtilsMessengerCreateInfoEXT info{};
  info.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT;
  info.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                         VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  info.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                     VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                     VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  info.pfnUserCallback = on_validation_message;
  info.pUserData = context;
  return info;
}

int device_score(const VkPhysicalDeviceProperties& p, bool prefer_cpu) {
  switch (p.deviceType) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
      return 4;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
      return 3;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
      return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU:
      return prefer_cpu ? 5 : 1;
    default:
      return 0;
  }
}

}  // namespace

const char* vk_result_name(VkResult result) {
  switch (result) {
    case VK_SUCCESS:
      return "VK_SUCCESS";
    case VK_NOT_READY:
      return "VK_NOT_READY";
    case VK_TIMEOUT:
      return "VK_TIMEOUT";
    case VK_ERROR_OUT_OF_HOST_MEMORY:
      return "VK_ERROR_OUT_OF_HOST_MEMORY";
    case VK_ERROR_OUT_OF_DEVICE_MEMORY:
      return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
    case VK_ERROR_INITIALIZATION_FAILED:
      return "VK_ERROR_INITIALIZATION_FAILED";
    case VK_ERROR_DEVICE_LOST:
      return "VK_ERROR_DEVICE_LOST";
    case VK_ERROR_LAYER_NOT_PRESENT:
      return "VK_ERROR_LAYER_NOT_PRESENT";
    case VK_ERROR_EXTENSION_NOT_PRESENT:
      return "VK_ERROR_EXTENSION_NOT_PRESENT";
    case VK_ERROR_FEATURE_NOT_PRESENT:
      return "VK_ERROR_FEATURE_NOT_PRESENT";
    case VK_ERROR_INCOMPATIBLE_DRIVER:
      return "VK_ERROR_INCOMPATIBLE_DRIVER";
    case VK_ERROR_FORMAT_NOT_SUPPORTED:
      return "VK_ERROR_FORMAT_NOT_SUPPORTED";
    case VK_SUBOPTIMAL_KHR:
      return "VK_SUBOPTIMAL_KHR";
    case VK_ERROR_OUT_OF_DATE_KHR:
      return "VK_ERROR_OUT_OF_DATE_KHR";
    case VK_ERROR_SURFACE_LOST_KHR:
      return "VK_ERROR_SURFACE_LOST_KHR";
    default:
      return "VkResult (other error)";
  }
}

void check_vk(VkResult result, const char* what) {
  if (result != VK_SUCCESS) {
    throw RenderError(std::string(what) + " failed: " + vk_result_name(result) + " (" +
                      std::to_string(static_cast<int>(result)) + ")");
  }
}

VulkanContext::VulkanContext(const ContextOptions& options)
    : print_validation_(options.print_validation),
      log_(options.log ? options.log : std::make_shared<ValidationLog>()) {
  try {
    create_instance(options);
    pick_physical_device(options);
    create_device(options);
  } catch (...) {
    release();
    throw;
  }
}

VulkanContext::~VulkanContext() {
  release();
}

void VulkanContext::release() {
  if (device_ != VK_NULL_HANDLE) {
    vkDeviceWaitIdle(device_);
    vkDestroyDevice(device_, nullptr);
    device_ = VK_NULL_HANDLE;
  }
  if (messenger_ != VK_NULL_HANDLE) {
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
    if (destroy) destroy(instance_, messenger_, nullptr);
    messenger_ = VK_NULL_HANDLE;
  }
  if (instance_ != VK_NULL_HANDLE) {
    vkDestroyInstance(instance_, nullptr);
    instance_ = VK_NULL_HANDLE;
  }
}

void VulkanContext::create_instance(const ContextOptions& options) {
  std::uint32_t loader_version = VK_API_VERSION_1_0;
  if (vkEnumerateInstanceVersion(&loader_version) != VK_SUCCESS ||
      loader_version < VK_API_VERSION_1_2) {
    throw RenderError("the Vulkan loader is older than 1.2; install libvulkan1 >= 1.2");
  }

  const bool from_environment = environment_asks_for_validation();
  const bool validation = options.validation || from_environment;
  std::vector<const char*> layers;
  std::vector<const char*> extensions;
  if (validation) {
    if (!layer_available(kValidationLayer)) {
      throw RenderError(
          "validation was requested but VK_LAYER_KHRONOS_validation is not installed "
          "(install vulkan-validationlayers)");
    }
    // Layers named in VK_INSTANCE_LAYERS are enabled by the loader itself.
    if (!from_environment) layers.push_back(kValidationLayer);
    if (extension_available(kValidationLayer, VK_EXT_DEBUG_UTILS_EXTENSION_NAME) ||
        extension_available(nullptr, VK_EXT_DEBUG_UTILS_EXTENSION_NAME)) {
      extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    }
  }
  const bool debug_utils = !extensions.empty();
  for (const char* name : options.instance_extensions) {
    if (!extension_available(nullptr, name)) {
      throw RenderError(std::string("the Vulkan instance extension ") + name +
                        " (needed for a window) is not available");
    }
    extensions.push_back(name);
  }

  VkApplicationInfo app{};
  app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
  app.pApplicationName = "citytwin";
  app.applicationVersion = VK_MAKE_API_VERSION(0, 0, 1, 0);
  app.pEngineName = "citytwin";
  app.apiVersion = VK_API_VERSION_1_2;

  // Chained into instance creation so that messages of vkCreateInstance itself are recorded too.
  VkDebugUtilsMessengerCreateInfoEXT messenger = messenger_info(this);
  VkInstanceCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
  info.pNext = debug_utils ? &messenger : nullptr;
  info.pApplicationInfo = &app;
  info.enabledLayerCount = static_cast<std::uint32_t>(layers.size());
  info.ppEnabledLayerNames = layers.data();
  info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();
  const VkResult result = vkCreateInstance(&info, nullptr, &instance_);
  if (result == VK_ERROR_INCOMPATIBLE_DRIVER) {
    throw RenderError(std::string("no Vulkan driver found (VK_ERROR_INCOMPATIBLE_DRIVER): ") +
                      kDriverHint);
  }
  check_vk(result, "vkCreateInstance");

  if (debug_utils) {
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance_, "vkCreateDebugUtilsMessengerEXT"));
    if (create == nullptr) throw RenderError("vkCreateDebugUtilsMessengerEXT is not available");
    check_vk(create(instance_, &messenger, nullptr, &messenger_), "vkCreateDebugUtilsMessengerEXT");
  }
}

void VulkanContext::pick_physical_device(const ContextOptions& options) {
  std::uint32_t count = 0;
  const VkResult result = vkEnumeratePhysicalDevices(instance_, &count, nullptr);
  if (result != VK_SUCCESS || count == 0) {
    throw RenderError(std::string("no Vulkan device found: ") + kDriverHint);
  }
  std::vector<VkPhysicalDevice> devices(count);
  vkEnumeratePhysicalDevices(instance_, &count, devices.data());

  int best_score = 0;
  for (VkPhysicalDevice candidate : devices) {
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(candidate, &props);
    if (props.apiVersion < VK_API_VERSION_1_2) continue;
    std::uint32_t family_count = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(candidate, &family_count, nullptr);
    std::vector<VkQueueFamilyProperties> families(family_count);
    vkGetPhysicalDeviceQueueFamilyProperties(candidate, &family_count, families.data());
    for (std::uint32_t f = 0; f < family_count; ++f) {
      if ((families[f].queueFlags & VK_QUEUE_GRAPHICS_BIT) == 0) continue;
      const int score = device_score(props, options.prefer_cpu);
      if (score > best_score) {  // ties keep the first device: a stable choice
        best_score = score;
        physical_device_ = candidate;
        properties_ = props;
        queue_family_ = f;
      }
      break;
    }
  }
  if (physical_device_ == VK_NULL_HANDLE) {
    throw RenderError(std::string("no Vulkan 1.2 device with a graphics queue: ") + kDriverHint);
  }
  vkGetPhysicalDeviceMemoryProperties(physical_device_, &memory_);
}

void VulkanContext::create_device(const ContextOptions& options) {
  const float priority = 1.0f;
  VkDeviceQueueCreateInfo queue{};
  queue.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
  queue.queueFamilyIndex = queue_family_;
  queue.queueCount = 1;
  queue.pQueuePriorities = &priority;
  VkDeviceCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
  info.queueCreateInfoCount = 1;
  info.pQueueCreateInfos = &queue;
  const char* swapchain = VK_KHR_SWAPCHAIN_EXTENSION_NAME;
  if (options.swapchain) {
    info.enabledExtensionCount = 1;
    info.ppEnabledExtensionNames = &swapchain;
  }
  check_vk(vkCreateDevice(physical_device_, &info, nullptr, &device_), "vkCreateDevice");
  vkGetDeviceQueue(device_, queue_family_, 0, &queue_);
}

void VulkanContext::record_message(const char* text) {
  if (print_validation_) std::fprintf(stderr, "vulkan validation: %s\n", text);
  log_->add(text);
}

std::uint32_t VulkanContext::find_memory_type(std::uint32_t type_bits,
                                              VkMemoryPropertyFlags required) const {
  for (std::uint32_t i = 0; i < memory_.memoryTypeCount; ++i) {
    if ((type_bits & (1u << i)) && (memory_.memoryTypes[i].propertyFlags & required) == required) {
      return i;
    }
  }
  throw RenderError("no Vulkan memory type with the required properties");
}

void VulkanContext::wait_idle() const {
  if (device_ != VK_NULL_HANDLE) vkDeviceWaitIdle(device_);
}

}  // namespace citytwin::render
