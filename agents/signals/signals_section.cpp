// Decoding of `signals:`: which control, the fixed-time plan's cycle, stage times and offset, and
// the actuated stage plan's green range and gap.
#include "agents/signals/signals_section.hpp"

#include "sim/scenario/decode.hpp"
#include "sim/scenario/decode_context.hpp"

namespace citytwin {
namespace {

using scenario_detail::fail_at;
using scenario_detail::format_seconds;
using scenario_detail::MappingReader;

constexpr Bounds kCycle{0.0, 600.0, true, "between 0 s and 10 min"};
constexpr Bounds kGreen{1.0, 600.0, true, "between 1 s and 10 min"};
constexpr Bounds kClearance{0.0, 30.0, true, "between 0 s and 30 s"};
constexpr Bounds kOffset{0.0, 600.0, true, "between 0 s and 10 min"};

void decode_fixed_time(const yaml::Node& node, FixedTimePlanSpec& plan) {
  const MappingReader reader(node, "signals.fixed_time",
                             {"cycle", "green", "amber", "all_red", "offset"});
  reader.read_quantity("cycle", Dimension::kDuration, kCycle, plan.cycle);
  reader.read_quantity("green", Dimension::kDuration, kGreen, plan.green);
  reader.read_quantity("amber", Dimension::kDuration, kClearance, plan.amber);
  reader.read_quantity("all_red", Dimension::kDuration, kClearance, plan.all_red);
  reader.read_quantity("offset", Dimension::kDuration, kOffset, plan.offset);
  if (plan.cycle <= 0.0) return;  // cycle derived from the stages: nothing to fit
  const double stage = plan.green + plan.amber + plan.all_red;
  if (stage > plan.cycle) {
    const yaml::Node* green = reader.value("green");
    fail_at(green ? *green : node, green ? "signals.fixed_time.green" : "signals.fixed_time",
            "a stage (green " + format_seconds(plan.green) + " + amber " +
                format_seconds(plan.amber) + " + all_red " + format_seconds(plan.all_red) + " = " +
                format_seconds(stage) + ") does not fit in the cycle (" +
                format_seconds(plan.cycle) + ")");
  }
  if (plan.offset >= plan.cycle) {
    fail_at(*reader.value("offset"), "signals.fixed_time.offset",
            "offset (" + format_seconds(plan.offset) + ") must be shorter than the cycle (" +
                format_seconds(plan.cycle) + ")");
  }
}

constexpr Bounds kGap{0.1, 60.0, true, "between 0.1 s and 1 min"};

void decode_actuated(const yaml::Node& node, ActuatedPlanSpec& plan) {
  const MappingReader reader(node, "signals.actuated",
                             {"min_green", "max_green", "max_gap", "detector_gap"});
  reader.read_quantity("min_green", Dimension::kDuration, kGreen, plan.min_green);
  reader.read_quantity("max_green", Dimension::kDuration, kGreen, plan.max_green);
  reader.read_quantity("max_gap", Dimension::kDuration, kGap, plan.max_gap);
  reader.read_quantity("detector_gap", Dimension::kDuration, kGap, plan.detector_gap);
  if (plan.max_green < plan.min_green) {
    const yaml::Node* max = reader.value("max_green");
    fail_at(max ? *max : node, max ? "signals.actuated.max_green" : "signals.actuated",
            "max_green (" + format_seconds(plan.max_green) + ") is shorter than min_green (" +
                format_seconds(plan.min_green) + ")");
  }
}

}  // namespace

void decode_signals(const yaml::Node& node, const Scenario&, SignalsSpec& signals) {
  const MappingReader reader(node, "signals", {"control", "fixed_time", "actuated"});
  reader.read_choice("control",
                     {std::pair{std::string_view("fixed_time"), SignalControl::kFixedTime},
                      std::pair{std::string_view("from_network"), SignalControl::kFromNetwork},
                      std::pair{std::string_view("actuated"), SignalControl::kActuated}},
                     signals.control);
  if (const yaml::Node* plan = reader.value("fixed_time"))
    decode_fixed_time(*plan, signals.fixed_time);
  if (const yaml::Node* plan = reader.value("actuated")) decode_actuated(*plan, signals.actuated);
}

SignalsSpec signals_section(const Scenario& scenario) {
  return scenario.sections.get_or_default<SignalsSpec>(kSignalsSectionKey);
}

}  // namespace citytwin
