#pragma once
#include <oneapi/tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace citytwin {

template <class Payload>
struct Message {
  std::uint32_t sender = 0;    // agent index of the sender
  std::uint32_t sequence = 0;  // order among one sender's messages in one step
  Payload payload{};
};

// Messages (V2I broadcasts, sensor packets, robot requests) produced in a parallel phase.
// Each worker appends to its own buffer; commit() gathers and orders them by (sender, sequence),
// so consumers see the same list whatever the thread count and however work was split.
// Buffers keep their capacity between steps: no allocation in steady state.
template <class Payload>
class MessageList {
 public:
  // Safe to call concurrently from a parallel phase.
  void emit(std::uint32_t sender, std::uint32_t sequence, const Payload& payload) {
    local_.local().push_back({sender, sequence, payload});
  }

  // Serial: call between phases.
  void commit() {
    committed_.clear();
    for (auto& buffer : local_) {
      committed_.insert(committed_.end(), buffer.begin(), buffer.end());
      buffer.clear();
    }
    std::sort(committed_.begin(), committed_.end(), [](const auto& a, const auto& b) {
      return a.sender != b.sender ? a.sender < b.sender : a.sequence < b.sequence;
    });
  }

  std::span<const Message<Payload>> messages() const { return committed_; }
  void clear() { committed_.clear(); }

 private:
  tbb::enumerable_thread_specific<std::vector<Message<Payload>>> local_;
  std::vector<Message<Payload>> committed_;
};

}  // namespace citytwin
