#include "agents/traffic/link_congestion.hpp"

#include <cstddef>

namespace citytwin {

void add_link_traffic_fields(const Network& network, std::span<const std::uint32_t> lane_of_slot,
                             std::span<const double> speed_of_slot, WorldView& view) {
  const std::size_t links = network.links().size();
  const std::size_t lanes = network.lanes().size();

  LinkField& congestion = view.link_fields.add("congestion");
  congestion.unit = "% of free speed";
  congestion.range_min = 0.0f;
  congestion.range_max = 100.0f;
  congestion.sense = FieldSense::kHigherIsBetter;
  LinkField& density = view.link_fields.add("density");
  density.unit = "veh/km/lane";
  density.range_min = 0.0f;
  density.range_max = 120.0f;
  density.sense = FieldSense::kHigherIsWorse;

  // First pass: vehicle counts into density, speed sums into congestion (no scratch needed).
  congestion.values.assign(links, 0.0f);
  density.values.assign(links, 0.0f);
  for (std::size_t i = 0; i < lane_of_slot.size(); ++i) {
    const std::uint32_t lane = lane_of_slot[i];
    if (lane >= lanes) continue;
    const LinkId link = network.lane(lane).link;
    density.values[link] += 1.0f;
    congestion.values[link] += static_cast<float>(speed_of_slot[i]);
  }
  for (LinkId l = 0; l < links; ++l) {
    const Link& link = network.link(l);
    const float count = density.values[l];
    const double lane_km = link.length * 1e-3 * link.lane_count;
    density.values[l] = lane_km > 0.0 ? static_cast<float>(count / lane_km) : kNoFieldValue;
    congestion.values[l] =
        count > 0.0f && link.speed_limit > 0.0
            ? static_cast<float>(100.0 * congestion.values[l] / count / link.speed_limit)
            : kNoFieldValue;
  }
}

}  // namespace citytwin
