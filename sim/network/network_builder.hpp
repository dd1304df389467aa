#pragma once
// Assembles an immutable Network. Elements are recorded as they are added and everything is
// checked in build(), which reports the first problem found as a NetworkError naming the element
// (so a bad importer or generator fails with a message, never with a half-built network).
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/network/network.hpp"
#include "sim/network/pedestrian_spec.hpp"

namespace citytwin {

class NetworkError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Turn kind from the direction of travel into a node to the direction out of it, by the signed
// angle between them: within ±30° straight, beyond ±150° a U-turn, otherwise left
// (counter-clockwise) or right. Zero vectors count as straight.
Turn classify_turn(Vec2 in_dir, Vec2 out_dir);

class NetworkBuilder {
 public:
  static constexpr double kDefaultLaneWidth = 3.2;  // metres

  NodeId add_node(std::string name, Vec2 position, NodeControl control = NodeControl::kPriority);

  // A directed link with `lane_count` lanes. `centre_shape` is the road centre line in the
  // direction of travel (empty = straight from node to node); the lanes lie to its right
  // (right-hand traffic) so that the opposite link can share the same centre line without
  // overlapping: lane index_on_link i (0 = rightmost, at the kerb) is offset (lane_count - i - 0.5)
  // * lane_width.
  LinkId add_link(std::string name, NodeId from, NodeId to, std::uint32_t lane_count,
                  double speed_limit, std::span<const Vec2> centre_shape = {},
                  double lane_width = kDefaultLaneWidth);

  // The id lane `index_on_link` of `link` will have in the built network (lanes are numbered
  // link by link, in the order the links were added). Throws NetworkError when out of range.
  LaneId lane(LinkId link, std::uint32_t index_on_link) const;

  // A movement through the node where from_lane's link ends and to_lane's link starts. Its path is
  // a smooth curve from the end of one lane to the start of the other. Connections at kSignal nodes
  // must carry a signal group of that node; elsewhere they must carry none. Returns the
  // connection's number in the order added (built ids differ: see build()), for add_foe.
  // speed_limit: m/s through the junction, 0 for none (see Connection::speed_limit).
  std::size_t add_connection(LaneId from_lane, LaneId to_lane, Turn turn,
                             SignalGroupId signal_group = kNoId, double speed_limit = 0.0);

  // Importers: the source network's right-of-way at `node` (SUMO's <request> foes and
  // response) replaces citytwin's geometric conflict rules there. Connections are numbered as
  // add_connection returned; both must be at `node`. A pair not added does not conflict.
  void set_right_of_way_from_source(NodeId node);
  void add_foe(std::size_t connection, std::size_t other, bool yields);
  // Vehicles halt at the line before they enter this connection (a stop sign; see
  // Connection::stop_first). Connections of kAllWayStop nodes always do.
  void set_stop_first(std::size_t connection);

  // Only on kSignal nodes; names are unique per node. Connections join it via add_connection.
  SignalGroupId add_signal_group(NodeId node, std::string name, std::uint8_t stage = 0,
                                 bool every_stage = false);

  // Importers: the length the source states for a link (SUMO lane `length`, CityFlow road length)
  // instead of the length of its drawn shape; every lane of the link gets it. Must be > 0.
  void set_link_length(LinkId link, double length);
  // Importers: a lane's own speed limit (m/s), where it differs from its link's.
  void set_lane_speed_limit(LaneId lane, double speed_limit);
  // Importers: the road classes allowed on a lane (all by default; none: closed to every vehicle
  // citytwin has, e.g. a taxi lane).
  void set_lane_road_classes(LaneId lane, RoadClasses classes);

  struct ProgramPhase {
    double duration = 0.0;            // s, >= 0 (a zero-length phase is skipped)
    std::vector<SignalState> states;  // one per signal group of the node, in the order added
    // Actuated programs only: the phase's range (negative: the duration, a fixed phase).
    double min_duration = -1.0;  // s
    double max_duration = -1.0;  // s
  };
  // A program that came with the source network (at most one per kSignal node, added after all
  // of that node's signal groups), fixed time or, with `actuation`, actuated. build() checks
  // durations and state counts.
  SignalProgramId add_signal_program(NodeId node, std::string name, double offset,
                                     std::vector<ProgramPhase> phases,
                                     std::optional<SignalActuation> actuation = std::nullopt);

  // The pedestrian layer. By default build() derives one from the road graph
  // (pedestrian_derivation.hpp) with these dimensions; an importer whose source has pedestrian data
  // hands it over with set_pedestrians instead (then nothing is derived).
  void set_pedestrian_dimensions(const PedestrianDimensions& dimensions) {
    pedestrian_dimensions_ = dimensions;
  }
  void set_pedestrians(PedestrianSpec spec) { pedestrians_ = std::move(spec); }

  std::size_t node_count() const { return nodes_.size(); }
  std::size_t link_count() const { return links_.size(); }
  const std::string& node_name(NodeId id) const { return nodes_.at(id).name; }
  Vec2 node_position(NodeId id) const { return nodes_.at(id).position; }
  NodeControl node_control(NodeId id) const { return nodes_.at(id).control; }
  NodeId link_from(LinkId id) const { return links_.at(id).from; }
  NodeId link_to(LinkId id) const { return links_.at(id).to; }
  std::uint32_t link_lane_count(LinkId id) const { return links_.at(id).lane_count; }

  // Validates everything and produces the network: connections sorted by (from_lane, to_lane) so
  // each lane's outgoing connections are contiguous, node incoming/outgoing lists sorted by id,
  // signal group member lists sorted, bounding box of all geometry. The builder is left unchanged.
  Network build() const;

 private:
  struct NodeSpec {
    std::string name;
    Vec2 position;
    NodeControl control;
  };
  struct LinkSpec {
    std::string name;
    NodeId from;
    NodeId to;
    std::uint32_t lane_count;
    double speed_limit;
    std::vector<Vec2> centre_shape;  // empty = straight between the nodes
    double lane_width;
    LaneId first_lane;
    double length = 0.0;  // 0 = from the shape
  };
  struct ConnectionSpec {
    LaneId from_lane;
    LaneId to_lane;
    Turn turn;
    SignalGroupId signal_group;
    double speed_limit;
    bool stop_first = false;
  };
  struct SignalGroupSpec {
    std::string name;
    NodeId node;
    std::uint8_t stage;
    bool every_stage;
  };

  void validate_nodes() const;
  void validate_links() const;
  void validate_signal_groups() const;
  void validate_signal_programs() const;
  void add_signal_programs(Network& net) const;
  void add_link_geometry(Network& net) const;
  void add_connections(Network& net, std::vector<ConnectionId>& built_id) const;
  void add_right_of_way(Network& net, const std::vector<ConnectionId>& built_id) const;
  std::string describe_lane(LaneId lane) const;
  std::string describe_connection(const ConnectionSpec& c) const;

  std::vector<NodeSpec> nodes_;
  std::vector<LinkSpec> links_;
  std::vector<ConnectionSpec> connections_;
  std::vector<SignalGroupSpec> signal_groups_;
  struct ProgramSpec {
    std::string name;
    NodeId node;
    double offset;
    std::vector<ProgramPhase> phases;
    std::optional<SignalActuation> actuation;
  };
  std::vector<ProgramSpec> programs_;
  std::vector<std::pair<LaneId, double>> lane_speed_limits_;
  std::vector<std::pair<LaneId, RoadClasses>> lane_road_classes_;
  struct FoeSpec {
    std::size_t connection;
    std::size_t other;
    bool yields;
  };
  std::vector<FoeSpec> foes_;
  std::vector<NodeId> right_of_way_nodes_;
  std::optional<PedestrianSpec> pedestrians_;
  PedestrianDimensions pedestrian_dimensions_;
  std::uint64_t lane_total_ = 0;  // wide so that absurd lane counts are reported, not wrapped
};

}  // namespace citytwin
