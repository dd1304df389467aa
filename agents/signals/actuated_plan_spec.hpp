#pragma once

namespace citytwin {

// `signals.control: actuated`: citytwin's stage plan run actuated at every signalised junction
// (part of the signals family's scenario section, signals_section.hpp). Each stage's green lasts
// min_green..max_green, extended while vehicles pass its loops less than max_gap apart (SUMO's
// gap-based rule, agents/signals/actuated_controller.hpp); amber and all-red come from
// `signals.fixed_time`.
struct ActuatedPlanSpec {
  double min_green = 5.0;     // s (netgenerate's --tls.min-dur default)
  double max_green = 50.0;    // s (netgenerate's --tls.max-dur default)
  double max_gap = 3.0;       // s (SUMO's default)
  double detector_gap = 2.0;  // s of travel before the stop line (SUMO's default)
};

}  // namespace citytwin
