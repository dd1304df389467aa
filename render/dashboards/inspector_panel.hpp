#pragma once
#include "render/camera.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin::render {

// What the user asked of the inspector this frame.
struct InspectorRequests {
  bool close = false;  // stop inspecting (the viewer clears the target)
};

// The picked agent's or junction's description, as the owning systems wrote it into the
// snapshot (WorldView::inspection), section by section. `follow` is the "camera follows it"
// toggle, offered for agents.
void ShowInspectorPanel(bool* open, const WorldView& view, bool& follow,
                        InspectorRequests& requests);

// A ring around the inspected agent (where `shown` draws it: the frame may be interpolated) or
// junction, on top of the city.
void DrawInspectMarker(const Inspection& inspection, const WorldView& shown, const Camera& camera);

}  // namespace citytwin::render
