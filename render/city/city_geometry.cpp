#include "render/city/city_geometry.hpp"

#include "render/city/city_buildings.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace citytwin::render {
namespace {

CityVertex vertex(Vec2 p, Rgba8 colour) {
  return {static_cast<float>(p.x), static_cast<float>(p.y), colour};
}

void append_fan(std::vector<CityVertex>& out, std::span<const Vec2> polygon, Rgba8 colour) {
  for (std::size_t i = 1; i + 1 < polygon.size(); ++i) {
    out.push_back(vertex(polygon[0], colour));
    out.push_back(vertex(polygon[i], colour));
    out.push_back(vertex(polygon[i + 1], colour));
  }
}

// Direction of the first / last non-degenerate segment.
Vec2 start_direction(std::span<const Vec2> p) {
  for (std::size_t i = 1; i < p.size(); ++i) {
    const Vec2 d = p[i] - p[0];
    if (length(d) > 0.0) return normalized(d);
  }
  return {1.0, 0.0};
}
Vec2 end_direction(std::span<const Vec2> p) {
  for (std::size_t i = p.size() - 1; i > 0; --i) {
    const Vec2 d = p.back() - p[i - 1];
    if (length(d) > 0.0) return normalized(d);
  }
  return {1.0, 0.0};
}

void add_cross_section(std::vector<Vec2>& points, Vec2 at, Vec2 direction, double half_width) {
  const Vec2 right = right_normal(direction);
  points.push_back(at + right * half_width);
  points.push_back(at - right * half_width);
}

// The pedestrian layer as the network has it: each sidewalk and footpath a strip of its own width
// along its centre line, each walking area its outline filled (convex hull: derived corners are
// point sets, SUMO's are polygons that are close to convex).
void build_sidewalks(const Network& net, std::vector<CityVertex>& out) {
  const PedestrianNetwork& ped = net.pedestrians();
  for (const Sidewalk& s : ped.sidewalks()) {
    append_strip(out, ped.shape(s.shape), 0.0, s.width, palette::kSidewalk);
  }
  for (const Footpath& f : ped.footpaths()) {
    append_strip(out, ped.shape(f.shape), 0.0, f.width, palette::kSidewalk);
  }
  for (const WalkingArea& area : ped.walking_areas()) {
    const auto outline = ped.shape(area.outline);
    const auto hull = convex_hull(std::vector<Vec2>(outline.begin(), outline.end()));
    if (hull.size() >= 3) append_fan(out, hull, palette::kSidewalk);
  }
}

void build_buildings(const Network& net, const CityStyle& style, std::vector<CityVertex>& out) {
  for (const Building& b : place_buildings(net, style.sidewalk_width)) {
    const auto c = building_corners(b);
    const Rgba8 roof = palette::kRoofs[b.shade % palette::kRoofs.size()];
    for (const Vec2 p : {c[0], c[1], c[2], c[0], c[2], c[3]}) {
      out.push_back({static_cast<float>(p.x), static_cast<float>(p.y), roof});
    }
  }
}

void build_junctions(const Network& net, std::vector<CityVertex>& out) {
  std::vector<std::vector<Vec2>> points_of_node(net.nodes().size());
  for (const Connection& c : net.connections()) {
    auto& points = points_of_node[c.node];
    const Lane& from = net.lane(c.from_lane);
    const Lane& to = net.lane(c.to_lane);
    const auto from_shape = net.lane_shape(c.from_lane);
    const auto to_shape = net.lane_shape(c.to_lane);
    add_cross_section(points, from_shape.back(), end_direction(from_shape), from.width * 0.5);
    add_cross_section(points, to_shape.front(), start_direction(to_shape), to.width * 0.5);
    const auto path =
        net.connection_shape(static_cast<ConnectionId>(&c - net.connections().data()));
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
      const Vec2 d = path[i + 1] - path[i];
      if (length(d) <= 0.0) continue;
      add_cross_section(points, path[i], d, from.width * 0.5);
      add_cross_section(points, path[i + 1], d, from.width * 0.5);
    }
  }
  for (auto& points : points_of_node) {
    if (points.size() < 3) continue;
    const auto hull = convex_hull(std::move(points));
    append_fan(out, hull, palette::kJunction);
  }
}

void build_asphalt(const Network& net, std::vector<CityVertex>& out) {
  for (LaneId id = 0; id < net.lanes().size(); ++id) {
    append_strip(out, net.lane_shape(id), 0.0, net.lane(id).width, palette::kAsphalt);
  }
}

void append_dashed(std::vector<CityVertex>& out, std::span<const Vec2> centre, double offset,
                   const CityStyle& style, Rgba8 colour) {
  const double total = polyline_length(centre);
  const double period = style.dash_length + style.dash_gap;
  // Start half a gap in so that dashes sit symmetrically away from the junction ends.
  for (double s = style.dash_gap * 0.5; s < total; s += period) {
    const auto dash = sub_polyline(centre, s, std::min(s + style.dash_length, total));
    append_strip(out, dash, offset, style.marking_width, colour);
  }
}

void build_markings(const Network& net, const CityStyle& style, std::vector<CityVertex>& out) {
  std::unordered_set<std::uint64_t> directed;
  for (const Link& link : net.links()) {
    directed.insert(static_cast<std::uint64_t>(link.from) << 32 | link.to);
  }
  for (const Link& link : net.links()) {
    if (link.lane_count == 0) continue;
    // Dashed lines on the left edge of every lane but the leftmost.
    for (std::uint16_t i = 0; i + 1 < link.lane_count; ++i) {
      const LaneId id = link.first_lane + i;
      append_dashed(out, net.lane_shape(id), -net.lane(id).width * 0.5, style,
                    palette::kLaneMarking);
    }
    // Left edge of the leftmost lane: half of a double centre line when the opposite direction
    // exists (its own half lies on its side), else a solid edge line.
    const LaneId leftmost = link.first_lane + link.lane_count - 1;
    const double half = net.lane(leftmost).width * 0.5;
    const bool two_way = directed.contains(static_cast<std::uint64_t>(link.to) << 32 | link.from);
    if (two_way) {
      append_strip(out, net.lane_shape(leftmost), -half + style.marking_width, style.marking_width,
                   palette::kCentreLine);
    } else {
      append_strip(out, net.lane_shape(leftmost), -half + style.marking_width * 0.5,
                   style.marking_width, palette::kLaneMarking);
    }
  }
}

// One zebra stripe: a rectangle `half_along` x `half_across` around `centre`, long side along
// `direction` (unit).
void append_stripe(std::vector<CityVertex>& out, Vec2 centre, Vec2 direction, double half_along,
                   double half_across, Rgba8 colour) {
  const Vec2 along = direction * half_along;
  const Vec2 across = right_normal(direction) * half_across;
  const Vec2 a = centre - along - across, b = centre + along - across;
  const Vec2 c = centre + along + across, d = centre - along + across;
  for (const Vec2 p : {a, b, c, a, c, d}) out.push_back(vertex(p, colour));
}

// Zebra stripes of every crosswalk: bars parallel to the traffic, as long as the crosswalk is
// wide, one per `crosswalk_pitch` across the road and centred on it.
void build_crosswalks(const Network& net, const CityStyle& style, std::vector<CityVertex>& out) {
  const PedestrianNetwork& ped = net.pedestrians();
  for (const Crosswalk& c : ped.crosswalks()) {
    const auto shape = ped.shape(c.shape);
    const Vec2 across = normalized(shape.back() - shape.front());
    if (length(across) == 0.0) continue;
    const Vec2 along_road{-across.y, across.x};
    const double span = distance(shape.front(), shape.back());
    const auto stripes = static_cast<int>(std::floor(span / style.crosswalk_pitch));
    const Vec2 middle = shape.front() + across * (0.5 * span);
    for (int k = 0; k < stripes; ++k) {
      const double offset = (k + 0.5 - 0.5 * stripes) * style.crosswalk_pitch;
      append_stripe(out, middle + across * offset, along_road, 0.5 * c.width,
                    0.25 * style.crosswalk_pitch, palette::kStopLine);
    }
  }
}

void build_stop_lines(const Network& net, const CityStyle& style, std::vector<CityVertex>& out) {
  for (LaneId id = 0; id < net.lanes().size(); ++id) {
    const Lane& lane = net.lane(id);
    if (lane.connection_count == 0) continue;
    const NodeControl control = net.node(net.link(lane.link).to).control;
    if (control != NodeControl::kSignal && control != NodeControl::kAllWayStop) continue;
    const auto shape = net.lane_shape(id);
    const double total = polyline_length(shape);
    const auto bar = sub_polyline(shape, std::max(0.0, total - style.stop_line_depth), total);
    append_strip(out, bar, 0.0, lane.width, palette::kStopLine);
  }
  build_crosswalks(net, style, out);
}

}  // namespace

void append_strip(std::vector<CityVertex>& out, std::span<const Vec2> centre, double offset,
                  double width, Rgba8 colour) {
  if (centre.size() < 2) return;
  std::vector<Vec2> left(centre.size());
  std::vector<Vec2> right(centre.size());
  offset_polyline(centre, offset - width * 0.5, left);
  offset_polyline(centre, offset + width * 0.5, right);
  for (std::size_t i = 0; i + 1 < centre.size(); ++i) {
    if (length(centre[i + 1] - centre[i]) <= 0.0) continue;
    out.push_back(vertex(left[i], colour));
    out.push_back(vertex(right[i], colour));
    out.push_back(vertex(left[i + 1], colour));
    out.push_back(vertex(left[i + 1], colour));
    out.push_back(vertex(right[i], colour));
    out.push_back(vertex(right[i + 1], colour));
  }
}

std::vector<Vec2> sub_polyline(std::span<const Vec2> points, double s0, double s1) {
  std::vector<Vec2> out;
  if (points.empty()) return out;
  const double total = polyline_length(points);
  s0 = std::clamp(s0, 0.0, total);
  s1 = std::clamp(s1, s0, total);
  out.push_back(point_at(points, s0).position);
  double s = 0.0;
  for (std::size_t i = 1; i < points.size(); ++i) {
    s += distance(points[i - 1], points[i]);
    if (s <= s0) continue;
    if (s >= s1) break;
    out.push_back(points[i]);
  }
  out.push_back(point_at(points, s1).position);
  return out;
}

std::vector<Vec2> convex_hull(std::vector<Vec2> points) {
  std::sort(points.begin(), points.end(),
            [](Vec2 a, Vec2 b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  points.erase(std::unique(points.begin(), points.end()), points.end());
  if (points.size() < 3) return points;
  // Andrew's monotone chain.
  std::vector<Vec2> hull(2 * points.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    while (k >= 2 && cross(hull[k - 1] - hull[k - 2], points[i] - hull[k - 2]) <= 0.0) --k;
    hull[k++] = points[i];
  }
  for (std::size_t i = points.size() - 1, lower = k + 1; i > 0; --i) {
    while (k >= lower && cross(hull[k - 1] - hull[k - 2], points[i - 1] - hull[k - 2]) <= 0.0) {
      --k;
    }
    hull[k++] = points[i - 1];
  }
  hull.resize(k - 1);
  return hull;
}

CityMesh build_city_mesh(const Network& network, const CityStyle& style) {
  std::array<std::vector<CityVertex>, kCityLayerCount> layers;
  if (style.buildings) {
    build_buildings(network, style, layers[static_cast<std::size_t>(CityLayer::kBuilding)]);
  }
  build_sidewalks(network, layers[static_cast<std::size_t>(CityLayer::kSidewalk)]);
  build_junctions(network, layers[static_cast<std::size_t>(CityLayer::kJunction)]);
  build_asphalt(network, layers[static_cast<std::size_t>(CityLayer::kAsphalt)]);
  build_markings(network, style, layers[static_cast<std::size_t>(CityLayer::kMarking)]);
  build_stop_lines(network, style, layers[static_cast<std::size_t>(CityLayer::kStopLine)]);
  CityMesh mesh;
  for (std::size_t i = 0; i < kCityLayerCount; ++i) {
    mesh.layer_start[i] = static_cast<std::uint32_t>(mesh.vertices.size());
    mesh.vertices.insert(mesh.vertices.end(), layers[i].begin(), layers[i].end());
  }
  mesh.layer_start[kCityLayerCount] = static_cast<std::uint32_t>(mesh.vertices.size());
  return mesh;
}

}  // namespace citytwin::render
