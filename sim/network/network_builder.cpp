#include "sim/network/network_builder.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <tuple>
#include <unordered_set>
#include <utility>

#include "sim/network/pedestrian_assembly.hpp"
#include "sim/network/pedestrian_derivation.hpp"

namespace citytwin {

namespace {

constexpr double kStraightLimitDeg = 30.0;
constexpr double kUTurnLimitDeg = 150.0;
// A turn path is a cubic Bezier; 8 segments keep the polyline within centimetres of the curve
// for junction-sized radii while staying cheap to walk.
constexpr int kCurveSegments = 8;
constexpr std::uint32_t kMaxLanesPerLink = 0xFFFF;  // Lane::index_on_link is 16 bits

bool is_finite(Vec2 v) {
  return std::isfinite(v.x) && std::isfinite(v.y);
}

Vec2 unit_from_heading(double heading) {
  return {std::cos(heading), std::sin(heading)};
}

// The path through the junction box from the end of one lane (travelling `start_dir`) to the
// start of the next (travelling `end_dir`). Straight when the two are aligned with the chord,
// otherwise a cubic Bezier whose handles follow the lane directions, so the path leaves and
// joins both lanes tangentially.
std::vector<Vec2> junction_path(Vec2 start, Vec2 start_dir, Vec2 end, Vec2 end_dir) {
  const Vec2 chord = end - start;
  const double chord_length = length(chord);
  if (chord_length == 0.0) return {start, end};
  const Vec2 chord_dir = chord * (1.0 / chord_length);
  constexpr double kAligned = 1e-9;
  if (std::abs(cross(start_dir, chord_dir)) < kAligned &&
      std::abs(cross(end_dir, chord_dir)) < kAligned && dot(start_dir, chord_dir) > 0.0 &&
      dot(end_dir, chord_dir) > 0.0) {
    return {start, end};
  }
  const double handle = chord_length / 3.0;
  const Vec2 c1 = start + start_dir * handle;
  const Vec2 c2 = end - end_dir * handle;
  std::vector<Vec2> path;
  path.reserve(kCurveSegments + 1);
  for (int k = 0; k <= kCurveSegments; ++k) {
    const double t = static_cast<double>(k) / kCurveSegments;
    const double u = 1.0 - t;
    path.push_back(start * (u * u * u) + c1 * (3.0 * u * u * t) + c2 * (3.0 * u * t * t) +
                   end * (t * t * t));
  }
  path.front() = start;  // exact end points, so lane ends and path ends coincide bit for bit
  path.back() = end;
  return path;
}

[[noreturn]] void fail(const std::string& message) {
  throw NetworkError("network: " + message);
}

std::string quoted(const std::string& name) {
  return "'" + name + "'";
}

}  // namespace

Turn classify_turn(Vec2 in_dir, Vec2 out_dir) {
  if (length(in_dir) == 0.0 || length(out_dir) == 0.0) return Turn::kStraight;
  const double angle_deg =
      std::atan2(cross(in_dir, out_dir), dot(in_dir, out_dir)) * 180.0 / std::numbers::pi;
  if (std::abs(angle_deg) <= kStraightLimitDeg) return Turn::kStraight;
  if (std::abs(angle_deg) >= kUTurnLimitDeg) return Turn::kUTurn;
  return angle_deg > 0.0 ? Turn::kLeft : Turn::kRight;
}

NodeId NetworkBuilder::add_node(std::string name, Vec2 position, NodeControl control) {
  nodes_.push_back({std::move(name), position, control});
  return static_cast<NodeId>(nodes_.size() - 1);
}

LinkId NetworkBuilder::add_link(std::string name, NodeId from, NodeId to, std::uint32_t lane_count,
                                double speed_limit, std::span<const Vec2> centre_shape,
                                double lane_width) {
  links_.push_back({std::move(name), from, to, lane_count, speed_limit,
                    std::vector<Vec2>(centre_shape.begin(), centre_shape.end()), lane_width,
                    static_cast<LaneId>(lane_total_)});
  lane_total_ += lane_count;
  return static_cast<LinkId>(links_.size() - 1);
}

LaneId NetworkBuilder::lane(LinkId link, std::uint32_t index_on_link) const {
  if (link >= links_.size()) fail("lane of unknown link id " + std::to_string(link));
  const LinkSpec& spec = links_[link];
  if (index_on_link >= spec.lane_count) {
    fail("link " + quoted(spec.name) + " has " + std::to_string(spec.lane_count) +
         " lanes, no lane " + std::to_string(index_on_link));
  }
  return spec.first_lane + index_on_link;
}

std::size_t NetworkBuilder::add_connection(LaneId from_lane, LaneId to_lane, Turn turn,
                                           SignalGroupId signal_group, double speed_limit) {
  if (!(speed_limit >= 0.0) || !std::isfinite(speed_limit)) {
    fail("connection " + std::to_string(connections_.size()) + " has speed limit " +
         std::to_string(speed_limit) + " m/s; expected a finite value >= 0 (0: none)");
  }
  connections_.push_back({from_lane, to_lane, turn, signal_group, speed_limit});
  return connections_.size() - 1;
}

void NetworkBuilder::set_right_of_way_from_source(NodeId node) {
  right_of_way_nodes_.push_back(node);
}

void NetworkBuilder::add_foe(std::size_t connection, std::size_t other, bool yields) {
  foes_.push_back({connection, other, yields});
}

void NetworkBuilder::set_stop_first(std::size_t connection) {
  if (connection >= connections_.size()) {
    fail("stop sign on unknown connection " + std::to_string(connection));
  }
  connections_[connection].stop_first = true;
}

SignalGroupId NetworkBuilder::add_signal_group(NodeId node, std::string name, std::uint8_t stage,
                                               bool every_stage) {
  signal_groups_.push_back({std::move(name), node, stage, every_stage});
  return static_cast<SignalGroupId>(signal_groups_.size() - 1);
}

void NetworkBuilder::set_link_length(LinkId link, double length) {
  if (link >= links_.size()) fail("length of unknown link id " + std::to_string(link));
  if (!(length > 0.0) || !std::isfinite(length)) {
    fail("link " + quoted(links_[link].name) + ": length must be a positive number");
  }
  links_[link].length = length;
}

void NetworkBuilder::set_lane_speed_limit(LaneId lane, double speed_limit) {
  if (lane >= lane_total_) fail("speed limit of unknown lane id " + std::to_string(lane));
  lane_speed_limits_.emplace_back(lane, speed_limit);
}

void NetworkBuilder::set_lane_road_classes(LaneId lane, RoadClasses classes) {
  if (lane >= lane_total_) fail("road classes of unknown lane id " + std::to_string(lane));
  lane_road_classes_.emplace_back(lane, classes);
}

SignalProgramId NetworkBuilder::add_signal_program(NodeId node, std::string name, double offset,
                                                   std::vector<ProgramPhase> phases,
                                                   std::optional<SignalActuation> actuation) {
  programs_.push_back({std::move(name), node, offset, std::move(phases), actuation});
  return static_cast<SignalProgramId>(programs_.size() - 1);
}

void NetworkBuilder::validate_signal_programs() const {
  std::vector<std::uint32_t> groups_of_node(nodes_.size(), 0);
  for (const SignalGroupSpec& group : signal_groups_) ++groups_of_node[group.node];
  std::vector<bool> has_program(nodes_.size(), false);
  for (const ProgramSpec& program : programs_) {
    const std::string what = "signal program " + quoted(program.name);
    if (program.node >= nodes_.size()) {
      fail(what + " is on unknown node id " + std::to_string(program.node));
    }
    const NodeSpec& node = nodes_[program.node];
    if (node.control != NodeControl::kSignal) {
      fail(what + " is on node " + quoted(node.name) + ", which is not a signal node");
    }
    if (has_program[program.node]) fail("node " + quoted(node.name) + " has two signal programs");
    has_program[program.node] = true;
    if (!std::isfinite(program.offset)) fail(what + " has a non-finite offset");
    if (program.phases.empty()) fail(what + " has no phases");
    double cycle = 0.0;
    for (std::size_t k = 0; k < program.phases.size(); ++k) {
      const ProgramPhase& phase = program.phases[k];
      const std::string phase_what = what + " phase " + std::to_string(k);
      if (!(phase.duration >= 0.0) || !std::isfinite(phase.duration)) {
        fail(phase_what + " has a negative or non-finite duration");
      }
      if (program.actuation && phase.min_duration >= 0.0 && phase.max_duration >= 0.0 &&
          !(phase.min_duration <= phase.max_duration && std::isfinite(phase.max_duration))) {
        fail(phase_what + " has a minimum duration above its maximum (or a non-finite one)");
      }
      if (phase.states.size() != groups_of_node[program.node]) {
        fail(phase_what + " gives " + std::to_string(phase.states.size()) +
             " signal states, node " + quoted(node.name) + " has " +
             std::to_string(groups_of_node[program.node]) + " signal groups");
      }
      cycle += phase.duration;
    }
    if (!(cycle > 0.0)) fail(what + " has a cycle of zero length");
  }
}

void NetworkBuilder::add_signal_programs(Network& net) const {
  for (const ProgramSpec& spec : programs_) {
    SignalProgram program;
    program.name = spec.name;
    program.node = spec.node;
    program.offset = spec.offset;
    program.first_phase = static_cast<std::uint32_t>(net.program_phases_.size());
    program.phase_count = static_cast<std::uint32_t>(spec.phases.size());
    program.actuated = spec.actuation.has_value();
    if (spec.actuation) program.actuation = *spec.actuation;
    for (const ProgramPhase& phase : spec.phases) {
      SignalProgramPhase built;
      built.duration = phase.duration;
      built.first_state = static_cast<std::uint32_t>(net.program_states_.size());
      // Fixed-time programs, and actuated phases without a range of their own, last `duration`.
      const bool ranged = spec.actuation && phase.min_duration >= 0.0;
      built.min_duration = ranged ? phase.min_duration : phase.duration;
      built.max_duration =
          ranged ? std::max(phase.min_duration, phase.max_duration) : phase.duration;
      net.program_phases_.push_back(built);
      net.program_states_.insert(net.program_states_.end(), phase.states.begin(),
                                 phase.states.end());
      program.cycle += phase.duration;
    }
    net.nodes_[spec.node].program = static_cast<SignalProgramId>(net.signal_programs_.size());
    net.signal_programs_.push_back(std::move(program));
  }
}

void NetworkBuilder::validate_nodes() const {
  std::unordered_set<std::string> names;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const NodeSpec& node = nodes_[i];
    if (node.name.empty()) fail("node " + std::to_string(i) + " has an empty name");
    if (!names.insert(node.name).second) fail("duplicate node name " + quoted(node.name));
    if (!is_finite(node.position)) fail("node " + quoted(node.name) + " has a non-finite position");
  }
}

void NetworkBuilder::validate_links() const {
  std::unordered_set<std::string> names;
  for (std::size_t i = 0; i < links_.size(); ++i) {
    const LinkSpec& link = links_[i];
    if (link.name.empty()) fail("link " + std::to_string(i) + " has an empty name");
    const std::string what = "link " + quoted(link.name);
    if (!names.insert(link.name).second) fail("duplicate link name " + quoted(link.name));
    if (link.from >= nodes_.size())
      fail(what + " starts at unknown node id " + std::to_string(link.from));
    if (link.to >= nodes_.size())
      fail(what + " ends at unknown node id " + std::to_string(link.to));
    if (link.from == link.to)
      fail(what + " starts and ends at node " + quoted(nodes_[link.from].name));
    if (link.lane_count == 0) fail(what + " has no lanes");
    if (link.lane_count > kMaxLanesPerLink) fail(what + " has too many lanes");
    if (!(link.speed_limit > 0.0) || !std::isfinite(link.speed_limit)) {
      fail(what + " has a non-positive speed limit");
    }
    if (!(link.lane_width > 0.0) || !std::isfinite(link.lane_width)) {
      fail(what + " has a non-positive lane width");
    }
    if (link.centre_shape.size() == 1) fail(what + " has a shape of a single point");
    if (!std::all_of(link.centre_shape.begin(), link.centre_shape.end(), is_finite)) {
      fail(what + " has a non-finite shape point");
    }
  }
  if (lane_total_ >= kNoId) fail("too many lanes in total");
}

void NetworkBuilder::validate_signal_groups() const {
  std::unordered_set<std::string> names;  // "node\0group": names are unique per node
  for (const SignalGroupSpec& group : signal_groups_) {
    const std::string what = "signal group " + quoted(group.name);
    if (group.name.empty()) fail("a signal group has an empty name");
    if (group.node >= nodes_.size())
      fail(what + " is on unknown node id " + std::to_string(group.node));
    const NodeSpec& node = nodes_[group.node];
    if (node.control != NodeControl::kSignal) {
      fail(what + " is on node " + quoted(node.name) + ", which is not a signal node");
    }
    if (!names.insert(node.name + '\0' + group.name).second) {
      fail("duplicate " + what + " on node " + quoted(node.name));
    }
  }
}

void NetworkBuilder::add_link_geometry(Network& net) const {
  net.links_.reserve(links_.size());
  net.lanes_.reserve(lane_total_);
  for (std::size_t id = 0; id < links_.size(); ++id) {
    const LinkSpec& spec = links_[id];
    std::vector<Vec2> centre = spec.centre_shape;
    if (centre.empty()) centre = {nodes_[spec.from].position, nodes_[spec.to].position};
    const double centre_length = polyline_length(centre);
    if (!(centre_length > 0.0)) fail("link " + quoted(spec.name) + " has zero length");

    Link link;
    link.name = spec.name;
    link.from = spec.from;
    link.to = spec.to;
    link.first_lane = spec.first_lane;
    link.lane_count = static_cast<std::uint16_t>(spec.lane_count);
    link.length = spec.length > 0.0 ? spec.length : centre_length;
    link.speed_limit = spec.speed_limit;
    link.first_point = static_cast<std::uint32_t>(net.points_.size());
    link.point_count = static_cast<std::uint32_t>(centre.size());
    net.points_.insert(net.points_.end(), centre.begin(), centre.end());
    net.links_.push_back(std::move(link));

    std::vector<Vec2> lane_shape(centre.size());
    for (std::uint32_t i = 0; i < spec.lane_count; ++i) {
      const double offset = (static_cast<double>(spec.lane_count - i) - 0.5) * spec.lane_width;
      offset_polyline(centre, offset, lane_shape);
      Lane lane;
      lane.link = static_cast<LinkId>(id);
      lane.index_on_link = static_cast<std::uint16_t>(i);
      lane.length = spec.length > 0.0 ? spec.length : polyline_length(lane_shape);
      lane.speed_limit = spec.speed_limit;
      lane.width = spec.lane_width;
      lane.first_point = static_cast<std::uint32_t>(net.points_.size());
      lane.point_count = static_cast<std::uint32_t>(lane_shape.size());
      if (!(lane.length > 0.0) || !std::isfinite(lane.length)) {
        fail("lane " + std::to_string(i) + " of link " + quoted(spec.name) + " has no geometry");
      }
      net.points_.insert(net.points_.end(), lane_shape.begin(), lane_shape.end());
      net.lanes_.push_back(lane);
    }
  }
}

std::string NetworkBuilder::describe_lane(LaneId lane) const {
  const auto after = std::upper_bound(links_.begin(), links_.end(), lane,
                                      [](LaneId l, const LinkSpec& s) { return l < s.first_lane; });
  const LinkSpec& link = *std::prev(after);
  return "lane " + std::to_string(lane - link.first_lane) + " of " + quoted(link.name);
}

std::string NetworkBuilder::describe_connection(const ConnectionSpec& c) const {
  return "connection from " + describe_lane(c.from_lane) + " to " + describe_lane(c.to_lane);
}

void NetworkBuilder::add_connections(Network& net, std::vector<ConnectionId>& built_id) const {
  for (std::size_t k = 0; k < connections_.size(); ++k) {
    const ConnectionSpec& spec = connections_[k];
    for (LaneId lane : {spec.from_lane, spec.to_lane}) {
      if (lane >= net.lanes_.size()) {
        fail("connection " + std::to_string(k) + " uses unknown lane id " + std::to_string(lane) +
             " (the network has " + std::to_string(net.lanes_.size()) + " lanes)");
      }
    }
  }

  std::vector<std::size_t> order(connections_.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(connections_[a].from_lane, connections_[a].to_lane) <
           std::tie(connections_[b].from_lane, connections_[b].to_lane);
  });
  std::vector<ConnectionSpec> sorted;
  sorted.reserve(order.size());
  built_id.assign(order.size(), kNoId);
  for (std::size_t k = 0; k < order.size(); ++k) {
    sorted.push_back(connections_[order[k]]);
    built_id[order[k]] = static_cast<ConnectionId>(k);
  }

  net.connections_.reserve(sorted.size());
  for (std::size_t k = 0; k < sorted.size(); ++k) {
    const ConnectionSpec& spec = sorted[k];
    const std::string what = describe_connection(spec);
    if (k > 0 && sorted[k - 1].from_lane == spec.from_lane &&
        sorted[k - 1].to_lane == spec.to_lane) {
      fail("duplicate " + what);
    }
    const Link& in = net.links_[net.lanes_[spec.from_lane].link];
    const Link& out = net.links_[net.lanes_[spec.to_lane].link];
    if (in.to != out.from) {
      fail(what + ": " + quoted(in.name) + " ends at node " + quoted(nodes_[in.to].name) + " but " +
           quoted(out.name) + " starts at node " + quoted(nodes_[out.from].name));
    }
    const NodeId node = in.to;
    if (spec.signal_group != kNoId) {
      if (spec.signal_group >= signal_groups_.size()) {
        fail(what + " uses unknown signal group id " + std::to_string(spec.signal_group));
      }
      const SignalGroupSpec& group = signal_groups_[spec.signal_group];
      if (group.node != node) {
        fail(what + " at node " + quoted(nodes_[node].name) + " uses signal group " +
             quoted(group.name) + " of node " + quoted(nodes_[group.node].name));
      }
    } else if (nodes_[node].control == NodeControl::kSignal) {
      fail(what + " at signal node " + quoted(nodes_[node].name) + " has no signal group");
    }

    const auto from_shape = net.lane_shape(spec.from_lane);
    const auto to_shape = net.lane_shape(spec.to_lane);
    const PointOnLine start = point_at(from_shape, net.lanes_[spec.from_lane].length);
    const PointOnLine end = point_at(to_shape, 0.0);
    const std::vector<Vec2> path = junction_path(start.position, unit_from_heading(start.heading),
                                                 end.position, unit_from_heading(end.heading));
    Connection connection;
    connection.from_lane = spec.from_lane;
    connection.to_lane = spec.to_lane;
    connection.node = node;
    connection.turn = spec.turn;
    connection.signal_group = spec.signal_group;
    connection.length = polyline_length(path);
    connection.speed_limit = spec.speed_limit;
    connection.stop_first = spec.stop_first || nodes_[node].control == NodeControl::kAllWayStop;
    connection.first_point = static_cast<std::uint32_t>(net.points_.size());
    connection.point_count = static_cast<std::uint32_t>(path.size());
    net.points_.insert(net.points_.end(), path.begin(), path.end());
    net.connections_.push_back(connection);
  }

  // CSR over from_lane: connections are sorted, so each lane's block is one contiguous range.
  // Lanes without connections get an empty range at the position where theirs would be.
  std::size_t cursor = 0;
  for (LaneId lane = 0; lane < net.lanes_.size(); ++lane) {
    net.lanes_[lane].first_connection = static_cast<ConnectionId>(cursor);
    while (cursor < net.connections_.size() && net.connections_[cursor].from_lane == lane) ++cursor;
    net.lanes_[lane].connection_count =
        static_cast<std::uint32_t>(cursor - net.lanes_[lane].first_connection);
  }
  for (ConnectionId id = 0; id < net.connections_.size(); ++id) {
    const SignalGroupId group = net.connections_[id].signal_group;
    if (group != kNoId) net.signal_groups_[group].connections.push_back(id);  // ascending ids
  }
}

// The source's right-of-way, per built connection and ordered by foe id (the consumers walk it in
// that order, which keeps runs reproducible).
void NetworkBuilder::add_right_of_way(Network& net,
                                      const std::vector<ConnectionId>& built_id) const {
  if (right_of_way_nodes_.empty()) return;
  for (NodeId node : right_of_way_nodes_) {
    if (node >= net.nodes_.size()) fail("right-of-way of unknown node id " + std::to_string(node));
    net.nodes_[node].right_of_way_from_source = true;
  }
  std::vector<std::pair<ConnectionId, ConnectionFoe>> rows;
  rows.reserve(foes_.size());
  for (const FoeSpec& f : foes_) {
    if (f.connection >= built_id.size() || f.other >= built_id.size()) {
      fail("right-of-way between unknown connections " + std::to_string(f.connection) + " and " +
           std::to_string(f.other));
    }
    const ConnectionId a = built_id[f.connection];
    const ConnectionId b = built_id[f.other];
    const NodeId node = net.connections_[a].node;
    if (a == b || node != net.connections_[b].node || !net.nodes_[node].right_of_way_from_source) {
      fail("right-of-way between " + describe_connection(connections_[f.connection]) + " and " +
           describe_connection(connections_[f.other]) +
           ": two different connections of one node with a source right-of-way");
    }
    rows.push_back({a, {b, f.yields}});
  }
  std::sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) {
    return std::tie(x.first, x.second.other) < std::tie(y.first, y.second.other);
  });
  net.foe_begin_.assign(net.connections_.size() + 1, 0);
  for (const auto& row : rows) ++net.foe_begin_[row.first + 1];
  for (std::size_t c = 0; c < net.connections_.size(); ++c) {
    net.foe_begin_[c + 1] += net.foe_begin_[c];
  }
  net.foes_.reserve(rows.size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    if (k > 0 && rows[k - 1].first == rows[k].first &&
        rows[k - 1].second.other == rows[k].second.other) {
      fail("right-of-way given twice for one pair of connections");
    }
    net.foes_.push_back(rows[k].second);
  }
}

Network NetworkBuilder::build() const {
  validate_nodes();
  validate_links();
  validate_signal_groups();
  validate_signal_programs();

  Network net;
  net.nodes_.reserve(nodes_.size());
  for (const NodeSpec& spec : nodes_) {
    Node node;
    node.name = spec.name;
    node.position = spec.position;
    node.control = spec.control;
    net.nodes_.push_back(std::move(node));
  }
  add_link_geometry(net);
  for (LinkId id = 0; id < net.links_.size(); ++id) {  // ascending, so the lists come out sorted
    net.nodes_[net.links_[id].from].outgoing.push_back(id);
    net.nodes_[net.links_[id].to].incoming.push_back(id);
  }
  for (SignalGroupId id = 0; id < signal_groups_.size(); ++id) {
    SignalGroup group;
    group.name = signal_groups_[id].name;
    group.node = signal_groups_[id].node;
    group.stage = signal_groups_[id].stage;
    group.every_stage = signal_groups_[id].every_stage;
    net.signal_groups_.push_back(std::move(group));
    net.nodes_[signal_groups_[id].node].signal_groups.push_back(id);
  }
  std::vector<ConnectionId> built_id;
  add_connections(net, built_id);
  add_right_of_way(net, built_id);
  add_signal_programs(net);
  for (const auto& [lane, speed_limit] : lane_speed_limits_) {
    if (!(speed_limit > 0.0) || !std::isfinite(speed_limit)) {
      fail(describe_lane(lane) + ": speed limit must be a positive number");
    }
    net.lanes_[lane].speed_limit = speed_limit;
  }
  for (const auto& [lane, classes] : lane_road_classes_) {
    net.lanes_[lane].road_classes = classes & kAllRoadClasses;
  }

  // Bounding box over node positions and every shape point (lanes stick out beyond node positions).
  bool first = true;
  auto extend = [&](Vec2 p) {
    if (first) {
      net.min_corner_ = net.max_corner_ = p;
      first = false;
    }
    net.min_corner_ = {std::min(net.min_corner_.x, p.x), std::min(net.min_corner_.y, p.y)};
    net.max_corner_ = {std::max(net.max_corner_.x, p.x), std::max(net.max_corner_.y, p.y)};
  };
  for (const Node& node : net.nodes_) extend(node.position);
  for (const Vec2& p : net.points_) extend(p);

  // The pedestrian layer reads the finished road graph (connection paths, signal groups and
  // programs) and does not widen the bounding box: sidewalks lie a few metres beside the lanes.
  net.pedestrians_ = pedestrians_ ? assemble_pedestrian_network(net, *pedestrians_)
                                  : assemble_pedestrian_network(
                                        net, derive_pedestrian_spec(net, pedestrian_dimensions_));
  return net;
}

}  // namespace citytwin
