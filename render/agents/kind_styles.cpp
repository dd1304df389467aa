#include "render/agents/kind_styles.hpp"

#include <algorithm>

#include "render/colours.hpp"

namespace citytwin::render {

const AgentKindStyle& KindStyles::unstyled() {
  static const AgentKindStyle style = [] {
    AgentKindStyle s;
    s.name = "unstyled";
    s.glyph = AgentGlyph::kFootprint;
    s.length = 2.0f;
    s.width = 2.0f;
    s.colouring = AgentColouring::kFixed;
    s.colour = palette::kUnstyled;
    return s;
  }();
  return style;
}

float KindStyles::longest_half_length() const {
  const float table = table_ != nullptr ? table_->longest_half_length() : 0.0f;
  return std::max(table, 0.5f * unstyled().length);
}

}  // namespace citytwin::render
