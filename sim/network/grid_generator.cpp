#include "sim/network/grid_generator.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "sim/network/generator_common.hpp"
#include "sim/network/network_builder.hpp"

namespace citytwin {

namespace {

using generator::RoadEnd;

[[noreturn]] void reject(const std::string& message) {
  throw NetworkError("grid: " + message);
}

void validate(const GridSpec& spec, double setback) {
  if (spec.rows == 0 || spec.cols == 0) reject("rows and cols must be at least 1");
  if (spec.lanes == 0 || spec.lanes > 16) reject("lanes must be between 1 and 16");
  if (!(spec.speed_limit > 0.0) || !std::isfinite(spec.speed_limit)) {
    reject("speed_limit must be positive");
  }
  const bool has_inner_roads = spec.rows > 1 || spec.cols > 1;
  if (has_inner_roads && (!(spec.spacing > 2.0 * setback) || !std::isfinite(spec.spacing))) {
    reject("spacing " + std::to_string(spec.spacing) + " m is too small for junctions with " +
           std::to_string(spec.lanes) + " lanes per direction (needs more than " +
           std::to_string(2.0 * setback) + " m)");
  }
  if (!(spec.attach_length >= 0.0) || !std::isfinite(spec.attach_length) ||
      (spec.attach_length > 0.0 && spec.attach_length <= setback)) {
    reject("attach_length must be 0 or more than " + std::to_string(setback) + " m");
  }
}

}  // namespace

Network generate_grid(const GridSpec& spec) {
  const double setback = generator::junction_setback(spec.lanes);
  validate(spec, setback);
  const std::uint32_t rows = spec.rows;
  const std::uint32_t cols = spec.cols;
  const double spacing = spec.spacing;
  const NodeControl junction_control =
      spec.signalised ? NodeControl::kSignal : NodeControl::kPriority;

  NetworkBuilder builder;
  auto junction = [cols](std::uint32_t r, std::uint32_t c) -> NodeId { return r * cols + c; };
  for (std::uint32_t r = 0; r < rows; ++r) {
    for (std::uint32_t c = 0; c < cols; ++c) {
      builder.add_node("J_r" + std::to_string(r) + "_c" + std::to_string(c),
                       {c * spacing, r * spacing}, junction_control);
    }
  }

  // Boundary nodes, each paired with the fringe junction it attaches to.
  struct Attachment {
    NodeId boundary;
    NodeId junction;
  };
  std::vector<Attachment> attachments;
  if (spec.attach_length > 0.0) {
    const double a = spec.attach_length;
    const double north = (rows - 1) * spacing + a;
    const double east = (cols - 1) * spacing + a;
    auto attach = [&](std::string name, Vec2 position, NodeId to) {
      attachments.push_back(
          {builder.add_node(std::move(name), position, NodeControl::kBoundary), to});
    };
    for (std::uint32_t c = 0; c < cols; ++c)
      attach("B_N_c" + std::to_string(c), {c * spacing, north}, junction(rows - 1, c));
    for (std::uint32_t c = 0; c < cols; ++c)
      attach("B_S_c" + std::to_string(c), {c * spacing, -a}, junction(0, c));
    for (std::uint32_t r = 0; r < rows; ++r)
      attach("B_W_r" + std::to_string(r), {-a, r * spacing}, junction(r, 0));
    for (std::uint32_t r = 0; r < rows; ++r)
      attach("B_E_r" + std::to_string(r), {east, r * spacing}, junction(r, cols - 1));
  }

  std::vector<generator::NodeLinks> links_of_node(builder.node_count());
  auto road = [&](NodeId a, double setback_a, NodeId b, double setback_b) {
    generator::add_two_way_road(builder, links_of_node, RoadEnd{a, setback_a},
                                RoadEnd{b, setback_b}, spec.lanes, spec.speed_limit);
  };
  for (std::uint32_t r = 0; r < rows; ++r) {
    for (std::uint32_t c = 0; c + 1 < cols; ++c)
      road(junction(r, c), setback, junction(r, c + 1), setback);
  }
  for (std::uint32_t r = 0; r + 1 < rows; ++r) {
    for (std::uint32_t c = 0; c < cols; ++c)
      road(junction(r, c), setback, junction(r + 1, c), setback);
  }
  for (const Attachment& at : attachments) road(at.boundary, 0.0, at.junction, setback);

  for (NodeId j = 0; j < rows * cols; ++j) generator::wire_junction(builder, j, links_of_node[j]);
  return builder.build();
}

}  // namespace citytwin
