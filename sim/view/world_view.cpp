#include "sim/view/world_view.hpp"

namespace citytwin {

void WorldView::clear() {
  agent_id.clear();
  agent_kind.clear();
  x.clear();
  y.clear();
  heading.clear();
  speed.clear();
  agent_state.clear();
  sites.clear();
  signal_state.clear();
  kpi_names.clear();
  kpi_values.clear();
  inspection.clear();
  link_fields.clear();
  grid_fields.clear();
}

void WorldView::add_agent(std::uint32_t id, AgentKind kind, float px, float py, float heading_rad,
                          float speed_mps, std::uint8_t state) {
  agent_id.push_back(id);
  agent_kind.push_back(kind);
  x.push_back(px);
  y.push_back(py);
  heading.push_back(heading_rad);
  speed.push_back(speed_mps);
  agent_state.push_back(state);
}

}  // namespace citytwin
