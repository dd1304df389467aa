#include "sim/network/corridor_generator.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "sim/network/generator_common.hpp"
#include "sim/network/network_builder.hpp"

namespace citytwin {

namespace {

using generator::RoadEnd;

[[noreturn]] void reject(const std::string& message) {
  throw NetworkError("corridor: " + message);
}

bool positive(double v) {
  return v > 0.0 && std::isfinite(v);
}

void validate(const CorridorSpec& spec, double arterial_setback, double side_setback) {
  if (spec.junctions == 0) reject("junctions must be at least 1");
  if (spec.lanes == 0 || spec.lanes > 16) reject("lanes must be between 1 and 16");
  if (spec.side_lanes == 0 || spec.side_lanes > 16) reject("side_lanes must be between 1 and 16");
  if (!positive(spec.speed_limit) || !positive(spec.side_speed_limit)) {
    reject("speed limits must be positive");
  }
  // Arterial links are cut back by the side street's half-width and vice versa.
  if (spec.junctions > 1 && !(positive(spec.spacing) && spec.spacing > 2.0 * side_setback)) {
    reject("spacing must be more than " + std::to_string(2.0 * side_setback) + " m");
  }
  const double needed = std::max(arterial_setback, side_setback);
  if (!positive(spec.attach_length) || spec.attach_length <= needed) {
    reject("attach_length must be more than " + std::to_string(needed) + " m");
  }
}

}  // namespace

Network generate_corridor(const CorridorSpec& spec) {
  // A junction box is as long as the crossing road is wide.
  const double arterial_setback = generator::junction_setback(spec.side_lanes);
  const double side_setback = generator::junction_setback(spec.lanes);
  validate(spec, arterial_setback, side_setback);
  const std::uint32_t n = spec.junctions;
  const double a = spec.attach_length;
  const NodeControl junction_control =
      spec.signalised ? NodeControl::kSignal : NodeControl::kPriority;

  NetworkBuilder builder;
  for (std::uint32_t i = 0; i < n; ++i) {
    builder.add_node("J_c" + std::to_string(i), {i * spec.spacing, 0.0}, junction_control);
  }
  const NodeId west = builder.add_node("B_W", {-a, 0.0}, NodeControl::kBoundary);
  const NodeId east =
      builder.add_node("B_E", {(n - 1) * spec.spacing + a, 0.0}, NodeControl::kBoundary);
  std::vector<NodeId> north(n), south(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    north[i] = builder.add_node("B_N_c" + std::to_string(i), {i * spec.spacing, a},
                                NodeControl::kBoundary);
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    south[i] = builder.add_node("B_S_c" + std::to_string(i), {i * spec.spacing, -a},
                                NodeControl::kBoundary);
  }

  std::vector<generator::NodeLinks> links_of_node(builder.node_count());
  auto arterial = [&](RoadEnd from, RoadEnd to) {
    generator::add_two_way_road(builder, links_of_node, from, to, spec.lanes, spec.speed_limit);
  };
  auto side_street = [&](NodeId boundary, NodeId junction) {
    generator::add_two_way_road(builder, links_of_node, RoadEnd{boundary, 0.0},
                                RoadEnd{junction, side_setback}, spec.side_lanes,
                                spec.side_speed_limit);
  };
  arterial({west, 0.0}, {0, arterial_setback});
  for (NodeId i = 0; i + 1 < n; ++i) arterial({i, arterial_setback}, {i + 1, arterial_setback});
  arterial({n - 1, arterial_setback}, {east, 0.0});
  for (NodeId i = 0; i < n; ++i) {
    side_street(north[i], i);
    side_street(south[i], i);
  }

  for (NodeId j = 0; j < n; ++j) generator::wire_junction(builder, j, links_of_node[j]);
  return builder.build();
}

}  // namespace citytwin
