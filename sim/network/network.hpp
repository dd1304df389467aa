#pragma once
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/network/geometry.hpp"
#include "sim/network/network_ids.hpp"
#include "sim/network/pedestrian_network.hpp"
#include "sim/network/road_class.hpp"
#include "sim/network/signal_state.hpp"

namespace citytwin {

// Indices into the Network's arrays. Links between network elements are indices, never pointers.
using NodeId = std::uint32_t;
using LinkId = std::uint32_t;
using LaneId = std::uint32_t;
using ConnectionId = std::uint32_t;
using SignalGroupId = std::uint32_t;
using SignalProgramId = std::uint32_t;

enum class NodeControl : std::uint8_t {
  kBoundary,    // network edge: vehicles enter and leave here
  kPriority,    // unsignalised: major road has priority, minor yields with gap acceptance
  kAllWayStop,  // unsignalised, first come first served
  kSignal,      // signalised: connections carry signal groups
};

// "boundary", "priority", "all-way stop", "signal" (inspector, reports).
constexpr std::string_view node_control_name(NodeControl control) {
  switch (control) {
    case NodeControl::kBoundary:
      return "boundary";
    case NodeControl::kPriority:
      return "priority";
    case NodeControl::kAllWayStop:
      return "all-way stop";
    case NodeControl::kSignal:
      return "signal";
  }
  return "unknown";
}

enum class Turn : std::uint8_t { kStraight, kLeft, kRight, kUTurn };

struct Node {
  std::string name;
  Vec2 position;
  NodeControl control = NodeControl::kPriority;
  std::vector<LinkId> incoming;              // sorted by id
  std::vector<LinkId> outgoing;              // sorted by id
  std::vector<SignalGroupId> signal_groups;  // empty unless kSignal
  SignalProgramId program = kNoId;           // the plan that came with the network, if any
  // Who gives way to whom here came with the source network (SUMO's <request> table):
  // Network::right_of_way lists each connection's foes, and citytwin's geometric rules are off.
  bool right_of_way_from_source = false;
};

struct Link {
  std::string name;
  NodeId from = kNoId;
  NodeId to = kNoId;
  LaneId first_lane =
      kNoId;  // lanes of a link are contiguous: first_lane .. first_lane+lane_count-1
  std::uint16_t lane_count = 0;
  double length = 0.0;            // metres, along the centre line
  double speed_limit = 0.0;       // m/s
  std::uint32_t first_point = 0;  // centre-line geometry in Network::points()
  std::uint32_t point_count = 0;
};

struct Lane {
  LinkId link = kNoId;
  std::uint16_t index_on_link = 0;  // 0 = rightmost lane
  double length = 0.0;              // metres
  double speed_limit = 0.0;         // m/s
  double width = 3.2;               // metres
  std::uint32_t first_point = 0;    // lane geometry in Network::points()
  std::uint32_t point_count = 0;
  ConnectionId first_connection = 0;  // outgoing connections are contiguous (sorted by from_lane)
  std::uint32_t connection_count = 0;
  RoadClasses road_classes = kAllRoadClasses;  // who may drive on it (road_class.hpp)
  bool allows(RoadClass c) const { return (road_classes & road_class_bit(c)) != 0; }
};

// A lane-level movement through a node: from the end of one lane to the start of another.
struct Connection {
  LaneId from_lane = kNoId;
  LaneId to_lane = kNoId;
  NodeId node = kNoId;
  Turn turn = Turn::kStraight;
  SignalGroupId signal_group = kNoId;  // kNoId on unsignalised nodes
  double length = 0.0;                 // path length through the junction box, metres
  // m/s through the junction when the source network sets one (SUMO's internal lanes: turning
  // speeds from the curve); 0 when it does not (the slower of the two lanes' limits then).
  double speed_limit = 0.0;
  // A stop sign or all-way stop: a vehicle halts at the line before it enters, then gives way as
  // the node's rules say (SUMO's connection states 's' and 'w'; every connection of a
  // kAllWayStop node).
  bool stop_first = false;
  std::uint32_t first_point = 0;  // path through the junction in Network::points()
  std::uint32_t point_count = 0;
};

// A movement that conflicts with a connection (their paths cross or merge), from a right-of-way
// table that came with the source network, and whether the connection gives way to it.
struct ConnectionFoe {
  ConnectionId other = kNoId;
  bool yields = false;
};

// A set of connections at one node that always show the same signal.
struct SignalGroup {
  std::string name;
  NodeId node = kNoId;
  // Stage of the node's default plan in which this group shows green (set by generators and
  // importers; fixed-time plans cycle through stages 0, 1, 2... of a node).
  std::uint8_t stage = 0;
  // Green in every stage of the default plan, through the others' amber and all-red: a movement
  // the junction's own program never stops (see stages_from_program). Its `stage` is then 0, the
  // stage its first green falls in, which is what the junction's conflict rules compare.
  bool every_stage = false;
  std::vector<ConnectionId> connections;
};

// One phase of a signal program: how long it lasts and what each signal group of the node shows.
struct SignalProgramPhase {
  double duration = 0.0;  // s (an actuated program: the first run of the phase at the start)
  // Actuated programs: the phase lasts between these, extended while its detectors see traffic
  // (equal to duration in fixed-time programs, and in phases that actuation does not stretch).
  double min_duration = 0.0;  // s
  double max_duration = 0.0;  // s
  std::uint32_t first_state =
      0;  // into Network::program_states(): one per node.signal_groups entry
};

// How an actuated program places and reads its loop detectors (SUMO <tlLogic type="actuated">
// parameters, with SUMO's documented defaults).
struct SignalActuation {
  double max_gap = 3.0;       // s: a gap this long at a phase's detectors ends the phase
  double detector_gap = 2.0;  // s of travel at the lane's speed limit from detector to stop line
  // s per vehicle; caps the detector distance (see ActuatedController). 2 s is the documented
  // default; SUMO 1.15's code uses 1.9 s (a loop 1 m farther for a 5 s minDur).
  double passing_time = 2.0;
};

// A plan that came with an imported network (SUMO tlLogic, CityFlow lightphases): the phases
// repeat in order; `offset` shifts the cycle start (time t shows the phase at t + offset). Fixed
// time unless `actuated`: then a phase with min_duration < max_duration lasts as long as its
// detectors keep seeing traffic (agents/signals/actuated_controller.hpp).
struct SignalProgram {
  std::string name;
  NodeId node = kNoId;
  double offset = 0.0;  // s
  double cycle = 0.0;   // s, sum of the phase durations (> 0)
  std::uint32_t first_phase = 0;
  std::uint32_t phase_count = 0;
  bool actuated = false;
  SignalActuation actuation;  // when actuated
};

// The road graph and its pedestrian layer. Immutable once built by NetworkBuilder; read
// concurrently by every system without locks.
class Network {
 public:
  std::span<const Node> nodes() const { return nodes_; }
  std::span<const Link> links() const { return links_; }
  std::span<const Lane> lanes() const { return lanes_; }
  std::span<const Connection> connections() const { return connections_; }
  std::span<const SignalGroup> signal_groups() const { return signal_groups_; }
  std::span<const SignalProgram> signal_programs() const { return signal_programs_; }
  // Sidewalks, crosswalks, walking areas, footpaths and the walking graph over them.
  const PedestrianNetwork& pedestrians() const { return pedestrians_; }

  const Node& node(NodeId id) const { return nodes_[id]; }
  const Link& link(LinkId id) const { return links_[id]; }
  const Lane& lane(LaneId id) const { return lanes_[id]; }
  const Connection& connection(ConnectionId id) const { return connections_[id]; }
  const SignalGroup& signal_group(SignalGroupId id) const { return signal_groups_[id]; }
  const SignalProgram& signal_program(SignalProgramId id) const { return signal_programs_[id]; }
  std::span<const SignalProgramPhase> program_phases(SignalProgramId id) const;
  // What the node's groups show in one phase, in node.signal_groups order.
  std::span<const SignalState> phase_states(const SignalProgram& program,
                                            std::uint32_t phase_index) const;

  std::span<const Vec2> link_shape(LinkId id) const;
  std::span<const Vec2> lane_shape(LaneId id) const;
  std::span<const Vec2> connection_shape(ConnectionId id) const;
  std::span<const Connection> connections_from(LaneId lane) const;
  // The source's right-of-way for a connection of a node with right_of_way_from_source (empty
  // elsewhere), ordered by foe id.
  std::span<const ConnectionFoe> right_of_way(ConnectionId id) const {
    if (foe_begin_.empty()) return {};
    return std::span<const ConnectionFoe>(foes_).subspan(foe_begin_[id],
                                                         foe_begin_[id + 1] - foe_begin_[id]);
  }
  // The lanes of a link, rightmost (index_on_link 0) first; their ids are link.first_lane + i.
  std::span<const Lane> lanes_of(LinkId id) const;

  // Lookup by name; kNoId when absent. Linear in the number of elements (use at load time only).
  NodeId find_node(std::string_view name) const;
  LinkId find_link(std::string_view name) const;

  // Bounding box of all geometry.
  Vec2 min_corner() const { return min_corner_; }
  Vec2 max_corner() const { return max_corner_; }
  double total_lane_length() const;

 private:
  friend class NetworkBuilder;
  std::vector<Node> nodes_;
  std::vector<Link> links_;
  std::vector<Lane> lanes_;
  std::vector<Connection> connections_;
  std::vector<SignalGroup> signal_groups_;
  std::vector<SignalProgram> signal_programs_;
  std::vector<SignalProgramPhase> program_phases_;
  std::vector<SignalState> program_states_;
  std::vector<Vec2> points_;
  std::vector<std::uint32_t> foe_begin_;  // per connection into foes_ (empty: no table anywhere)
  std::vector<ConnectionFoe> foes_;
  PedestrianNetwork pedestrians_;
  Vec2 min_corner_;
  Vec2 max_corner_;
};

}  // namespace citytwin
