#pragma once
#include <cstddef>
#include <optional>

#include "render/camera.hpp"
#include "sim/network/network.hpp"
#include "sim/view/inspection.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin::render {

// What is under the cursor, for the inspector: the agent nearest the cursor within `radius_px`
// pixels (agents are small: a generous radius makes them clickable when zoomed out), else the
// node nearest the cursor within `radius_px` or within its junction area, else nothing. Pure
// functions of the snapshot, the network and the camera.
std::optional<std::size_t> pick_agent(const WorldView& view, const Camera& camera, Vec2 cursor_px,
                                      double radius_px);
std::optional<NodeId> pick_node(const Network& network, const Camera& camera, Vec2 cursor_px,
                                double radius_px);
InspectTarget pick(const WorldView& view, const Network& network, const Camera& camera,
                   Vec2 cursor_px, double radius_px = 8.0);

// Index of the agent `target` names in `view` (kind and id), if it is there.
std::optional<std::size_t> find_agent(const WorldView& view, const InspectTarget& target);

}  // namespace citytwin::render
