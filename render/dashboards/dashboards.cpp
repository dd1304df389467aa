#include "render/dashboards/dashboards.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "render/city/signal_heads.hpp"
#include "render/colours.hpp"
#include "render/overlays/field_colours.hpp"

namespace citytwin::render {
namespace {

ImVec4 to_imgui(Rgba8 c) {
  return {c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, 1.0f};
}

double kpi_value(const WorldView& view, std::string_view name) {
  for (std::size_t k = 0; k < view.kpi_names.size() && k < view.kpi_values.size(); ++k) {
    if (view.kpi_names[k] == name) return view.kpi_values[k];
  }
  return std::numeric_limits<double>::quiet_NaN();
}

void format_clock(double seconds, char* out, std::size_t size) {
  const auto total = static_cast<long long>(std::floor(std::max(seconds, 0.0)));
  std::snprintf(out, size, "%02lld:%02lld:%02lld", total / 3600, (total / 60) % 60, total % 60);
}

void swatch(const char* id, Rgba8 colour, const char* label) {
  ImGui::ColorButton(id, to_imgui(colour), ImGuiColorEditFlags_NoTooltip, ImVec2(14, 14));
  ImGui::SameLine();
  ImGui::TextUnformatted(label);
}

ImU32 to_imgui_u32(Rgba8 c) {
  return IM_COL32(c.r, c.g, c.b, 255);
}

// The ramp of a field as a bar from range_min (left) to range_max (right), coloured as the overlay
// draws those values (the field's sense decides which end is green), then its range and unit.
void field_ramp(const FieldInfo& field) {
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float width = std::max(ImGui::GetContentRegionAvail().x - 8.0f, 40.0f);
  const float height = 10.0f;
  constexpr int kSteps = 8;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (int i = 0; i < kSteps; ++i) {
    auto value_at = [&](int k) {
      return field.range_min + (field.range_max - field.range_min) * k / float(kSteps);
    };
    const Rgba8 left = field_colour(field, value_at(i), 255);
    const Rgba8 right = field_colour(field, value_at(i + 1), 255);
    const float x0 = start.x + width * i / kSteps;
    const float x1 = start.x + width * (i + 1) / kSteps;
    draw->AddRectFilledMultiColor(ImVec2(x0, start.y), ImVec2(x1, start.y + height),
                                  to_imgui_u32(left), to_imgui_u32(right), to_imgui_u32(right),
                                  to_imgui_u32(left));
  }
  ImGui::Dummy(ImVec2(width, height));
  ImGui::TextDisabled("%g .. %g %s", field.range_min, field.range_max, field.unit.c_str());
}

// One checkbox per field; at most one of the list is selected (`selected` holds its name).
template <class Fields>
void overlay_toggles(const Fields& fields, const char* kind, std::string& selected) {
  for (const auto& field : fields) {
    bool on = selected == field.name;
    char label[96];
    std::snprintf(label, sizeof label, "%s (%s)##%s", field.name.c_str(), kind, kind);
    if (ImGui::Checkbox(label, &on)) {
      if (on) {
        selected.assign(field.name);
      } else {
        selected.clear();
      }
    }
    if (on) field_ramp(field);
  }
}

}  // namespace

void ShowRunControlsPanel(bool* open, const WorldView& view, const RunStatus& status,
                          RunRequests& requests) {
  ImGui::SetNextWindowPos(ImVec2(10, 10), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(310, 0), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Run", open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  char clock[32];
  format_clock(view.time, clock, sizeof clock);
  ImGui::Text("sim time %s  (step %lld)", clock, static_cast<long long>(view.step));
  if (status.finished) {
    ImGui::TextColored(to_imgui(palette::kSignalAmber), "end of scenario");
  } else {
    ImGui::TextUnformatted(status.paused ? "paused" : "running");
  }
  if (ImGui::Button(status.paused ? "Play" : "Pause", ImVec2(70, 0))) requests.toggle_pause = true;
  ImGui::SameLine();
  ImGui::BeginDisabled(!status.paused);
  if (ImGui::Button("Step", ImVec2(70, 0))) requests.single_step = true;
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Fit city", ImVec2(80, 0))) requests.fit_city = true;

  ImGui::TextUnformatted("speed");
  bool first = true;
  for (double s : kSpeedChoices) {
    char label[16];
    if (s > 0.0) {
      std::snprintf(label, sizeof label, "x%g", s);
    } else {
      std::snprintf(label, sizeof label, "max");
    }
    if (!first) ImGui::SameLine();
    first = false;
    if (ImGui::RadioButton(label, status.speed == s) && status.speed != s) {
      requests.set_speed = true;
      requests.speed = s;
    }
  }
  if (status.end_time > 0.0) {
    // Seek: drag to a time and release; earlier times re-run from the start with the same
    // what-ifs (deterministic, so the same states), later ones run ahead flat out.
    static float seek_to = 0.0f;
    static bool dragging = false;  // while dragged the slider shows the user's time, not the run's
    if (!dragging) seek_to = static_cast<float>(view.time);
    ImGui::PushItemWidth(-1);
    char label[40];
    format_clock(seek_to, label, sizeof label);
    ImGui::BeginDisabled(status.seeking);
    ImGui::SliderFloat("##seek", &seek_to, 0.0f, static_cast<float>(status.end_time), label);
    dragging = ImGui::IsItemActive();
    if (ImGui::IsItemDeactivatedAfterEdit()) requests.seek = std::round(seek_to);
    ImGui::EndDisabled();
    ImGui::PopItemWidth();
    if (status.seeking) ImGui::TextDisabled("seeking...");
  }
  ImGui::Separator();
  ImGui::Text("%.0f steps/s  |  UI %.1f ms/frame (%.0f fps)", status.steps_per_second,
              status.frame_ms, status.frame_ms > 0.0 ? 1000.0 / status.frame_ms : 0.0);
  ImGui::Text("%zu agents drawn", view.agent_count());
  ImGui::End();
}

KpiHistory::KpiHistory(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 2)) {}

void KpiHistory::add(double time, std::span<const std::string> names,
                     std::span<const double> values) {
  const bool same_names = std::equal(names.begin(), names.end(), names_.begin(), names_.end());
  if (!same_names || (size_ > 0 && time < last_time_)) {
    names_.assign(names.begin(), names.end());
    rings_.assign(names_.size(), std::vector<float>(capacity_, 0.0f));
    times_.assign(capacity_, 0.0);
    size_ = 0;
    head_ = 0;
  }
  for (std::size_t k = 0; k < names_.size(); ++k) {
    rings_[k][head_] = k < values.size() ? static_cast<float>(values[k]) : 0.0f;
  }
  times_[head_] = time;
  last_time_ = time;
  head_ = (head_ + 1) % capacity_;
  size_ = std::min(size_ + 1, capacity_);
}

double KpiHistory::first_time() const {
  if (size_ == 0) return 0.0;
  return size_ < capacity_ ? times_[0] : times_[head_];
}

KpiHistory::Series KpiHistory::series(std::string_view name) const {
  for (std::size_t k = 0; k < names_.size(); ++k) {
    if (names_[k] != name) continue;
    if (size_ < capacity_) return {std::span<const float>(rings_[k].data(), size_), 0};
    return {std::span<const float>(rings_[k]), head_};
  }
  return {};
}

float KpiHistory::latest(std::string_view name) const {
  const Series s = series(name);
  if (s.values.empty()) return std::numeric_limits<float>::quiet_NaN();
  return s.values[(s.offset + s.values.size() - 1) % s.values.size()];
}

void ShowKpiPanel(bool* open, const WorldView& view, const KpiHistory& history,
                  std::span<const KpiPlot> plots) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x - 350, 10), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(340, 0), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("KPIs", open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  // Titles, units and scales come with the snapshot (the systems declare them), so a column a
  // system renames or rescales shows right here without an edit.
  const float width = ImGui::GetContentRegionAvail().x;
  for (const KpiPlot& plot : plots) {
    const char* kpi = plot.column.c_str();
    const KpiColumn* column = view.kpi_columns ? find_kpi(*view.kpi_columns, kpi) : nullptr;
    const std::string title = column ? column->title() : std::string(kpi);
    const double scale = column ? column->display.scale : 1.0;
    const double now = kpi_value(view, kpi) * scale;
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "%.1f %s", now,
                  column ? column->display.unit.c_str() : "");
    ImGui::Text("%s", title.c_str());
    const auto series = history.series(kpi);
    // Scale on the fly into a small buffer: PlotLines reads floats only.
    static std::vector<float> scaled;
    scaled.assign(series.values.begin(), series.values.end());
    for (float& v : scaled) v = static_cast<float>(v * scale);
    ImGui::PushID(kpi);
    ImGui::PlotLines("##plot", scaled.data(), static_cast<int>(scaled.size()),
                     static_cast<int>(series.offset), overlay, plot.y_min, FLT_MAX,
                     ImVec2(width, 48));
    ImGui::PopID();
  }
  char from[32];
  char to[32];
  format_clock(history.first_time(), from, sizeof from);
  format_clock(history.last_time(), to, sizeof to);
  ImGui::TextDisabled("%s .. %s simulated, %zu samples", from, to, history.size());
  ImGui::End();
}

namespace {

// The agents' colours, from the kinds the systems declared: the speed ramp with the kinds it
// colours, then each kind coloured by state (one swatch per state) or in one colour.
void kind_legend(const WorldView& view) {
  std::string by_speed;
  if (view.agent_kinds) {
    for (const AgentKindStyle& kind : view.agent_kinds->styles()) {
      if (kind.colouring == AgentColouring::kBySpeed) {
        by_speed += (by_speed.empty() ? "" : ", ") + kind.name;
      }
    }
  }
  if (!by_speed.empty() || !view.agent_kinds) {
    ImGui::TextWrapped("%s by speed", by_speed.empty() ? "agents" : by_speed.c_str());
    const AgentStyle style;
    swatch("##stopped", speed_colour(0.0f, style.reference_speed), "stopped");
    swatch("##half", speed_colour(0.5f * style.reference_speed, style.reference_speed), "25 km/h");
    swatch("##full", speed_colour(style.reference_speed, style.reference_speed), "50 km/h +");
    // The density layer of the zoomed-out view (DensityCells) uses the same ramp.
    ImGui::TextDisabled("zoomed out: cells of mean");
    ImGui::TextDisabled("speed, opaque where dense");
  }
  if (!view.agent_kinds) return;
  for (const AgentKindStyle& kind : view.agent_kinds->styles()) {
    ImGui::PushID(kind.name.c_str());
    if (kind.colouring == AgentColouring::kByState && !kind.states.empty()) {
      ImGui::TextUnformatted(kind.name.c_str());
      for (std::size_t k = 0; k < kind.states.size(); ++k) {
        ImGui::PushID(static_cast<int>(k));
        swatch("##state", kind.states[k].colour, kind.states[k].label.c_str());
        ImGui::PopID();
      }
    } else if (kind.colouring != AgentColouring::kBySpeed) {
      swatch("##kind", kind.colour, kind.name.c_str());
    }
    ImGui::PopID();
  }
}

}  // namespace

void ShowLegendPanel(bool* open, const WorldView& view, LayerToggles& layers) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  // High enough for the overlay rows below the layer toggles.
  ImGui::SetNextWindowPos(ImVec2(10, display.y - 320), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(220, 0), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Legend", open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  ImGui::Checkbox("vehicles", &layers.vehicles);
  ImGui::Checkbox("signal heads", &layers.signals);
  ImGui::Checkbox("lane markings", &layers.markings);
  // No network source gives buildings: the footprints only suggest a city around the roads.
  ImGui::Checkbox("buildings (illustrative)", &layers.buildings);
  if (!view.sites.empty()) {  // roadside units, gateways, sensors: once such systems run
    ImGui::Checkbox("devices", &layers.sites);
    ImGui::Checkbox("radio ranges", &layers.site_ranges);
  }
  if (!view.link_fields.empty() || !view.grid_fields.empty()) {
    ImGui::Separator();
    ImGui::TextUnformatted("overlays");
    overlay_toggles(view.link_fields.all(), "per link", layers.link_overlay);
    overlay_toggles(view.grid_fields.all(), "grid", layers.grid_overlay);
  }
  ImGui::Separator();
  kind_legend(view);
  ImGui::Separator();
  std::size_t counts[5] = {};
  for (SignalState s : view.signal_state) {
    const auto i = static_cast<std::size_t>(s);
    if (i < 5) ++counts[i];
  }
  char label[48];
  std::snprintf(label, sizeof label, "green (%zu)", counts[2]);
  swatch("##green", signal_colour(SignalState::kGreen), label);
  std::snprintf(label, sizeof label, "amber (%zu)", counts[1]);
  swatch("##amber", signal_colour(SignalState::kAmber), label);
  std::snprintf(label, sizeof label, "red (%zu)", counts[0]);
  swatch("##red", signal_colour(SignalState::kRed), label);
  ImGui::End();
}

}  // namespace citytwin::render
