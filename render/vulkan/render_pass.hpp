#pragma once
#include <vulkan/vulkan.h>

namespace citytwin::render {

// The single-subpass colour pass every target uses: clear, draw the city (and, on the window, the
// ImGui pass in the same subpass), store. Pipelines built against one such pass are compatible
// with every other of the same format, so one FrameRenderer serves the offscreen target and the
// swapchain. `final_layout`: TRANSFER_SRC_OPTIMAL offscreen (read-back), PRESENT_SRC_KHR on a
// window.
VkRenderPass create_colour_pass(VkDevice device, VkFormat format, VkImageLayout final_layout);

}  // namespace citytwin::render
