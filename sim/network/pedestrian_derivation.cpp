#include "sim/network/pedestrian_derivation.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace citytwin {
namespace {

Vec2 start_direction(std::span<const Vec2> p) {
  for (std::size_t i = 1; i < p.size(); ++i) {
    if (length(p[i] - p[0]) > 0.0) return normalized(p[i] - p[0]);
  }
  return {1.0, 0.0};
}

Vec2 end_direction(std::span<const Vec2> p) {
  for (std::size_t i = p.size() - 1; i > 0; --i) {
    if (length(p.back() - p[i - 1]) > 0.0) return normalized(p.back() - p[i - 1]);
  }
  return {1.0, 0.0};
}

// Convex hull, counter-clockwise (Andrew's monotone chain); deterministic for a given point set.
std::vector<Vec2> hull(std::vector<Vec2> points) {
  std::sort(points.begin(), points.end(),
            [](Vec2 a, Vec2 b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  points.erase(std::unique(points.begin(), points.end()), points.end());
  if (points.size() < 3) return points;
  std::vector<Vec2> h(2 * points.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    while (k >= 2 && cross(h[k - 1] - h[k - 2], points[i] - h[k - 2]) <= 0.0) --k;
    h[k++] = points[i];
  }
  for (std::size_t i = points.size() - 1, lower = k + 1; i > 0; --i) {
    while (k >= lower && cross(h[k - 1] - h[k - 2], points[i - 1] - h[k - 2]) <= 0.0) --k;
    h[k++] = points[i - 1];
  }
  h.resize(k - 1);
  return h;
}

struct Arm {
  NodeId neighbour = kNoId;
  double angle = 0.0;  // of the direction away from the node
  LinkId in = kNoId;   // lowest-id link arriving from the neighbour
  LinkId out = kNoId;  // lowest-id link leaving towards it
  std::vector<LinkId> links;
};

class Deriver {
 public:
  Deriver(const Network& roads, const PedestrianDimensions& dims) : roads_(roads), dims_(dims) {}

  PedestrianSpec run() {
    for (const Link& link : roads_.links()) {
      directed_.insert(static_cast<std::uint64_t>(link.from) << 32 | link.to);
    }
    arm_of_link_end_.assign(roads_.links().size() * 2, kNoId);
    corner_base_.assign(roads_.nodes().size(), kNoId);
    corner_count_.assign(roads_.nodes().size(), 0);
    outlines_.clear();
    for (NodeId n = 0; n < roads_.nodes().size(); ++n) plan_corners(n);
    for (LinkId l = 0; l < roads_.links().size(); ++l) add_sidewalks(l);
    for (NodeId n = 0; n < roads_.nodes().size(); ++n) add_crosswalks(n);
    for (std::size_t a = 0; a < spec_.walking_areas.size(); ++a) {
      spec_.walking_areas[a].outline = hull(std::move(outlines_[a]));
    }
    return std::move(spec_);
  }

 private:
  bool one_way(const Link& link) const {
    return !directed_.contains(static_cast<std::uint64_t>(link.to) << 32 | link.from);
  }

  // The node's arms, counter-clockwise; records each link end's arm index.
  std::vector<Arm> arms_of(NodeId n) {
    const Node& node = roads_.node(n);
    std::vector<Arm> arms;
    auto arm_for = [&](NodeId neighbour) -> Arm& {
      for (Arm& arm : arms) {
        if (arm.neighbour == neighbour) return arm;
      }
      arms.emplace_back().neighbour = neighbour;
      return arms.back();
    };
    for (const LinkId l : node.incoming) {
      Arm& arm = arm_for(roads_.link(l).from);
      if (arm.in == kNoId) arm.in = l;
      arm.links.push_back(l);
    }
    for (const LinkId l : node.outgoing) {
      Arm& arm = arm_for(roads_.link(l).to);
      if (arm.out == kNoId) arm.out = l;
      arm.links.push_back(l);
    }
    for (Arm& arm : arms) {
      const Vec2 away = arm.out != kNoId ? start_direction(roads_.link_shape(arm.out))
                                         : end_direction(roads_.link_shape(arm.in)) * -1.0;
      arm.angle = std::atan2(away.y, away.x);
      std::sort(arm.links.begin(), arm.links.end());
    }
    std::sort(arms.begin(), arms.end(), [](const Arm& a, const Arm& b) {
      return a.angle < b.angle || (a.angle == b.angle && a.neighbour < b.neighbour);
    });
    return arms;
  }

  void plan_corners(NodeId n) {
    if (roads_.node(n).control == NodeControl::kBoundary) return;
    const std::vector<Arm> arms = arms_of(n);
    if (arms.empty()) return;
    corner_base_[n] = static_cast<WalkingAreaId>(spec_.walking_areas.size());
    corner_count_[n] = static_cast<std::uint32_t>(arms.size());
    for (std::size_t i = 0; i < arms.size(); ++i) {
      for (const LinkId l : arms[i].links) {
        const bool ends_here = roads_.link(l).to == n;
        arm_of_link_end_[2 * l + (ends_here ? 1 : 0)] = static_cast<std::uint32_t>(i);
      }
    }
    for (std::size_t i = 0; i < arms.size(); ++i) {
      spec_.walking_areas.push_back({n, {}});
      outlines_.emplace_back();
    }
  }

  // Corner `arm + step` (mod arm count) of node n, kNoId at boundary nodes.
  WalkingAreaId corner(NodeId n, std::uint32_t arm, int step) const {
    if (corner_base_[n] == kNoId) return kNoId;
    const auto count = static_cast<std::int64_t>(corner_count_[n]);
    const auto k = ((static_cast<std::int64_t>(arm) + step) % count + count) % count;
    return corner_base_[n] + static_cast<WalkingAreaId>(k);
  }

  void add_outline(WalkingAreaId area, std::initializer_list<Vec2> points) {
    if (area == kNoId) return;
    outlines_[area].insert(outlines_[area].end(), points.begin(), points.end());
  }

  // Corners, seen from the node: the arm's counter-clockwise corner is `arm`, its clockwise one
  // `arm - 1`. A link arriving has its right side on the counter-clockwise side of its arm, a link
  // leaving on the clockwise side; left sides the other way round.
  void add_sidewalks(LinkId l) {
    const Link& link = roads_.link(l);
    const std::uint32_t arm_at_from = arm_of_link_end_[2 * l];
    const std::uint32_t arm_at_to = arm_of_link_end_[2 * l + 1];
    const double w = dims_.sidewalk_width;
    auto add = [&](LinkSide side) {
      const bool right = side == LinkSide::kRight;
      const LaneId lane = right ? link.first_lane : link.first_lane + link.lane_count - 1;
      const auto lane_shape = roads_.lane_shape(lane);
      const double half_lane = roads_.lane(lane).width * 0.5;
      PedestrianSpec::SidewalkSpec s;
      s.link = l;
      s.side = side;
      s.width = w;
      s.shape.resize(lane_shape.size());
      offset_polyline(lane_shape, (right ? 1.0 : -1.0) * (half_lane + w * 0.5), s.shape);
      s.from_area = corner(link.from, arm_at_from, right ? -1 : 0);
      s.to_area = corner(link.to, arm_at_to, right ? 0 : -1);
      const Vec2 across_start = right_normal(start_direction(s.shape)) * (w * 0.5);
      const Vec2 across_end = right_normal(end_direction(s.shape)) * (w * 0.5);
      add_outline(s.from_area, {s.shape.front() - across_start, s.shape.front() + across_start});
      add_outline(s.to_area, {s.shape.back() - across_end, s.shape.back() + across_end});
      spec_.sidewalks.push_back(std::move(s));
    };
    add(LinkSide::kRight);
    if (one_way(link)) add(LinkSide::kLeft);
  }

  // Kerb point of a link end, moved `crosswalk_setback` into the junction. `at_end`: the link
  // arrives at the junction (its lanes' ends), else it leaves (its lanes' starts).
  Vec2 kerb(LinkId l, bool at_end, LinkSide side) const {
    const Link& link = roads_.link(l);
    const bool right = side == LinkSide::kRight;
    const LaneId lane = right ? link.first_lane : link.first_lane + link.lane_count - 1;
    const auto shape = roads_.lane_shape(lane);
    const Vec2 dir = at_end ? end_direction(shape) : start_direction(shape);
    const Vec2 edge = (at_end ? shape.back() : shape.front()) +
                      right_normal(dir) * ((right ? 0.5 : -0.5) * roads_.lane(lane).width);
    return edge + dir * ((at_end ? 1.0 : -1.0) * dims_.crosswalk_setback);
  }

  void add_crosswalks(NodeId n) {
    if (corner_base_[n] == kNoId || corner_count_[n] < 2) return;
    const std::vector<Arm> arms = arms_of(n);
    for (std::uint32_t i = 0; i < arms.size(); ++i) {
      const Arm& arm = arms[i];
      const Vec2 clockwise = arm.out != kNoId ? kerb(arm.out, false, LinkSide::kRight)
                                              : kerb(arm.in, true, LinkSide::kLeft);
      const Vec2 counter = arm.in != kNoId ? kerb(arm.in, true, LinkSide::kRight)
                                           : kerb(arm.out, false, LinkSide::kLeft);
      PedestrianSpec::CrosswalkSpec c;
      c.node = n;
      c.crossed_links = arm.links;
      c.width = dims_.crosswalk_width;
      c.shape = {clockwise, counter};
      c.from_area = corner(n, i, -1);
      c.to_area = corner(n, i, 0);
      const Vec2 half =
          normalized(Vec2{counter.y - clockwise.y, clockwise.x - counter.x}) * (c.width * 0.5);
      add_outline(c.from_area, {clockwise - half, clockwise + half});
      add_outline(c.to_area, {counter - half, counter + half});
      spec_.crosswalks.push_back(std::move(c));
    }
  }

  const Network& roads_;
  const PedestrianDimensions& dims_;
  PedestrianSpec spec_;
  std::unordered_set<std::uint64_t> directed_;
  std::vector<std::uint32_t> arm_of_link_end_;  // [2 * link + (0 at from, 1 at to)]
  std::vector<WalkingAreaId> corner_base_;
  std::vector<std::uint32_t> corner_count_;
  std::vector<std::vector<Vec2>> outlines_;
};

}  // namespace

PedestrianSpec derive_pedestrian_spec(const Network& roads, const PedestrianDimensions& dims) {
  return Deriver(roads, dims).run();
}

}  // namespace citytwin
