#include "render/headless_dashboards.hpp"

#include <backends/imgui_impl_vulkan.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImGui::FindWindowByName: where the panel is, for callers and tests

#include "render/imgui_vulkan_setup.hpp"
#include "render/render_error.hpp"
#include "render/vulkan_context.hpp"

namespace citytwin::render {
namespace {

// The backend keeps vertex buffers per "swapchain image"; offscreen frames are waited for one at
// a time, so the minimum it accepts is plenty.
constexpr std::uint32_t kBackendImages = 2;
constexpr float kFixedDeltaSeconds = 1.0f / 60.0f;

// Every ImGui call acts on the current context: make this object's current for a scope and put
// back whatever was current (a window's layer may live in the same process).
class CurrentContext {
 public:
  explicit CurrentContext(ImGuiContext* context) : previous_(ImGui::GetCurrentContext()) {
    ImGui::SetCurrentContext(context);
  }
  ~CurrentContext() { ImGui::SetCurrentContext(previous_); }
  CurrentContext(const CurrentContext&) = delete;
  CurrentContext& operator=(const CurrentContext&) = delete;

 private:
  ImGuiContext* previous_;
};

}  // namespace

HeadlessDashboards::HeadlessDashboards(const VulkanContext& context, VkRenderPass render_pass,
                                       std::uint32_t width, std::uint32_t height)
    : device_(context.device()) {
  try {
    pool_ = create_imgui_descriptor_pool(device_);
    IMGUI_CHECKVERSION();
    imgui_ = ImGui::CreateContext();  // current only if none was: set it below
    CurrentContext current(imgui_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no window positions carried in from (or out to) a file
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    io.DeltaTime = kFixedDeltaSeconds;
    apply_citytwin_imgui_style();
    init_imgui_vulkan_backend(context, pool_, render_pass, kBackendImages, kBackendImages);
    vulkan_ready_ = true;
    upload_imgui_fonts(context);
  } catch (...) {
    release();
    throw;
  }
}

HeadlessDashboards::~HeadlessDashboards() {
  release();
}

void HeadlessDashboards::release() {
  if (device_ != VK_NULL_HANDLE) vkDeviceWaitIdle(device_);
  if (imgui_ != nullptr) {
    {
      CurrentContext current(imgui_);
      if (vulkan_ready_) ImGui_ImplVulkan_Shutdown();
    }
    ImGui::DestroyContext(imgui_);
  }
  vulkan_ready_ = false;
  imgui_ = nullptr;
  if (pool_ != VK_NULL_HANDLE) vkDestroyDescriptorPool(device_, pool_, nullptr);
  pool_ = VK_NULL_HANDLE;
}

void HeadlessDashboards::layout(const WorldView& view, const KpiHistory& history) {
  CurrentContext current(imgui_);
  for (int frame = 0; frame < kSettleFrames; ++frame) {
    ImGui::GetIO().DeltaTime = kFixedDeltaSeconds;
    ImGui_ImplVulkan_NewFrame();
    ImGui::NewFrame();
    ShowKpiPanel(nullptr, view, history);  // no `open` flag: no close button in a picture
    ImGui::Render();
  }
  kpi_panel_.reset();
  if (const ImGuiWindow* window = ImGui::FindWindowByName("KPIs");
      window != nullptr && window->WasActive) {
    kpi_panel_ = PanelRect{window->Pos.x, window->Pos.y, window->Size.x, window->Size.y};
  }
}

void HeadlessDashboards::record(VkCommandBuffer cmd) const {
  CurrentContext current(imgui_);
  ImDrawData* draw_data = ImGui::GetDrawData();
  if (draw_data != nullptr) ImGui_ImplVulkan_RenderDrawData(draw_data, cmd);
}

}  // namespace citytwin::render
