#pragma once
#include "sim/view/world_view.hpp"

namespace citytwin::render {

// The style of each agent's kind, looked up in the snapshot's AgentKindTable. Agents come in
// runs of one kind (system order, mostly one class), so the last answer is kept: the draw loops
// run over every agent of a big city each frame. A kind without a style gets a plain grey
// two-metre box, so an undeclared kind is seen, not lost.
class KindStyles {
 public:
  explicit KindStyles(const WorldView& view) : table_(view.agent_kinds.get()) {}

  const AgentKindStyle& operator()(AgentKind kind) {
    if (last_ == nullptr || kind != last_kind_) {
      const AgentKindStyle* found = table_ != nullptr ? table_->find(kind) : nullptr;
      last_ = found != nullptr ? found : &unstyled();
      last_kind_ = kind;
    }
    return *last_;
  }

  // Half the length of the longest footprint drawn, m (culling margins).
  float longest_half_length() const;

  static const AgentKindStyle& unstyled();

 private:
  const AgentKindTable* table_;
  const AgentKindStyle* last_ = nullptr;
  AgentKind last_kind_{};
};

}  // namespace citytwin::render
