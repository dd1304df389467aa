#include "sim/step/knob.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "sim/step/system.hpp"
#include "sim/step/world.hpp"

namespace citytwin {

std::string KnobSpec::describe(double v) const {
  if (is_choice()) {
    const auto index = static_cast<std::size_t>(std::max(0.0, std::round(v)));
    return label + " = " + (index < choices.size() ? choices[index] : "?");
  }
  char text[64];
  std::snprintf(text, sizeof text, format.c_str(), v);
  return label + " = " + text;
}

Command knob_command(const KnobSpec& knob, double value,
                     std::function<void(const std::string&)> on_rejected) {
  std::string description = knob.describe(value);
  auto report = [description, on_rejected](const std::string& why) {
    const std::string message = "what-if '" + description + "' rejected: " + why;
    if (on_rejected) {
      on_rejected(message);
    } else {
      std::fprintf(stderr, "citytwin: %s\n", message.c_str());
    }
  };
  return Command{description,
                 [system = knob.system, apply = knob.apply, value, report](World& world) {
                   System* owner = world.find_system(system);
                   if (owner == nullptr) return report("no system '" + system + "' in this world");
                   try {
                     apply(*owner, value);
                   } catch (const std::invalid_argument& e) {
                     report(e.what());
                   }
                 }};
}

}  // namespace citytwin
