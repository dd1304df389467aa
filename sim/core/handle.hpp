#pragma once
#include <cstdint>
#include <limits>
#include <vector>

namespace citytwin {

// A generational handle: `index` addresses a slot in struct-of-arrays storage, `generation` tells a
// live agent from a later one that reused the slot. Tag makes handles of different kinds distinct
// types (a robot handle cannot be passed where a vehicle handle is expected).
template <class Tag>
struct Handle {
  static constexpr std::uint32_t kInvalidIndex = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t index = kInvalidIndex;
  std::uint32_t generation = 0;

  bool is_null() const { return index == kInvalidIndex; }
  friend bool operator==(const Handle&, const Handle&) = default;
};

// Hands out slots with generations. Freed slots are reused lowest-index first, so allocation order
// (and therefore every index) is a pure function of the allocate/release sequence.
template <class Tag>
class HandlePool {
 public:
  using HandleType = Handle<Tag>;

  HandleType allocate() {
    if (!free_.empty()) {
      // free_ is kept as a min-heap on index: deterministic reuse independent of release order.
      std::uint32_t index = pop_lowest_free();
      live_[index] = true;
      return {index, generations_[index]};
    }
    const auto index = static_cast<std::uint32_t>(generations_.size());
    generations_.push_back(0);
    live_.push_back(true);
    return {index, 0};
  }

  // Returns false (and changes nothing) when the handle is stale or null.
  bool release(HandleType h) {
    if (!is_live(h)) return false;
    live_[h.index] = false;
    ++generations_[h.index];
    push_free(h.index);
    return true;
  }

  bool is_live(HandleType h) const {
    return !h.is_null() && h.index < generations_.size() && live_[h.index] &&
           generations_[h.index] == h.generation;
  }

  std::size_t capacity() const { return generations_.size(); }
  std::size_t live_count() const { return generations_.size() - free_.size(); }

 private:
  void push_free(std::uint32_t index);
  std::uint32_t pop_lowest_free();

  std::vector<std::uint32_t> generations_;
  std::vector<bool> live_;
  std::vector<std::uint32_t> free_;  // min-heap
};

}  // namespace citytwin

#include "sim/core/handle_pool_impl.hpp"
