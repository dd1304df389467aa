#include "tools/viewer/view_input.hpp"

#include <imgui.h>

#include <cmath>
#include <stdexcept>

namespace citytwin::viewer {

// A left click (press and release without dragging) on the city, not on a panel: what to inspect.
std::optional<Vec2> city_click() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantCaptureMouse || !ImGui::IsMouseReleased(ImGuiMouseButton_Left)) return std::nullopt;
  constexpr float kMaxClickDragPx = 4.0f;
  if (io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] > kMaxClickDragPx * kMaxClickDragPx) {
    return std::nullopt;
  }
  return Vec2{io.MousePos.x, io.MousePos.y};
}

// --inspect node:NAME | vehicle:ID.
InspectTarget parse_inspect_target(const std::string& text, const Network& network) {
  const auto colon = text.find(':');
  const std::string what = text.substr(0, colon == std::string::npos ? 0 : colon);
  const std::string name = colon == std::string::npos ? text : text.substr(colon + 1);
  if (what == "node") {
    const NodeId node = network.find_node(name);
    if (node == kNoId)
      throw std::invalid_argument("--inspect: the network has no node '" + name + "'");
    return InspectTarget::node(node);
  }
  if (what == "vehicle") {
    std::size_t used = 0;
    unsigned long id = 0;
    try {
      id = std::stoul(name, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == name.size() && used > 0 && id <= 0xFFFFFFFEul) {
      return InspectTarget::agent(AgentKind::kCar, static_cast<std::uint32_t>(id));
    }
  }
  throw std::invalid_argument("--inspect: '" + text +
                              "' is not node:NAME or vehicle:ID (e.g. node:J_r1_c1, vehicle:42)");
}

void handle_camera_input(render::Camera& camera) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantCaptureMouse) return;
  if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f) ||
      ImGui::IsMouseDragging(ImGuiMouseButton_Right, 0.0f)) {
    camera = render::pan(camera, io.MouseDelta.x, io.MouseDelta.y);
  }
  if (io.MouseWheel != 0.0f) {
    camera = render::zoom_at(camera, std::pow(1.2, io.MouseWheel), {io.MousePos.x, io.MousePos.y});
  }
}

}  // namespace citytwin::viewer
