#include "agents/traffic/best_lanes.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace citytwin {
namespace {

constexpr std::uint32_t kMaskLanes = 16;  // lanes a 16-bit mask can name
constexpr std::uint32_t kUnreachable = 1u << 30;
// A cramped change outweighs any number of changes a link has room for.
constexpr std::uint32_t kCrampedWeight = 64;

using LaneCosts = std::array<std::uint32_t, kMaskLanes>;

// How many lane changes a link has room for after the stretch at its start where nobody changes.
std::uint32_t changes_with_room(const TrackLayout& layout, LaneId lane,
                                const BestLanesParams& params) {
  const double entry_zone =
      std::max(params.entry_zone_min, params.entry_zone_seconds * layout.speed_limit(lane) + 2.0);
  const double room = layout.length(lane) - entry_zone;
  if (room <= 0.0) return 0;
  return static_cast<std::uint32_t>(std::floor(room / params.metres_per_change));
}

// The lanes with the least cost (none when all are unreachable).
std::uint16_t least(const LaneCosts& cost, std::uint32_t lanes) {
  std::uint32_t best = kUnreachable;
  std::uint16_t mask = 0;
  for (std::uint32_t j = 0; j < lanes; ++j) {
    if (cost[j] < best) {
      best = cost[j];
      mask = 0;
    }
    if (cost[j] == best && best < kUnreachable) mask = static_cast<std::uint16_t>(mask | 1u << j);
  }
  return mask;
}

}  // namespace

std::uint32_t lanes_from_mask(std::uint16_t mask, std::uint32_t index) {
  std::uint32_t best = 0xFFu;
  for (std::uint32_t k = 0; k < kMaskLanes; ++k) {
    if ((mask & (1u << k)) == 0) continue;
    best = std::min(best, k > index ? k - index : index - k);
  }
  return best;
}

void compute_best_lanes(const Network& network, const TrackLayout& layout,
                        std::span<const LinkId> links, std::span<BestLanes> out,
                        const BestLanesParams& params, std::optional<RoadClass> road_class) {
  auto closed = [&](LaneId lane) { return road_class && !network.lane(lane).allows(*road_class); };
  // Backward over the route. next_start[k]: the fewest cramped changes from lane k at the start
  // of the next link to the route's end; next_landing: that link's landing lanes. For this link,
  // end[j] is the same from lane j at its end (through its best connection into the next link;
  // unreachable without one) and score[j] adds, 1 per lane, how far from the next link's landing
  // lanes that connection lands. Then next_start and next_landing move to this link.
  LaneCosts next_start{};
  std::uint16_t next_landing = 0;
  for (std::size_t q = links.size(); q-- > 0;) {
    const Link& link = network.link(links[q]);
    const std::uint32_t lanes = std::min<std::uint32_t>(link.lane_count, kMaskLanes);
    LaneCosts end{};
    LaneCosts score{};
    if (q + 1 < links.size()) {
      const LinkId next = links[q + 1];
      for (std::uint32_t j = 0; j < lanes; ++j) {
        end[j] = kUnreachable;
        score[j] = kUnreachable;
        if (closed(link.first_lane + j)) continue;
        for (const Connection& c : network.connections_from(link.first_lane + j)) {
          const Lane& to = network.lane(c.to_lane);
          if (to.link != next || to.index_on_link >= kMaskLanes || closed(c.to_lane)) continue;
          const std::uint32_t cramped = next_start[to.index_on_link];
          end[j] = std::min(end[j], cramped);
          score[j] = std::min(
              score[j], cramped * kCrampedWeight + lanes_from_mask(next_landing, to.index_on_link));
        }
      }
    } else {
      for (std::uint32_t j = 0; j < lanes; ++j) {
        if (closed(link.first_lane + j)) end[j] = score[j] = kUnreachable;
      }
    }
    out[q].strategic = least(score, lanes);
    const std::uint16_t end_best = least(end, lanes);
    // From the start of this link: the changes toward lane j beyond those the link has room for.
    const std::uint32_t with_room = changes_with_room(layout, link.first_lane, params);
    for (std::uint32_t k = 0; k < lanes; ++k) {
      next_start[k] = kUnreachable;
      if (closed(link.first_lane + k)) continue;  // nobody of the class lands there
      for (std::uint32_t j = 0; j < lanes; ++j) {
        if (end[j] >= kUnreachable) continue;
        const std::uint32_t moves = k > j ? k - j : j - k;
        next_start[k] =
            std::min(next_start[k], end[j] + (moves > with_room ? moves - with_room : 0));
      }
    }
    // Landing lanes: the fewest cramped changes from there, then the nearest to the lanes best
    // at the link's end (with room for every change, just those: the lanes toward the link after).
    LaneCosts landing{};
    for (std::uint32_t k = 0; k < lanes; ++k) {
      landing[k] = next_start[k] >= kUnreachable
                       ? kUnreachable
                       : next_start[k] * kCrampedWeight + lanes_from_mask(end_best, k);
    }
    out[q].landing = least(landing, lanes);
    next_landing = out[q].landing;
  }
}

}  // namespace citytwin
