#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/view/agent_kind.hpp"

namespace citytwin {

// What the user picked in the city view for a closer look: one agent (by its kind and the id its
// system gave it) or one network node.
struct InspectTarget {
  enum class Kind : std::uint8_t { kNone, kAgent, kNode };
  Kind kind = Kind::kNone;
  AgentKind agent_kind{};  // kAgent only: the kind's owner gave the id
  std::uint32_t id = 0;    // agent id, or NodeId

  bool operator==(const InspectTarget&) const = default;
  static InspectTarget agent(AgentKind kind, std::uint32_t id) { return {Kind::kAgent, kind, id}; }
  static InspectTarget node(std::uint32_t node) { return {Kind::kNode, AgentKind{}, node}; }
};

// The inspector's content for the target, written into the snapshot by the systems that own the
// target (System::describe) when it is published: plain labelled text, so the panel needs to know
// no agent kind. Sections group rows ("trip", "route", "signal groups", ...).
struct Inspection {
  struct Row {
    std::string section;
    std::string label;
    std::string value;
  };
  InspectTarget target;
  std::string title;     // e.g. "car 1234", "junction J_r1_c2"; empty: nothing describes it
  bool present = false;  // the target exists now (a vehicle that arrived is no longer present)
  bool has_position = false;
  float x = 0.0f;  // m: where it is (agent) or stands (node), for the view to mark and follow
  float y = 0.0f;
  std::vector<Row> rows;

  void clear();
  void add(std::string section, std::string label, std::string value);
};

}  // namespace citytwin
