#include "render/agents/picking.hpp"

#include <algorithm>
#include <cmath>

namespace citytwin::render {
namespace {

double squared(double v) {
  return v * v;
}

// Junction area radius: half the widest approach (lanes x width), so a click anywhere on the
// junction box picks its node even when zoomed in far.
double junction_radius_m(const Network& network, const Node& node) {
  double widest = 0.0;
  for (const auto* links : {&node.incoming, &node.outgoing}) {
    for (const LinkId l : *links) {
      const Link& link = network.link(l);
      double width = 0.0;
      for (LaneId lane = link.first_lane; lane < link.first_lane + link.lane_count; ++lane) {
        width += network.lane(lane).width;
      }
      widest = std::max(widest, width);
    }
  }
  return widest;
}

}  // namespace

std::optional<std::size_t> pick_agent(const WorldView& view, const Camera& camera, Vec2 cursor_px,
                                      double radius_px) {
  const Vec2 at = pixel_to_world(camera, cursor_px);
  double best = squared(radius_px / camera.pixels_per_metre);
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < view.agent_count(); ++i) {
    const double d = squared(view.x[i] - at.x) + squared(view.y[i] - at.y);
    if (d < best) {  // strict: the first of equally near agents (lowest index) wins
      best = d;
      found = i;
    }
  }
  return found;
}

std::optional<NodeId> pick_node(const Network& network, const Camera& camera, Vec2 cursor_px,
                                double radius_px) {
  const Vec2 at = pixel_to_world(camera, cursor_px);
  const double cursor_m = radius_px / camera.pixels_per_metre;
  std::optional<NodeId> found;
  double best = 0.0;
  for (NodeId n = 0; n < network.nodes().size(); ++n) {
    const Node& node = network.node(n);
    const double reach = std::max(cursor_m, junction_radius_m(network, node));
    const double d = std::sqrt(squared(node.position.x - at.x) + squared(node.position.y - at.y));
    if (d <= reach && (!found || d < best)) {
      best = d;
      found = n;
    }
  }
  return found;
}

InspectTarget pick(const WorldView& view, const Network& network, const Camera& camera,
                   Vec2 cursor_px, double radius_px) {
  if (const auto agent = pick_agent(view, camera, cursor_px, radius_px)) {
    return InspectTarget::agent(view.agent_kind[*agent], view.agent_id[*agent]);
  }
  if (const auto node = pick_node(network, camera, cursor_px, radius_px)) {
    return InspectTarget::node(*node);
  }
  return {};
}

std::optional<std::size_t> find_agent(const WorldView& view, const InspectTarget& target) {
  if (target.kind != InspectTarget::Kind::kAgent) return std::nullopt;
  for (std::size_t i = 0; i < view.agent_count(); ++i) {
    if (view.agent_id[i] == target.id && view.agent_kind[i] == target.agent_kind) return i;
  }
  return std::nullopt;
}

}  // namespace citytwin::render
