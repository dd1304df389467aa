#include "sim/core/rng.hpp"

#include <Random123/philox.h>

#include <cmath>
#include <numbers>

namespace citytwin {

// Counter layout: {stream, agent, step low 32 bits, step high 16 bits | block index << 16}.
// The block index counts 128-bit blocks drawn by this generator, so one (agent, step) may draw
// up to 65,536 blocks (262,144 words) before the counter would wrap into the step bits.
CounterRng::CounterRng(std::uint64_t seed, RngStream stream, std::uint32_t agent,
                       std::uint64_t step)
    : key_{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)},
      counter_{static_cast<std::uint32_t>(stream), agent, static_cast<std::uint32_t>(step),
               static_cast<std::uint32_t>((step >> 32) & 0xFFFFu)},
      block_{0, 0, 0, 0} {}

void CounterRng::refill() {
  using Philox = r123::Philox4x32;
  const Philox::ctr_type ctr = {{counter_[0], counter_[1], counter_[2], counter_[3]}};
  const Philox::key_type key = {{key_[0], key_[1]}};
  const Philox::ctr_type out = Philox{}(ctr, key);
  for (int i = 0; i < 4; ++i) block_[i] = out.v[i];
  counter_[3] += 1u << 16;  // next block
  used_ = 0;
}

std::uint32_t CounterRng::next_u32() {
  if (used_ == 4) refill();
  return block_[used_++];
}

std::uint64_t CounterRng::next_u64() {
  const std::uint64_t hi = next_u32();
  return (hi << 32) | next_u32();
}

double CounterRng::uniform() {
  // Top 53 bits scaled by 2^-53: exactly representable, never 1.0.
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

std::uint32_t CounterRng::below(std::uint32_t n) {
  // Lemire's multiply-shift with rejection: unbiased for every n.
  std::uint64_t product = static_cast<std::uint64_t>(next_u32()) * n;
  auto low = static_cast<std::uint32_t>(product);
  if (low < n) {
    const std::uint32_t threshold = (0u - n) % n;
    while (low < threshold) {
      product = static_cast<std::uint64_t>(next_u32()) * n;
      low = static_cast<std::uint32_t>(product);
    }
  }
  return static_cast<std::uint32_t>(product >> 32);
}

double CounterRng::exponential(double rate) {
  // 1 - u is in (0, 1], so the log is finite.
  return -std::log(1.0 - uniform()) / rate;
}

double CounterRng::normal() {
  const double u1 = 1.0 - uniform();
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

}  // namespace citytwin
