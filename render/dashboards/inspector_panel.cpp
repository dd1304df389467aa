#include "render/dashboards/inspector_panel.hpp"

#include <imgui.h>

#include <string>

#include "render/agents/picking.hpp"

namespace citytwin::render {

void ShowInspectorPanel(bool* open, const WorldView& view, bool& follow,
                        InspectorRequests& requests) {
  const Inspection& inspection = view.inspection;
  if (inspection.target.kind == InspectTarget::Kind::kNone) return;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  // Under the KPI plots, at the side: the city in the middle stays in view.
  ImGui::SetNextWindowPos(ImVec2(display.x - 350.0f, 345.0f), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(340, 0), ImGuiCond_FirstUseEver);
  // Long descriptions (16 signal groups, a long route) scroll instead of running off screen.
  ImGui::SetNextWindowSizeConstraints(ImVec2(260, 0), ImVec2(600, 340));
  if (!ImGui::Begin("Inspector", open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  if (inspection.title.empty()) {
    ImGui::TextDisabled("waiting for the simulation to describe it");
  } else {
    ImGui::TextUnformatted(inspection.title.c_str());
    if (!inspection.present) {
      ImGui::SameLine();
      ImGui::TextDisabled("(not in the network)");
    }
  }
  if (inspection.target.kind == InspectTarget::Kind::kAgent) {
    ImGui::Checkbox("follow", &follow);
    ImGui::SameLine();
  }
  if (ImGui::Button("close")) requests.close = true;

  const std::string* section = nullptr;
  bool table_open = false;
  for (const auto& row : inspection.rows) {
    if (section == nullptr || row.section != *section) {
      if (table_open) ImGui::EndTable();
      section = &row.section;
      ImGui::Separator();
      ImGui::TextDisabled("%s", row.section.c_str());
      table_open = ImGui::BeginTable(row.section.c_str(), 2, ImGuiTableFlags_SizingStretchProp);
    }
    if (!table_open) continue;
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(row.label.c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::TextWrapped("%s", row.value.c_str());
  }
  if (table_open) ImGui::EndTable();
  ImGui::End();
}

void DrawInspectMarker(const Inspection& inspection, const WorldView& shown, const Camera& camera) {
  Vec2 at;
  float radius = 10.0f;
  if (const auto agent = find_agent(shown, inspection.target)) {
    at = {shown.x[*agent], shown.y[*agent]};
  } else if (inspection.target.kind == InspectTarget::Kind::kNode && inspection.has_position) {
    at = {inspection.x, inspection.y};
    radius = 18.0f;
  } else {
    return;
  }
  const Vec2 p = world_to_pixel(camera, at);
  ImDrawList* draw = ImGui::GetBackgroundDrawList();
  draw->AddCircle(ImVec2(static_cast<float>(p.x), static_cast<float>(p.y)), radius,
                  IM_COL32(255, 255, 255, 230), 0, 2.0f);
}

}  // namespace citytwin::render
