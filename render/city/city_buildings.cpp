#include "render/city/city_buildings.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "sim/spatial/spatial_grid.hpp"

namespace citytwin::render {
namespace {

// A well-mixed 64-bit hash (splitmix64 finaliser) of a link and a slot along it: the same
// buildings for the same network, with no random stream to keep.
double unit_hash(std::uint64_t link, std::uint64_t slot, std::uint64_t salt) {
  std::uint64_t z = link * 0x9E3779B97F4A7C15ull + slot * 0xBF58476D1CE4E5B9ull + salt;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * (1.0 / 9007199254740992.0);
}

// Lane centre lines sampled every few metres, with each sample's half width: what footprints
// must keep clear of.
struct LaneSamples {
  std::vector<Vec2> points;
  std::vector<double> half_width;
  double max_half_width = 0.0;
};

constexpr double kSampleSpacing = 2.0;  // m

void sample_line(std::span<const Vec2> shape, double half_width, LaneSamples& samples) {
  const double length = polyline_length(shape);
  const auto n = static_cast<std::size_t>(std::ceil(length / kSampleSpacing));
  for (std::size_t k = 0; k <= n; ++k) {
    samples.points.push_back(
        point_at(shape, std::min(length, static_cast<double>(k) * kSampleSpacing)).position);
    samples.half_width.push_back(half_width);
  }
  samples.max_half_width = std::max(samples.max_half_width, half_width);
}

LaneSamples sample_lanes(const Network& network) {
  LaneSamples samples;
  for (LaneId lane = 0; lane < network.lanes().size(); ++lane) {
    sample_line(network.lane_shape(lane), network.lane(lane).width * 0.5, samples);
  }
  // Junction boxes: connection paths too (a corner building must not sit on a turn).
  for (ConnectionId c = 0; c < network.connections().size(); ++c) {
    const double half = network.lane(network.connection(c).from_lane).width * 0.5;
    sample_line(network.connection_shape(c), half, samples);
  }
  return samples;
}

// Distance from p to an oriented rectangle (0 inside).
double distance_to(const Building& b, Vec2 p) {
  const Vec2 along{std::cos(b.heading), std::sin(b.heading)};
  const Vec2 d = p - b.centre;
  const double u = std::max(0.0, std::abs(dot(d, along)) - b.half_frontage);
  const double v = std::max(0.0, std::abs(cross(along, d)) - b.half_depth);
  return std::hypot(u, v);
}

// Separating-axis test of two oriented rectangles.
bool overlap(const Building& a, const Building& b) {
  const auto ca = building_corners(a);
  const auto cb = building_corners(b);
  for (const Building* r : {&a, &b}) {
    const Vec2 axes[2] = {{std::cos(r->heading), std::sin(r->heading)},
                          {-std::sin(r->heading), std::cos(r->heading)}};
    for (const Vec2 axis : axes) {
      double a_min = 1e300, a_max = -1e300, b_min = 1e300, b_max = -1e300;
      for (const Vec2 p : ca) {
        a_min = std::min(a_min, dot(p, axis));
        a_max = std::max(a_max, dot(p, axis));
      }
      for (const Vec2 p : cb) {
        b_min = std::min(b_min, dot(p, axis));
        b_max = std::max(b_max, dot(p, axis));
      }
      if (a_max <= b_min || b_max <= a_min) return false;
    }
  }
  return true;
}

// Placed footprints bucketed by a coarse cell of their centre, for the overlap check.
class PlacedIndex {
 public:
  static constexpr double kCell = 64.0;  // m, more than any footprint's diagonal
  bool overlaps_any(const Building& b, const std::vector<Building>& placed) const {
    const auto [cx, cy] = cell(b.centre);
    for (std::int64_t dx = -1; dx <= 1; ++dx) {
      for (std::int64_t dy = -1; dy <= 1; ++dy) {
        const auto it = cells_.find(key(cx + dx, cy + dy));
        if (it == cells_.end()) continue;
        for (const std::size_t i : it->second) {
          if (overlap(b, placed[i])) return true;
        }
      }
    }
    return false;
  }
  void add(const Building& b, std::size_t index) {
    const auto [cx, cy] = cell(b.centre);
    cells_[key(cx, cy)].push_back(index);
  }

 private:
  static std::pair<std::int64_t, std::int64_t> cell(Vec2 p) {
    return {static_cast<std::int64_t>(std::floor(p.x / kCell)),
            static_cast<std::int64_t>(std::floor(p.y / kCell))};
  }
  static std::uint64_t key(std::int64_t x, std::int64_t y) {
    return (static_cast<std::uint64_t>(x) << 32) ^ static_cast<std::uint32_t>(y);
  }
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> cells_;
};

}  // namespace

std::vector<Vec2> building_corners(const Building& b) {
  const Vec2 along{std::cos(b.heading), std::sin(b.heading)};
  const Vec2 left{-along.y, along.x};
  const Vec2 f = along * b.half_frontage;
  const Vec2 d = left * b.half_depth;
  return {b.centre - f - d, b.centre + f - d, b.centre + f + d, b.centre - f + d};
}

std::vector<Building> place_buildings(const Network& network, double sidewalk_width,
                                      const BuildingStyle& style) {
  std::vector<Building> placed;
  if (network.lanes().empty()) return placed;
  const LaneSamples samples = sample_lanes(network);
  SpatialGrid grid;
  const Vec2 margin{100.0, 100.0};
  grid.build(samples.points, 32.0, network.min_corner() - margin, network.max_corner() + margin);
  PlacedIndex index;
  std::vector<std::uint32_t> near;

  for (int row = 0; row < style.rows; ++row) {
    for (LinkId l = 0; l < network.links().size(); ++l) {
      const Link& link = network.link(l);
      if (link.lane_count == 0) continue;
      const Lane& outer = network.lane(link.first_lane);  // lane 0: the rightmost
      const auto shape = network.lane_shape(link.first_lane);
      const double length = polyline_length(shape);
      const double facade = outer.width * 0.5 + sidewalk_width + style.setback +
                            row * (style.max_depth + style.row_gap);
      // Slots of later rows hash apart from the first row's.
      std::uint64_t slot = static_cast<std::uint64_t>(row) << 32;
      for (double s = style.end_margin; s < length - style.end_margin; ++slot) {
        Building b;
        b.half_frontage = 0.5 * (style.min_frontage +
                                 (style.max_frontage - style.min_frontage) * unit_hash(l, slot, 1));
        b.half_depth =
            0.5 * (style.min_depth + (style.max_depth - style.min_depth) * unit_hash(l, slot, 2));
        b.shade = static_cast<std::uint8_t>(unit_hash(l, slot, 3) * style.shades);
        const double middle = s + b.half_frontage;
        s = middle + b.half_frontage + style.gap * (0.5 + unit_hash(l, slot, 4));
        if (middle + b.half_frontage > length - style.end_margin) break;
        const PointOnLine at = point_at(shape, middle);
        const Vec2 along{std::cos(at.heading), std::sin(at.heading)};
        const Vec2 right{along.y, -along.x};
        b.heading = at.heading;
        b.centre = at.position + right * (facade + b.half_depth);
        const double reach =
            std::hypot(b.half_frontage, b.half_depth) + style.clearance + samples.max_half_width;
        grid.query_radius(b.centre, reach, near);
        bool clear = true;
        for (const std::uint32_t i : near) {
          if (distance_to(b, samples.points[i]) < samples.half_width[i] + style.clearance) {
            clear = false;
            break;
          }
        }
        if (!clear || index.overlaps_any(b, placed)) continue;
        index.add(b, placed.size());
        placed.push_back(b);
      }
    }
  }
  return placed;
}

}  // namespace citytwin::render
