#pragma once
// Strategic lane choice along a whole route, in the spirit of SUMO's LC2013 "best lanes": for
// every link of a route, the lanes from which the rest of the route can be driven with the
// fewest lane changes where there is no room for them. Computed once per route (routes are
// shared and created serially), read in the step.
#include <cstdint>
#include <optional>
#include <span>

#include "agents/traffic/track_layout.hpp"
#include "sim/network/network.hpp"

namespace citytwin {

struct BestLanesParams {
  // m a lane change needs on a link besides the stretch at its start where nobody changes.
  double metres_per_change = 25.0;
  // m at a lane's start where nobody changes (see TrafficSystem::entry_zone; 1 s steps).
  double entry_zone_seconds = 1.2;
  double entry_zone_min = 10.0;
};

// Per link of a route (bit k = lane k, k < 16):
struct BestLanes {
  // The lanes to be in at the end of the link: those whose connection lands where the rest of
  // the route needs the fewest cramped changes (changes on links with no room for them), then
  // the fewest changes on the next link.
  std::uint16_t strategic = 0;
  // The lanes to land on when entering the link: those from whose end the rest of the route
  // needs the fewest cramped changes.
  std::uint16_t landing = 0;
};

// Why two levels: a change a link has room for, however far ahead, is best made there, and
// pushing every vehicle toward it links in advance crowds its lanes (netgenerate grids: +19 %
// mean duration when every future change weighed on today's lane); a change on a link too short
// for it (OSM's chains of short lanes) must be prepared links ahead, as LC2013's best lanes do.
// Writes out[p] for each position of `links` (a route: consecutive links joined by connections);
// at the last link every lane qualifies. out.size() must equal links.size(). With `road_class`,
// only lanes that class may use qualify, reached through connections it may drive.
void compute_best_lanes(const Network& network, const TrackLayout& layout,
                        std::span<const LinkId> links, std::span<BestLanes> out,
                        const BestLanesParams& params = {},
                        std::optional<RoadClass> road_class = std::nullopt);

// How far (in lanes) lane `index` is from the nearest lane of `mask`; 0xFF when it is empty.
std::uint32_t lanes_from_mask(std::uint16_t mask, std::uint32_t index);

}  // namespace citytwin
