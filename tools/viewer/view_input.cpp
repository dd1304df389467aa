#include "tools/viewer/view_input.hpp"

#include <imgui.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

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

namespace {

// "a", "a or b", "a, b or c".
std::string one_of(const std::vector<std::string>& choices) {
  std::string text;
  for (std::size_t k = 0; k < choices.size(); ++k) {
    if (k > 0) text += k + 1 == choices.size() ? " or " : ", ";
    text += choices[k];
  }
  return text;
}

}  // namespace

std::string inspect_kinds_usage(const FamilyRegistry& families) {
  std::vector<std::string> syntaxes = {"node:NAME"};
  for (const InspectKindRegistration* kind : families.inspect_kinds()) {
    syntaxes.push_back(kind->syntax);
  }
  return one_of(syntaxes);
}

// --inspect node:NAME, or KIND:NAME of a family's inspect kind.
InspectTarget parse_inspect_target(const std::string& text, const Network& network,
                                   const FamilyRegistry& families) {
  const auto colon = text.find(':');
  const std::string what = text.substr(0, colon == std::string::npos ? 0 : colon);
  const std::string name = colon == std::string::npos ? text : text.substr(colon + 1);
  const std::vector<const InspectKindRegistration*> kinds = families.inspect_kinds();
  if (what == "node") {
    const NodeId node = network.find_node(name);
    if (node == kNoId)
      throw std::invalid_argument("--inspect: the network has no node '" + name + "'");
    return InspectTarget::node(node);
  }
  for (const InspectKindRegistration* kind : kinds) {
    if (kind->kind != what) continue;
    if (const auto target = kind->resolve(name, network)) return *target;
  }
  std::string examples = "node:J_r1_c1";
  for (const InspectKindRegistration* kind : kinds) examples += ", " + kind->example;
  throw std::invalid_argument("--inspect: '" + text + "' is not " + inspect_kinds_usage(families) +
                              " (e.g. " + examples + ")");
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
