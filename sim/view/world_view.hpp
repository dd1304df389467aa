#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/network/signal_state.hpp"
#include "sim/output/kpi_display.hpp"
#include "sim/view/agent_kind.hpp"
#include "sim/view/agent_kind_style.hpp"
#include "sim/view/infrastructure_site.hpp"
#include "sim/view/inspection.hpp"
#include "sim/view/scalar_field.hpp"

namespace citytwin {

// A flat snapshot of the world for readers that must never touch live state (renderer, recorders,
// dashboards). Struct-of-arrays so the renderer can upload columns directly.
struct WorldView {
  std::int64_t step = 0;
  double time = 0.0;

  // One entry per visible agent, in system order then agent id order.
  std::vector<std::uint32_t> agent_id;
  std::vector<AgentKind> agent_kind;
  std::vector<float> x;        // m
  std::vector<float> y;        // m
  std::vector<float> heading;  // rad, counter-clockwise from +x
  std::vector<float> speed;    // m/s
  // Kind-specific (e.g. robot: to pickup / loaded / charging), see AgentKindStyle::states.
  std::vector<std::uint8_t> agent_state;
  // How each kind in agent_kind and sites looks (declared by the systems), shared: no copy per
  // snapshot. May be null in views built by hand: then nothing has a style.
  std::shared_ptr<const AgentKindTable> agent_kinds;

  // Fixed devices (roadside units, gateways, sensors), in system order then id order.
  std::vector<InfrastructureSite> sites;

  // Indexed by SignalGroupId.
  std::vector<SignalState> signal_state;

  // Latest KPI values, names parallel to values.
  std::vector<std::string> kpi_names;
  std::vector<double> kpi_values;
  // How to show each KPI column (title, unit, scale, better), shared: no copy per snapshot.
  std::shared_ptr<const std::vector<KpiColumn>> kpi_columns;

  // What the inspector shows for the picked agent or node (empty title: nothing picked).
  Inspection inspection;

  // Scalar fields for overlays (see scalar_field.hpp): per link, indexed by LinkId, and on
  // regular grids. Each system adds its own at publish time.
  FieldList<LinkField> link_fields;
  FieldList<GridField> grid_fields;

  std::size_t agent_count() const { return agent_id.size(); }

  // Empties every column but keeps capacity (no allocation in steady state).
  void clear();
  void add_agent(std::uint32_t id, AgentKind kind, float px, float py, float heading_rad,
                 float speed_mps, std::uint8_t state);
};

}  // namespace citytwin
