#include "render/dashboards/imgui_vulkan_setup.hpp"

#include <backends/imgui_impl_vulkan.h>
#include <imgui.h>

#include <array>
#include <cstdio>
#include <limits>

#include "render/vulkan/render_error.hpp"
#include "render/vulkan/vulkan_context.hpp"

namespace citytwin::render {
namespace {

void report_imgui_vk(VkResult result) {
  // The backend calls this after every Vulkan call; errors surface through the next frame's
  // own checks too, so print and carry on (throwing through the C backend is not safe).
  if (result < 0)
    std::fprintf(stderr, "citytwin: ImGui Vulkan backend: %s\n", vk_result_name(result));
}

}  // namespace

VkDescriptorPool create_imgui_descriptor_pool(VkDevice device) {
  // The backend needs one combined image sampler (the font atlas); room for a few more.
  const std::array<VkDescriptorPoolSize, 1> sizes{
      {{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16}}};
  VkDescriptorPoolCreateInfo pool{};
  pool.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
  pool.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
  pool.maxSets = 16;
  pool.poolSizeCount = static_cast<std::uint32_t>(sizes.size());
  pool.pPoolSizes = sizes.data();
  VkDescriptorPool handle = VK_NULL_HANDLE;
  check_vk(vkCreateDescriptorPool(device, &pool, nullptr, &handle), "vkCreateDescriptorPool");
  return handle;
}

void apply_citytwin_imgui_style() {
  ImGui::StyleColorsDark();
  ImGui::GetStyle().WindowRounding = 4.0f;
  ImGui::GetStyle().Colors[ImGuiCol_WindowBg].w = 0.92f;
}

void init_imgui_vulkan_backend(const VulkanContext& context, VkDescriptorPool pool,
                               VkRenderPass render_pass, std::uint32_t min_image_count,
                               std::uint32_t image_count) {
  ImGui_ImplVulkan_InitInfo info{};
  info.Instance = context.instance();
  info.PhysicalDevice = context.physical_device();
  info.Device = context.device();
  info.QueueFamily = context.queue_family();
  info.Queue = context.queue();
  info.DescriptorPool = pool;
  info.Subpass = 0;
  info.MinImageCount = min_image_count;
  info.ImageCount = image_count;
  info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
  info.CheckVkResultFn = report_imgui_vk;
  if (!ImGui_ImplVulkan_Init(&info, render_pass)) {
    throw RenderError("ImGui_ImplVulkan_Init failed");
  }
}

void upload_imgui_fonts(const VulkanContext& context) {
  const VkDevice device = context.device();
  VkCommandPool pool = VK_NULL_HANDLE;
  VkCommandPoolCreateInfo pool_info{};
  pool_info.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  pool_info.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  pool_info.queueFamilyIndex = context.queue_family();
  check_vk(vkCreateCommandPool(device, &pool_info, nullptr, &pool), "vkCreateCommandPool");
  VkFence fence = VK_NULL_HANDLE;
  try {
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    VkCommandBufferAllocateInfo alloc{};
    alloc.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    alloc.commandPool = pool;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    check_vk(vkAllocateCommandBuffers(device, &alloc, &cmd), "vkAllocateCommandBuffers");
    VkCommandBufferBeginInfo begin{};
    begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    check_vk(vkBeginCommandBuffer(cmd, &begin), "vkBeginCommandBuffer (fonts)");
    if (!ImGui_ImplVulkan_CreateFontsTexture(cmd)) {
      throw RenderError("ImGui_ImplVulkan_CreateFontsTexture failed");
    }
    check_vk(vkEndCommandBuffer(cmd), "vkEndCommandBuffer (fonts)");
    VkFenceCreateInfo fence_info{};
    fence_info.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
    check_vk(vkCreateFence(device, &fence_info, nullptr, &fence), "vkCreateFence");
    VkSubmitInfo submit{};
    submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &cmd;
    check_vk(vkQueueSubmit(context.queue(), 1, &submit, fence), "vkQueueSubmit (fonts)");
    check_vk(vkWaitForFences(device, 1, &fence, VK_TRUE, std::numeric_limits<std::uint64_t>::max()),
             "vkWaitForFences (fonts)");
    ImGui_ImplVulkan_DestroyFontUploadObjects();
  } catch (...) {
    if (fence != VK_NULL_HANDLE) vkDestroyFence(device, fence, nullptr);
    vkDestroyCommandPool(device, pool, nullptr);
    throw;
  }
  vkDestroyFence(device, fence, nullptr);
  vkDestroyCommandPool(device, pool, nullptr);
}

}  // namespace citytwin::render
