#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace citytwin {

// The fixed list of phases every step runs through, in this order (see DESIGN.md, "The step").
enum class Phase : std::uint8_t {
  kSense,     // read last step's state and delivered messages
  kDecide,    // each agent computes its intent into its own slot (parallel)
  kAct,       // integrate motion, apply intents; transfers merged in id order
  kExchange,  // messages through channel models; KPI reductions
  kPublish,   // write snapshots for the renderer and recorders
};
inline constexpr std::size_t kPhaseCount = 5;
inline constexpr std::array<Phase, kPhaseCount> kAllPhases = {
    Phase::kSense, Phase::kDecide, Phase::kAct, Phase::kExchange, Phase::kPublish};

constexpr std::string_view phase_name(Phase p) {
  constexpr std::array<std::string_view, kPhaseCount> names = {"sense", "decide", "act", "exchange",
                                                               "publish"};
  return names[static_cast<std::size_t>(p)];
}

}  // namespace citytwin
