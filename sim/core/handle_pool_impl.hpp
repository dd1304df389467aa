#pragma once
#include <algorithm>
#include <functional>

namespace citytwin {

template <class Tag>
void HandlePool<Tag>::push_free(std::uint32_t index) {
  free_.push_back(index);
  std::push_heap(free_.begin(), free_.end(), std::greater<>{});
}

template <class Tag>
std::uint32_t HandlePool<Tag>::pop_lowest_free() {
  std::pop_heap(free_.begin(), free_.end(), std::greater<>{});
  const std::uint32_t index = free_.back();
  free_.pop_back();
  return index;
}

}  // namespace citytwin
