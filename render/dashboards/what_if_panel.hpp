#pragma once
#include <cstddef>
#include <deque>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "sim/step/command_queue.hpp"
#include "sim/step/knob.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin::render {

// A what-if knob as the panel shows it: the owning system's declaration and the value the user
// last asked for (initially the system's current value).
struct Knob {
  KnobSpec spec;
  float value = 0.0f;
};
std::vector<Knob> make_knobs(std::vector<KnobSpec> specs);

// The last few what-if lines: what was asked (UI thread) and what a system rejected (simulation
// thread, through knob_command's on_rejected), hence the mutex.
class WhatIfLog {
 public:
  void add(std::string line);
  std::vector<std::string> lines() const;
  static constexpr std::size_t kKept = 6;

 private:
  mutable std::mutex mutex_;
  std::deque<std::string> lines_;
};

// One widget per knob (slider, or combo for a choice); a released slider or a new choice pushes
// knob_command(spec, value) into `commands`, to be applied between two steps.
void ShowWhatIfPanel(bool* open, const WorldView& view, std::span<Knob> knobs,
                     CommandQueue& commands, WhatIfLog& log);

}  // namespace citytwin::render
