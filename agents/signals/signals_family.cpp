#include "agents/signals/signals_family.hpp"

#include <optional>

#include "agents/signals/signals_section.hpp"
#include "agents/signals/traffic_signals.hpp"
#include "sim/step/world.hpp"

namespace citytwin {

FamilyRegistration signals_family() {
  FamilyRegistration family;
  family.name = "signals";
  family.sections.push_back(scenario_section<SignalsSpec>(kSignalsSectionKey, decode_signals));
  family.build = [](const Scenario& scenario, FamilyBuildContext& context) {
    const SignalsSpec signals = signals_section(scenario);
    context.world.emplace_system<TrafficSignals>(context.world.shared_network(), signals.fixed_time,
                                                 signals.control == SignalControl::kFromNetwork,
                                                 signals.control == SignalControl::kActuated
                                                     ? std::optional(signals.actuated)
                                                     : std::nullopt);
  };
  return family;
}

}  // namespace citytwin
