#include "sim/network/network.hpp"

#include <algorithm>

namespace citytwin {

namespace {

template <typename Element>
std::uint32_t find_by_name(const std::vector<Element>& elements, std::string_view name) {
  const auto it = std::find_if(elements.begin(), elements.end(),
                               [&](const Element& e) { return e.name == name; });
  return it == elements.end() ? kNoId : static_cast<std::uint32_t>(it - elements.begin());
}

}  // namespace

std::span<const Vec2> Network::link_shape(LinkId id) const {
  const Link& l = links_[id];
  return std::span<const Vec2>(points_).subspan(l.first_point, l.point_count);
}

std::span<const Vec2> Network::lane_shape(LaneId id) const {
  const Lane& l = lanes_[id];
  return std::span<const Vec2>(points_).subspan(l.first_point, l.point_count);
}

std::span<const SignalProgramPhase> Network::program_phases(SignalProgramId id) const {
  const SignalProgram& p = signal_programs_[id];
  return std::span<const SignalProgramPhase>(program_phases_).subspan(p.first_phase, p.phase_count);
}

std::span<const SignalState> Network::phase_states(const SignalProgram& program,
                                                   std::uint32_t phase_index) const {
  const SignalProgramPhase& phase = program_phases_[program.first_phase + phase_index];
  return std::span<const SignalState>(program_states_)
      .subspan(phase.first_state, nodes_[program.node].signal_groups.size());
}

std::span<const Vec2> Network::connection_shape(ConnectionId id) const {
  const Connection& c = connections_[id];
  return std::span<const Vec2>(points_).subspan(c.first_point, c.point_count);
}

std::span<const Connection> Network::connections_from(LaneId lane) const {
  const Lane& l = lanes_[lane];
  return std::span<const Connection>(connections_).subspan(l.first_connection, l.connection_count);
}

std::span<const Lane> Network::lanes_of(LinkId id) const {
  const Link& l = links_[id];
  return std::span<const Lane>(lanes_).subspan(l.first_lane, l.lane_count);
}

NodeId Network::find_node(std::string_view name) const {
  return find_by_name(nodes_, name);
}

LinkId Network::find_link(std::string_view name) const {
  return find_by_name(links_, name);
}

double Network::total_lane_length() const {
  double total = 0.0;
  for (const Lane& lane : lanes_) total += lane.length;
  return total;
}

}  // namespace citytwin
