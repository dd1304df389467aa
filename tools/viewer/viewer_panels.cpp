#include "tools/viewer/viewer_panels.hpp"

#include "render/dashboards/inspector_panel.hpp"

namespace citytwin::viewer {
namespace {

void show_run_controls(bool* open, PanelFrame& frame) {
  render::ShowRunControlsPanel(open, frame.current, frame.run_status, frame.requests);
}

// Knobs change B only: A stays the reference.
void show_what_if(bool* open, PanelFrame& frame) {
  render::ShowWhatIfPanel(open, frame.runs.stream(false).current(), frame.knobs,
                          frame.runs.sim().commands(), frame.what_if_log);
}

void show_compare(bool* open, PanelFrame& frame) {
  render::CompareRequests requests;
  static const std::vector<KpiColumn> kNoColumns;
  const auto& columns = frame.runs.stream(false).current().kpi_columns;
  render::ShowComparePanel(open, columns ? *columns : kNoColumns, frame.runs.history(false),
                           frame.runs.history(true), frame.compare, requests);
  // A's agents can be drawn on B's network only when the two have the same layout.
  if (requests.toggle_shown && frame.same_layout) {
    frame.compare.showing_baseline = !frame.compare.showing_baseline;
  }
}

// Closing the inspector clears the target; the panel stays in the list for the next pick.
void show_inspector(bool* open, PanelFrame& frame) {
  render::InspectorRequests requests;
  render::ShowInspectorPanel(open, frame.current, frame.follow, requests);
  if (requests.close || !*open) {
    frame.runs.sim().inspect({});
    *open = true;
    frame.follow = false;
  }
}

}  // namespace

std::vector<ViewerPanel> viewer_panels(const FamilyRegistry& families, bool has_baseline) {
  std::vector<ViewerPanel> panels;
  panels.push_back({"Run", true, show_run_controls});
  panels.push_back({"What-if", true, show_what_if});
  panels.push_back({"KPIs", true, [plots = families.kpi_plots()](bool* open, PanelFrame& frame) {
                      render::ShowKpiPanel(open, frame.current,
                                           frame.runs.history(frame.compare.showing_baseline),
                                           plots);
                    }});
  panels.push_back({"A/B compare", has_baseline, show_compare});
  panels.push_back({"Legend", true, [](bool* open, PanelFrame& frame) {
                      render::ShowLegendPanel(open, frame.current, frame.layers);
                    }});
  panels.push_back({"Inspector", true, show_inspector});
  for (Panel& panel : families.panels()) {
    panels.push_back({panel.title, panel.open_at_start,
                      [show = std::move(panel.show)](bool* open, PanelFrame& frame) {
                        show(open, frame.current, frame.runs.sim().commands());
                      }});
  }
  return panels;
}

void show_panels(std::vector<ViewerPanel>& panels, PanelFrame& frame) {
  for (ViewerPanel& panel : panels) {
    if (panel.open) panel.show(&panel.open, frame);
  }
}

}  // namespace citytwin::viewer
