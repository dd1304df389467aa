#pragma once
// A family that exists only in tests, to prove that a family is a folder plus one registration
// line: it brings a scenario section with a unit (`beacons: {range: 150 m, count: 3}`), a System
// with a KPI column, a KPI plot, a Dear ImGui panel and an inspect kind (beacon:N), all without a
// line in sim/, render/ or tools/. Header-only like the rest of tests/support; the panel draws
// with Dear ImGui, so only the render tests (which link it) include this file.
#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/core/state_hasher.hpp"
#include "sim/family/family_registry.hpp"
#include "sim/output/timeseries.hpp"
#include "sim/scenario/decode_context.hpp"
#include "sim/step/system.hpp"
#include "sim/step/world.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin::testing {

struct BeaconsSpec {
  double range = 100.0;     // m
  std::uint32_t count = 2;  // beacons in the city
};

inline constexpr const char* kBeaconsKey = "beacons";
inline constexpr const char* kBeaconsHeardKpi = "beacon_pings";
inline constexpr const char* kBeaconsPanelTitle = "Beacons";
// The family's own kind of device and how it looks: no kernel or renderer list names it.
inline constexpr AgentKind kBeaconKind = agent_kind("beacons.beacon");
inline constexpr Rgba8 kBeaconColour{255, 64, 160};

inline void decode_beacons(const yaml::Node& node, const Scenario& /*scenario*/,
                           BeaconsSpec& beacons) {
  const scenario_detail::MappingReader reader(node, kBeaconsKey, {"range", "count"});
  reader.read_quantity("range", Dimension::kLength,
                       Bounds{1.0, 10000.0, true, "between 1 m and 10 km"}, beacons.range);
  reader.read_count("count", 1, 1000, beacons.count);
}

// Every beacon pings once a step; the KPI counts the pings since the start.
class BeaconSystem final : public System {
 public:
  explicit BeaconSystem(BeaconsSpec spec) : spec_(spec) {}

  std::string_view name() const override { return "beacons"; }
  void declare(SystemDeclaration& declaration) const override {
    AgentKindStyle beacon;
    beacon.name = "beacons.beacon";
    beacon.glyph = AgentGlyph::kDiamond;
    beacon.colouring = AgentColouring::kFixed;
    beacon.colour = kBeaconColour;
    declaration.in(Phase::kExchange)
        .kpi(kBeaconsHeardKpi, KpiDisplay{"beacon pings", "pings", 1.0, 0})
        .agent_kind(std::move(beacon));
  }
  // Beacons stand 20 m apart along the x axis from (10, 10).
  void fill_view(WorldView& view) const override {
    for (std::uint32_t k = 0; k < spec_.count; ++k) {
      view.sites.push_back({kBeaconKind, k, 10.0f + 20.0f * static_cast<float>(k), 10.0f,
                            static_cast<float>(spec_.range), SiteHealth::kOk});
    }
  }
  void run(Phase /*phase*/, StepContext& /*context*/) override { pings_ += spec_.count; }
  void hash_state(StateHasher& hasher) const override { hasher.add(pings_); }
  void report_kpis(KpiRow& row) const override {
    row.set(kBeaconsHeardKpi, static_cast<double>(pings_));
  }
  void describe(const InspectTarget& target, Inspection& inspection) const override {
    if (target.kind != InspectTarget::Kind::kAgent || target.agent_kind != kBeaconKind ||
        target.id >= spec_.count) {
      return;
    }
    inspection.title = "beacon " + std::to_string(target.id);
    inspection.present = true;
    inspection.add("beacon", "range", std::to_string(static_cast<int>(spec_.range)) + " m");
  }

 private:
  BeaconsSpec spec_;
  std::uint64_t pings_ = 0;
};

// Shows the latest ping count; its button asks for nothing but proves the command path.
inline void ShowBeaconsPanel(bool* open, const WorldView& view, CommandQueue& commands) {
  if (!ImGui::Begin(kBeaconsPanelTitle, open)) {
    ImGui::End();
    return;
  }
  for (std::size_t k = 0; k < view.kpi_names.size() && k < view.kpi_values.size(); ++k) {
    if (view.kpi_names[k] == kBeaconsHeardKpi) ImGui::Text("pings: %.0f", view.kpi_values[k]);
  }
  if (ImGui::Button("silence")) commands.push({"beacons silenced", [](World&) {}});
  ImGui::End();
}

inline FamilyRegistration beacons_family() {
  FamilyRegistration family;
  family.name = "beacons";
  family.sections.push_back(scenario_section<BeaconsSpec>(kBeaconsKey, decode_beacons));
  family.build = [](const Scenario& scenario, FamilyBuildContext& context) {
    context.world.emplace_system<BeaconSystem>(
        scenario.sections.get_or_default<BeaconsSpec>(kBeaconsKey));
  };
  family.kpi_plots.push_back(KpiPlot{kBeaconsHeardKpi});
  family.inspect_kinds.push_back(
      {"beacon", "beacon:N", "beacon:0",
       [](const std::string& name, const Network&) -> std::optional<InspectTarget> {
         if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos ||
             name.size() > 6) {
           return std::nullopt;
         }
         return InspectTarget::agent(kBeaconKind, static_cast<std::uint32_t>(std::stoul(name)));
       }});
  family.panels.push_back(Panel{kBeaconsPanelTitle, true, ShowBeaconsPanel});
  return family;
}

}  // namespace citytwin::testing
