#include "render/imgui_layer.hpp"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_vulkan.h>
#include <imgui.h>

#include <array>
#include <cstdio>
#include <limits>

#include "render/render_error.hpp"
#include "render/vulkan_context.hpp"

namespace citytwin::render {
namespace {

void report_imgui_vk(VkResult result) {
  // The backend calls this after every Vulkan call; errors surface through the next frame's
  // own checks too, so print and carry on (throwing through the C backend is not safe).
  if (result < 0)
    std::fprintf(stderr, "citytwin view: ImGui Vulkan backend: %s\n", vk_result_name(result));
}

}  // namespace

ImGuiLayer::ImGuiLayer(const VulkanContext& context, GLFWwindow* window, VkRenderPass render_pass,
                       std::uint32_t min_image_count, std::uint32_t image_count)
    : device_(context.device()) {
  try {
    // The backend needs one combined image sampler (the font atlas); room for a few more.
    const std::array<VkDescriptorPoolSize, 1> sizes{
        {{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16}}};
    VkDescriptorPoolCreateInfo pool{};
    pool.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
    pool.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    pool.maxSets = 16;
    pool.poolSizeCount = static_cast<std::uint32_t>(sizes.size());
    pool.pPoolSizes = sizes.data();
    check_vk(vkCreateDescriptorPool(device_, &pool, nullptr, &pool_), "vkCreateDescriptorPool");

    IMGUI_CHECKVERSION();
    imgui_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini beside whatever the working directory is
    ImGui::StyleColorsDark();
    ImGui::GetStyle().WindowRounding = 4.0f;
    ImGui::GetStyle().Colors[ImGuiCol_WindowBg].w = 0.92f;

    if (!ImGui_ImplGlfw_InitForVulkan(window, true)) {
      throw RenderError("ImGui_ImplGlfw_InitForVulkan failed");
    }
    glfw_ready_ = true;
    ImGui_ImplVulkan_InitInfo info{};
    info.Instance = context.instance();
    info.PhysicalDevice = context.physical_device();
    info.Device = context.device();
    info.QueueFamily = context.queue_family();
    info.Queue = context.queue();
    info.DescriptorPool = pool_;
    info.Subpass = 0;
    info.MinImageCount = min_image_count;
    info.ImageCount = image_count;
    info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
    info.CheckVkResultFn = report_imgui_vk;
    if (!ImGui_ImplVulkan_Init(&info, render_pass)) {
      throw RenderError("ImGui_ImplVulkan_Init failed");
    }
    vulkan_ready_ = true;
    upload_fonts(context);
  } catch (...) {
    release();
    throw;
  }
}

ImGuiLayer::~ImGuiLayer() {
  release();
}

void ImGuiLayer::release() {
  if (device_ != VK_NULL_HANDLE) vkDeviceWaitIdle(device_);
  if (vulkan_ready_) ImGui_ImplVulkan_Shutdown();
  if (glfw_ready_) ImGui_ImplGlfw_Shutdown();
  vulkan_ready_ = false;
  glfw_ready_ = false;
  if (imgui_ != nullptr) ImGui::DestroyContext(imgui_);
  imgui_ = nullptr;
  if (pool_ != VK_NULL_HANDLE) vkDestroyDescriptorPool(device_, pool_, nullptr);
  pool_ = VK_NULL_HANDLE;
}

void ImGuiLayer::upload_fonts(const VulkanContext& context) {
  VkCommandPool pool = VK_NULL_HANDLE;
  VkCommandPoolCreateInfo pool_info{};
  pool_info.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  pool_info.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  pool_info.queueFamilyIndex = context.queue_family();
  check_vk(vkCreateCommandPool(device_, &pool_info, nullptr, &pool), "vkCreateCommandPool");
  VkFence fence = VK_NULL_HANDLE;
  try {
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    VkCommandBufferAllocateInfo alloc{};
    alloc.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    alloc.commandPool = pool;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    check_vk(vkAllocateCommandBuffers(device_, &alloc, &cmd), "vkAllocateCommandBuffers");
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
    check_vk(vkCreateFence(device_, &fence_info, nullptr, &fence), "vkCreateFence");
    VkSubmitInfo submit{};
    submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &cmd;
    check_vk(vkQueueSubmit(context.queue(), 1, &submit, fence), "vkQueueSubmit (fonts)");
    check_vk(
        vkWaitForFences(device_, 1, &fence, VK_TRUE, std::numeric_limits<std::uint64_t>::max()),
        "vkWaitForFences (fonts)");
    ImGui_ImplVulkan_DestroyFontUploadObjects();
  } catch (...) {
    if (fence != VK_NULL_HANDLE) vkDestroyFence(device_, fence, nullptr);
    vkDestroyCommandPool(device_, pool, nullptr);
    throw;
  }
  vkDestroyFence(device_, fence, nullptr);
  vkDestroyCommandPool(device_, pool, nullptr);
}

void ImGuiLayer::begin_frame() {
  ImGui_ImplVulkan_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void ImGuiLayer::end_frame() {
  ImGui::Render();
}

void ImGuiLayer::record(VkCommandBuffer cmd) const {
  ImGui_ImplVulkan_RenderDrawData(ImGui::GetDrawData(), cmd);
}

void ImGuiLayer::set_min_image_count(std::uint32_t min_image_count) {
  ImGui_ImplVulkan_SetMinImageCount(min_image_count);
}

}  // namespace citytwin::render
