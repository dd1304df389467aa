#pragma once
#include <vector>

#include "render/agents/quad_instance.hpp"
#include "render/camera.hpp"
#include "sim/network/network.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin::render {

// A signal head: a small square just past the stop line of a signalised connection's from-lane.
// A lane whose connections belong to several groups (e.g. through and left) gets one head per
// group, side by side across the lane in group order.
struct SignalHead {
  float x = 0.0f;
  float y = 0.0f;
  float heading = 0.0f;
  float half_size = 0.0f;
  SignalGroupId group = kNoId;
};

// Where the heads stand; computed once per network.
std::vector<SignalHead> place_signal_heads(const Network& network);

Rgba8 signal_colour(SignalState state);

// Appends one QuadInstance per head, coloured by view.signal_state[group] (kOff when the view has
// no state for that group).
void append_signal_instances(std::span<const SignalHead> heads, const WorldView& view,
                             std::vector<QuadInstance>& out);
// Only the heads whose centre lies in `visible` (zoomed in on a big city, most are off screen).
void append_signal_instances(std::span<const SignalHead> heads, const WorldView& view,
                             const WorldBox& visible, std::vector<QuadInstance>& out);

}  // namespace citytwin::render
