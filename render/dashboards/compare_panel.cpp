#include "render/dashboards/compare_panel.hpp"

#include <imgui.h>

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <vector>

#include "render/colours.hpp"

namespace citytwin::render {
namespace {

ImVec4 verdict_colour(KpiDelta::Verdict verdict) {
  switch (verdict) {
    case KpiDelta::Verdict::kBetter:
      return {0.35f, 0.85f, 0.35f, 1.0f};
    case KpiDelta::Verdict::kWorse:
      return {0.95f, 0.35f, 0.30f, 1.0f};
    case KpiDelta::Verdict::kSame:
      break;
  }
  return {0.75f, 0.75f, 0.75f, 1.0f};
}

// variant - baseline per sample, display-scaled, in ring order (PlotLines' values_offset).
void delta_series(const KpiHistory& variant, const KpiHistory& baseline, std::string_view kpi,
                  double scale, std::vector<float>& out, int& offset) {
  const auto a = baseline.series(kpi);
  const auto b = variant.series(kpi);
  out.clear();
  offset = 0;
  if (a.values.size() != b.values.size() || a.offset != b.offset) return;
  out.resize(a.values.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<float>((b.values[i] - a.values[i]) * scale);
  }
  offset = static_cast<int>(a.offset);
}

}  // namespace

void ShowComparePanel(bool* open, std::span<const KpiColumn> columns, const KpiHistory& variant,
                      const KpiHistory& baseline, const CompareStatus& status,
                      CompareRequests& requests) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  // Bottom middle: the side column holds the KPI plots and the inspector.
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f - 200.0f, display.y - 330.0f),
                          ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(400, 0), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("A/B compare", open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  ImGui::Text("A: %s", status.baseline.c_str());
  ImGui::Text("B: %s", status.variant.c_str());
  if (ImGui::Button(status.showing_baseline ? "showing A: show B" : "showing B: show A")) {
    requests.toggle_shown = true;
  }
  ImGui::SameLine();
  ImGui::TextDisabled("same seed, common random numbers");

  if (ImGui::BeginTable("deltas", 5, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("KPI");
    ImGui::TableSetupColumn("A");
    ImGui::TableSetupColumn("B");
    ImGui::TableSetupColumn("B - A");
    ImGui::TableSetupColumn("%");
    ImGui::TableHeadersRow();
    for (const KpiColumn& kpi : columns) {
      const float a = baseline.latest(kpi.name);
      const float b = variant.latest(kpi.name);
      if (std::isnan(a) || std::isnan(b)) continue;
      const KpiDisplay& show = kpi.display;
      const KpiDelta d = compare_kpi(a, b, show.better);
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(kpi.title().c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::Text("%.1f", a * show.scale);
      ImGui::TableSetColumnIndex(2);
      ImGui::Text("%.1f", b * show.scale);
      ImGui::TableSetColumnIndex(3);
      ImGui::TextColored(verdict_colour(d.verdict), "%+.1f %s", d.delta * show.scale,
                         show.unit.c_str());
      ImGui::TableSetColumnIndex(4);
      ImGui::TextColored(verdict_colour(d.verdict), "%+.1f", 100.0 * d.relative);
    }
    ImGui::EndTable();
  }

  static std::vector<float> deltas;
  const float width = ImGui::GetContentRegionAvail().x;
  for (const char* name : {"total_delay_s", "throughput_veh_h"}) {
    const KpiColumn* kpi = find_kpi(columns, name);
    if (kpi == nullptr) continue;
    int offset = 0;
    delta_series(variant, baseline, name, kpi->display.scale, deltas, offset);
    if (deltas.empty()) continue;
    char overlay[96];
    std::snprintf(overlay, sizeof overlay, "B - A %s (%s)", kpi->title().c_str(),
                  kpi->display.unit.c_str());
    ImGui::PushID(name);
    ImGui::PlotLines("##delta", deltas.data(), static_cast<int>(deltas.size()), offset, overlay,
                     FLT_MAX, FLT_MAX, ImVec2(width, 40));
    ImGui::PopID();
  }
  ImGui::End();
}

}  // namespace citytwin::render
