#pragma once
// The city view's panel list: the viewer's own dashboards (run controls, what-if knobs, KPIs,
// A/B compare, legend, inspector) followed by the panels the families registered. The frame loop
// shows every open panel in order and knows none of them by name.
#include <functional>
#include <string>
#include <vector>

#include "render/dashboards/compare_panel.hpp"
#include "render/dashboards/dashboards.hpp"
#include "render/dashboards/what_if_panel.hpp"
#include "render/frame_renderer.hpp"
#include "sim/family/family_registry.hpp"
#include "sim/view/world_view.hpp"
#include "tools/viewer/viewer_runs.hpp"

namespace citytwin::viewer {

// What the panels of one frame read and fill.
struct PanelFrame {
  const WorldView& current;  // the drawn run's latest snapshot
  ViewerRuns& runs;
  const render::RunStatus& run_status;
  render::RunRequests& requests;
  render::CompareStatus& compare;
  bool same_layout = false;  // A's agents may be drawn on B's network
  std::vector<render::Knob>& knobs;
  render::WhatIfLog& what_if_log;
  render::LayerToggles& layers;
  bool& follow;  // the camera follows the inspected agent
};

struct ViewerPanel {
  std::string title;  // its window title (screenshots report where it is)
  bool open = true;
  std::function<void(bool* open, PanelFrame& frame)> show;
};

// The viewer's panels then the families'; the compare panel is open only with a baseline run.
std::vector<ViewerPanel> viewer_panels(const FamilyRegistry& families, bool has_baseline);

// Shows every open panel, in list order.
void show_panels(std::vector<ViewerPanel>& panels, PanelFrame& frame);

}  // namespace citytwin::viewer
