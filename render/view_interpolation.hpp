#pragma once
#include "sim/view/world_view.hpp"

namespace citytwin::render {

// Smooth motion between steps: `out` becomes `next` with every agent that is also in `previous`
// (same id) moved `alpha` of the way from its previous pose (position linearly, heading along
// the shorter arc). Agents only in `next` stay where `next` has them. Signal states, KPIs, step
// and time are `next`'s. Agents are matched by a merge walk over ids ascending (the order
// WorldView promises per system); O(n), no allocation once `out` has grown.
void interpolate_view(const WorldView& previous, const WorldView& next, float alpha,
                      WorldView& out);

}  // namespace citytwin::render
