#pragma once
// How the view shows one kind of agent or device. A family declares the styles of its kinds
// (SystemDeclaration::agent_kind); the world gathers them into the AgentKindTable every snapshot
// carries, and the renderer, the picker and the legend read that table: none of them names a kind.
#include <span>
#include <string>
#include <vector>

#include "sim/view/agent_kind.hpp"
#include "sim/view/rgba8.hpp"

namespace citytwin {

enum class AgentGlyph : std::uint8_t {
  kFootprint,    // a moving agent: an oriented rectangle of its length and width, in metres
  kSquare,       // a fixed device: an icon of constant screen size...
  kDiamond,      // ...turned 45 degrees...
  kSmallSquare,  // ...or smaller (the many small devices, e.g. sensors)
};

enum class AgentColouring : std::uint8_t {
  kBySpeed,  // the view's speed ramp (red stopped, green at the reference speed)
  kByState,  // states[agent_state], `colour` for a state past the list
  kFixed,    // always `colour` (a device's health may still override it: InfrastructureSite)
};

struct AgentStateStyle {
  std::string label;  // legend text, e.g. "loaded"
  Rgba8 colour;
  friend bool operator==(const AgentStateStyle&, const AgentStateStyle&) = default;
};

struct AgentKindStyle {
  std::string name;  // the kind is agent_kind(name); also the legend's label
  AgentGlyph glyph = AgentGlyph::kFootprint;
  float length = 0.0f;  // m, kFootprint only
  float width = 0.0f;   // m, kFootprint only
  AgentColouring colouring = AgentColouring::kBySpeed;
  Rgba8 colour{170, 170, 170};
  std::vector<AgentStateStyle> states;  // kByState: indexed by WorldView::agent_state

  AgentKind kind() const { return agent_kind(name); }
  // The colour of an agent of this kind in `state` for kByState and kFixed (kBySpeed: `colour`).
  Rgba8 state_colour(std::uint8_t state) const {
    return colouring == AgentColouring::kByState && state < states.size() ? states[state].colour
                                                                          : colour;
  }
  friend bool operator==(const AgentKindStyle&, const AgentKindStyle&) = default;
};

// The styles of every kind a world shows, in declaration order.
class AgentKindTable {
 public:
  // Adds `style`. The same style twice is kept once (two systems of a family may share kinds).
  // Throws std::logic_error when the name is taken by a different style, or when two names hash
  // to one kind (rename one of them).
  void add(AgentKindStyle style);

  // nullptr for a kind nobody declared.
  const AgentKindStyle* find(AgentKind kind) const;
  std::span<const AgentKindStyle> styles() const { return styles_; }
  // Half the length of the longest footprint, m (0 without footprints): how far a drawn agent
  // reaches beyond its centre, for culling.
  float longest_half_length() const { return longest_half_length_; }

 private:
  std::vector<AgentKindStyle> styles_;
  std::vector<AgentKind> kinds_;  // parallel to styles_
  float longest_half_length_ = 0.0f;
};

}  // namespace citytwin
