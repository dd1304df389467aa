#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/step/command_queue.hpp"

namespace citytwin {

class System;

// A what-if parameter a system offers to change while it runs (dashboard slider, script). The
// system that owns the parameter declares it next to the setter it drives (System::declare_knobs),
// so adding a knob is a line or two there and the UI needs nothing else.
struct KnobSpec {
  std::string system;  // owner's System::name(): the command finds it by name
  std::string label;   // e.g. "signal cycle"
  std::string format;  // printf format of a slider value, e.g. "%.0f s"
  double min = 0.0;
  double max = 1.0;
  double value = 0.0;                // the current value when declared
  std::vector<std::string> choices;  // not empty: a choice knob; value is the chosen index
  // Applies a value to the owning system, on the simulation thread between steps. Throws
  // std::invalid_argument, changing nothing, for a value the system cannot take.
  std::function<void(System&, double)> apply;

  bool is_choice() const { return !choices.empty(); }
  // "signal cycle = 90 s", "signal control = network programs".
  std::string describe(double value) const;
};

// Collects the knobs of one system (System::declare_knobs). `S` is the declaring system's type:
// the setter gets it back typed.
class KnobList {
 public:
  explicit KnobList(std::string_view system) : system_(system) {}

  // A slider over [min, max] starting at `value`; `set(system, v)` applies v.
  template <class S, class Set>
  KnobList& slider(std::string label, std::string format, double min, double max, double value,
                   Set set) {
    knobs_.push_back({system_,
                      std::move(label),
                      std::move(format),
                      min,
                      max,
                      value,
                      {},
                      [set](System& s, double v) { set(static_cast<S&>(s), v); }});
    return *this;
  }
  // A choice among named options; `set(system, index)` applies the chosen index.
  template <class S, class Set>
  KnobList& choice(std::string label, std::vector<std::string> choices, std::size_t chosen,
                   Set set) {
    const double last = choices.empty() ? 0.0 : static_cast<double>(choices.size() - 1);
    knobs_.push_back({system_, std::move(label), "%.0f", 0.0, last, static_cast<double>(chosen),
                      std::move(choices), [set](System& s, double v) {
                        set(static_cast<S&>(s), static_cast<std::size_t>(v + 0.5));
                      }});
    return *this;
  }

  std::vector<KnobSpec>& knobs() { return knobs_; }

 private:
  std::string system_;
  std::vector<KnobSpec> knobs_;
};

// The Command that sets `knob` to `value` between two steps. A value the system rejects (or a
// system the world no longer has) leaves the run unchanged; the reason goes to `on_rejected` if
// given (else stderr), so a bad slider position never stops the simulation.
Command knob_command(const KnobSpec& knob, double value,
                     std::function<void(const std::string&)> on_rejected = {});

}  // namespace citytwin
