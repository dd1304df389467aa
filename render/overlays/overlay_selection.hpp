#pragma once
#include <string>
#include <string_view>

#include "render/frame_renderer.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin::render {

// Shows the field called `name` (a per-link field tints lanes, a grid field draws cells) in
// `layers`; false if the view publishes no field of that name (layers unchanged).
bool select_overlay(const WorldView& view, std::string_view name, LayerToggles& layers);

// "congestion, density" — the names of every field the view publishes, for error messages.
std::string overlay_names(const WorldView& view);

}  // namespace citytwin::render
