#pragma once
#include <cstdint>
#include <string_view>

#include "sim/core/name_hash.hpp"

namespace citytwin {

// What an agent or device is, for drawing, picking and filtering: the FNV-1a hash of a name the
// owning family chose ("car", "robot", "rsu"). The kernel lists no kinds: a family describes each
// of its kinds in an AgentKindStyle (agent_kind_style.hpp) that its system declares. Being a
// hash, a kind is known without a world (a CLI target, a test) and the same in every run.
enum class AgentKind : std::uint32_t {};

constexpr AgentKind agent_kind(std::string_view name) {
  return static_cast<AgentKind>(fnv1a32(name));
}

}  // namespace citytwin
