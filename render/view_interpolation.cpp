#include "render/view_interpolation.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace citytwin::render {

void interpolate_view(const WorldView& previous, const WorldView& next, float alpha,
                      WorldView& out) {
  out = next;  // copy-assign keeps out's capacity where it suffices
  alpha = std::clamp(alpha, 0.0f, 1.0f);
  if (alpha >= 1.0f) return;
  const std::size_t n = next.agent_count();
  const std::size_t m = previous.agent_count();
  std::size_t j = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t id = next.agent_id[i];
    while (j < m && previous.agent_id[j] < id) ++j;
    if (j == m) break;
    if (previous.agent_id[j] != id || previous.agent_kind[j] != next.agent_kind[i]) continue;
    out.x[i] = previous.x[j] + alpha * (next.x[i] - previous.x[j]);
    out.y[i] = previous.y[j] + alpha * (next.y[i] - previous.y[j]);
    float turn = next.heading[i] - previous.heading[j];
    constexpr float kPi = std::numbers::pi_v<float>;
    turn = std::remainder(turn, 2.0f * kPi);  // into [-pi, pi]
    out.heading[i] = previous.heading[j] + alpha * turn;
    out.speed[i] = previous.speed[j] + alpha * (next.speed[i] - previous.speed[j]);
  }
}

}  // namespace citytwin::render
