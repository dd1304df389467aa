#pragma once
// The signals family's scenario section, `signals:` (keys: scenarios/README.md, "signals").
#include <cstdint>

#include "agents/signals/actuated_plan_spec.hpp"
#include "agents/signals/fixed_time_plan_spec.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/yaml_document.hpp"

namespace citytwin {

enum class SignalControl : std::uint8_t { kFixedTime, kFromNetwork, kActuated };

struct SignalsSpec {
  SignalControl control = SignalControl::kFixedTime;
  FixedTimePlanSpec
      fixed_time;             // sim/scenario/schema.hpp while agents/signals/ takes it from there
  ActuatedPlanSpec actuated;  // with control: actuated
};

inline constexpr const char* kSignalsSectionKey = "signals";

// The scenario's signals section: its defaults when the file writes none.
SignalsSpec signals_section(const Scenario& scenario);

// Decodes `signals:`; every error located at FILE:LINE:COL (ScenarioError).
void decode_signals(const yaml::Node& node, const Scenario& scenario, SignalsSpec& signals);

}  // namespace citytwin
