#pragma once
#include <array>
#include <atomic>
#include <cstdint>

namespace citytwin {

// Single-producer single-consumer triple buffer: the simulation writes into `back()` and publishes;
// the reader takes the newest published value without ever blocking the writer or seeing a half
// written one. Three slots: one owned by the writer, one by the reader, one in the middle.
template <class T>
class TripleBuffer {
 public:
  // Writer side.
  T& back() { return slots_[back_]; }
  void publish() {
    const std::uint8_t previous = middle_.exchange(back_ | kFresh, std::memory_order_acq_rel);
    back_ = previous & kIndexMask;
  }

  // Reader side: swaps in the newest published slot if there is one; returns whether it changed.
  bool update() {
    if ((middle_.load(std::memory_order_acquire) & kFresh) == 0) return false;
    const std::uint8_t previous = middle_.exchange(front_, std::memory_order_acq_rel);
    front_ = previous & kIndexMask;
    return true;
  }
  const T& front() const { return slots_[front_]; }

 private:
  static constexpr std::uint8_t kFresh = 0x4;
  static constexpr std::uint8_t kIndexMask = 0x3;

  std::array<T, 3> slots_{};
  std::uint8_t back_ = 0;
  std::uint8_t front_ = 1;
  std::atomic<std::uint8_t> middle_{2};
};

}  // namespace citytwin
