#pragma once
#include <vulkan/vulkan.h>

#include <cstdint>

struct GLFWwindow;
struct ImGuiContext;

namespace citytwin::render {

class VulkanContext;

// Dear ImGui 1.86 on the window: its context, the GLFW platform backend (input, with callbacks
// chained to any installed before) and the Vulkan backend drawing into the city's render pass,
// after the city, in the same subpass. One per window; not copyable. The ini file is off.
class ImGuiLayer {
 public:
  // `image_count`: the swapchain's (>= kFramesInFlight, so a frame's vertex buffers are never
  // rewritten while the GPU still reads them). Throws RenderError.
  ImGuiLayer(const VulkanContext& context, GLFWwindow* window, VkRenderPass render_pass,
             std::uint32_t min_image_count, std::uint32_t image_count);
  ~ImGuiLayer();
  ImGuiLayer(const ImGuiLayer&) = delete;
  ImGuiLayer& operator=(const ImGuiLayer&) = delete;

  // Starts a UI frame (backends, then ImGui::NewFrame); build the panels after this.
  void begin_frame();
  // Ends the UI frame (ImGui::Render): the draw data is ready for record().
  void end_frame();
  // Records the draw lists into the open render pass (TargetFrame::in_pass).
  void record(VkCommandBuffer cmd) const;
  // After a swapchain rebuild.
  void set_min_image_count(std::uint32_t min_image_count);

 private:
  void release();

  VkDevice device_ = VK_NULL_HANDLE;
  VkDescriptorPool pool_ = VK_NULL_HANDLE;
  ImGuiContext* imgui_ = nullptr;
  bool glfw_ready_ = false;
  bool vulkan_ready_ = false;
};

}  // namespace citytwin::render
