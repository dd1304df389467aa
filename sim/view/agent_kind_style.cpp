#include "sim/view/agent_kind_style.hpp"

#include <algorithm>
#include <stdexcept>

namespace citytwin {

void AgentKindTable::add(AgentKindStyle style) {
  const AgentKind kind = style.kind();
  for (const AgentKindStyle& known : styles_) {
    if (known.kind() != kind) continue;  // (declaration time: hashing again is fine)
    if (known.name != style.name) {
      throw std::logic_error("agent kinds '" + known.name + "' and '" + style.name +
                             "' hash to the same id: rename one of them");
    }
    if (known == style) return;
    throw std::logic_error("agent kind '" + style.name +
                           "' is declared twice with different styles");
  }
  if (style.glyph == AgentGlyph::kFootprint) {
    longest_half_length_ = std::max(longest_half_length_, 0.5f * style.length);
  }
  styles_.push_back(std::move(style));
  kinds_.push_back(kind);
}

const AgentKindStyle* AgentKindTable::find(AgentKind kind) const {
  const auto it = std::find(kinds_.begin(), kinds_.end(), kind);
  return it == kinds_.end() ? nullptr : &styles_[static_cast<std::size_t>(it - kinds_.begin())];
}

}  // namespace citytwin
