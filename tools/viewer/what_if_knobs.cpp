#include "tools/viewer/what_if_knobs.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "agents/signals/fixed_time_signals.hpp"
#include "agents/traffic/traffic_system.hpp"

namespace citytwin::viewer {
namespace {

FixedTimeSignals* signals_of(World& world) {
  return dynamic_cast<FixedTimeSignals*>(world.find_system("signals"));
}

// A Command that edits the fixed-time plan; a plan the system rejects leaves the run unchanged
// and is reported on stderr (the slider ranges make that rare).
Command plan_command(std::string description, void (*edit)(FixedTimePlanSpec&, float), float v) {
  return Command{description, [description, edit, v](World& world) {
                   FixedTimeSignals* signals = signals_of(world);
                   if (signals == nullptr) return;
                   FixedTimePlanSpec plan = signals->plan();
                   edit(plan, v);
                   try {
                     signals->set_plan(plan);
                   } catch (const std::invalid_argument& e) {
                     std::fprintf(stderr, "citytwin view: what-if '%s' rejected: %s\n",
                                  description.c_str(), e.what());
                   }
                 }};
}

}  // namespace

std::vector<render::Knob> make_what_if_knobs(const Scenario& scenario, const World& world) {
  std::vector<render::Knob> knobs;
  if (dynamic_cast<const TrafficSystem*>(world.find_system("traffic")) != nullptr) {
    // On top of the scenario's own demand.scale: 1 = the demand as scheduled.
    knobs.push_back({"demand x (from now)", "x%.2f", 0.0f,
                     static_cast<float>(TrafficSystem::kMaxDemandScale), 1.0f, [](float v) {
                       char text[64];
                       std::snprintf(text, sizeof text, "demand x%.2f from now on", v);
                       const double scale = std::round(v * 100.0) / 100.0;
                       return Command{text, [scale](World& world) {
                                        auto* traffic = dynamic_cast<TrafficSystem*>(
                                            world.find_system("traffic"));
                                        if (traffic != nullptr) traffic->set_demand_scale(scale);
                                      }};
                     }});
  }
  const auto* signals = dynamic_cast<const FixedTimeSignals*>(world.find_system("signals"));
  if (signals != nullptr && scenario.signals.control == SignalControl::kFixedTime) {
    const FixedTimePlanSpec& plan = signals->plan();
    double cycle = plan.cycle;
    if (cycle <= 0.0) {  // derived from green: show what the first signalised node runs
      for (NodeId n = 0; n < world.network().nodes().size() && cycle <= 0.0; ++n) {
        cycle = signals->cycle(n);
      }
    }
    knobs.push_back(
        {"signal cycle", "%.0f s", 30.0f, 180.0f, static_cast<float>(cycle), [](float v) {
           char text[64];
           std::snprintf(text, sizeof text, "signal cycle = %.0f s (green fitted)", v);
           return plan_command(
               text, [](FixedTimePlanSpec& p, float c) { p.cycle = std::round(c); }, v);
         }});
    knobs.push_back(
        {"green-wave offset", "%.1f s", 0.0f, 60.0f, static_cast<float>(plan.offset), [](float v) {
           char text[64];
           std::snprintf(text, sizeof text, "signal offset = %.1f s per junction", v);
           return plan_command(
               text, [](FixedTimePlanSpec& p, float o) { p.offset = o; }, v);
         }});
  }
  return knobs;
}

}  // namespace citytwin::viewer
