#pragma once

namespace citytwin {

// Fixed-time plan applied to every signalised junction that has no plan of its own: part of the
// signals family's scenario section (signals_section.hpp).
struct FixedTimePlanSpec {
  double cycle = 90.0;   // s; 0 = derived from the phases
  double green = 42.0;   // s per stage
  double amber = 3.0;    // s
  double all_red = 0.0;  // s
  double offset = 0.0;   // s, added per junction index for coordination ("green wave")
};

}  // namespace citytwin
