#include "sim/network/stage_plan.hpp"

#include <algorithm>
#include <limits>

#include "sim/network/network.hpp"

namespace citytwin {

ProgramStages stages_from_program(const std::vector<std::vector<bool>>& green) {
  const std::size_t groups = green.empty() ? 0 : green.front().size();
  ProgramStages out{std::vector<std::uint8_t>(groups, 0), std::vector<bool>(groups, false)};
  std::vector<bool> staged(groups, false);
  for (std::size_t k = 0; k < groups; ++k) {
    bool every = false;
    for (const auto& phase : green) {
      if (std::none_of(phase.begin(), phase.end(), [](bool g) { return g; })) continue;
      every = phase[k];
      if (!every) break;
    }
    out.every_stage[k] = every;
    staged[k] = every;
  }
  std::size_t stage = 0;
  constexpr std::size_t kLast = std::numeric_limits<std::uint8_t>::max();
  for (const auto& phase : green) {
    bool opened = false;
    for (std::size_t k = 0; k < groups; ++k) {
      if (staged[k] || !phase[k]) continue;
      staged[k] = true;
      // Past 256 stages (no real junction has them) the rest share the last one.
      out.stage[k] = static_cast<std::uint8_t>(std::min(stage, kLast));
      opened = true;
    }
    if (opened) ++stage;
  }
  return out;
}

std::uint8_t stage_count(const Network& network, NodeId node) {
  std::size_t count = 0;
  for (const SignalGroupId g : network.node(node).signal_groups) {
    const SignalGroup& group = network.signal_group(g);
    if (!group.every_stage) count = std::max<std::size_t>(count, group.stage + 1u);
  }
  return static_cast<std::uint8_t>(std::min<std::size_t>(count, 255));
}

bool green_in_stage(const SignalGroup& group, std::uint8_t running) {
  return group.every_stage || group.stage == running;
}

}  // namespace citytwin
