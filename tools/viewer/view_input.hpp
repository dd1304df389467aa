#pragma once
#include <optional>
#include <string>

#include "render/camera.hpp"
#include "sim/family/family_registry.hpp"
#include "sim/network/network.hpp"
#include "sim/view/inspection.hpp"

// Mouse and command-line input of the city view (call the mouse functions between
// ImGuiLayer::begin_frame and end_frame).
namespace citytwin::viewer {

// Drag pans (left or right button), the wheel zooms to the cursor; not over a panel.
void handle_camera_input(render::Camera& camera);

// A left click (press and release without dragging) on the city, not on a panel: where.
std::optional<Vec2> city_click();

// --inspect KIND:NAME: node:NAME (a network node), or a kind a family registered (e.g. traffic's
// vehicle:ID). Throws std::invalid_argument naming the option and every kind.
// "node:NAME or vehicle:ID": the kinds --inspect accepts, for help and messages.
std::string inspect_kinds_usage(const FamilyRegistry& families);

InspectTarget parse_inspect_target(const std::string& text, const Network& network,
                                   const FamilyRegistry& families);

}  // namespace citytwin::viewer
