#include "render/dashboards/imgui_layer.hpp"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_vulkan.h>
#include <imgui.h>

#include "render/dashboards/imgui_vulkan_setup.hpp"
#include "render/vulkan/render_error.hpp"
#include "render/vulkan/vulkan_context.hpp"

namespace citytwin::render {

ImGuiLayer::ImGuiLayer(const VulkanContext& context, GLFWwindow* window, VkRenderPass render_pass,
                       std::uint32_t min_image_count, std::uint32_t image_count)
    : device_(context.device()) {
  try {
    pool_ = create_imgui_descriptor_pool(device_);

    IMGUI_CHECKVERSION();
    imgui_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini beside whatever the working directory is
    apply_citytwin_imgui_style();

    if (!ImGui_ImplGlfw_InitForVulkan(window, true)) {
      throw RenderError("ImGui_ImplGlfw_InitForVulkan failed");
    }
    glfw_ready_ = true;
    init_imgui_vulkan_backend(context, pool_, render_pass, min_image_count, image_count);
    vulkan_ready_ = true;
    upload_imgui_fonts(context);
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
