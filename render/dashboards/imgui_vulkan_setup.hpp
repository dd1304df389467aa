#pragma once
#include <vulkan/vulkan.h>

#include <cstdint>

namespace citytwin::render {

class VulkanContext;

// What the window's ImGui layer and the headless dashboards set up the same way, so a picture
// written headless shows the panels exactly as the window draws them.

// A descriptor pool with room for the font atlas (and a few more images). Throws RenderError.
VkDescriptorPool create_imgui_descriptor_pool(VkDevice device);

// The city view's look: dark style, rounded, slightly translucent windows. On the current context.
void apply_citytwin_imgui_style();

// Initialises Dear ImGui 1.86's Vulkan backend on the current ImGui context to draw into
// `render_pass` (subpass 0, no MSAA). Throws RenderError.
void init_imgui_vulkan_backend(const VulkanContext& context, VkDescriptorPool pool,
                               VkRenderPass render_pass, std::uint32_t min_image_count,
                               std::uint32_t image_count);

// Builds the current context's font atlas and uploads it through a one-off command buffer on
// the context's queue, waiting for it. Throws RenderError.
void upload_imgui_fonts(const VulkanContext& context);

}  // namespace citytwin::render
