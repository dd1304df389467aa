#pragma once
// The pedestrian layer of a Network: sidewalks along links, crosswalks across the arms of
// junctions, walking areas at the corners joining them, and footpaths away from roads, plus the
// routable graph over them. Imported from SUMO (sidewalk lanes, crossing and walkingarea edges) or
// derived from the road graph (sim/network/pedestrian_derivation.hpp). Immutable once built; like
// the road graph it knows no agent kind: delivery robots, pedestrians or anything else that walks
// reads the same data.
//
// Shape: one flat vector per element kind, ids are uint32_t indices (kNoId for none), variable
// length lists (crossed links and connections, signal groups, polylines) are ranges into shared
// flat arrays, so the layer is a handful of allocations however large the network.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/network/geometry.hpp"
#include "sim/network/network_ids.hpp"
#include "sim/network/signal_state.hpp"

namespace citytwin {

using SidewalkId = std::uint32_t;
using CrosswalkId = std::uint32_t;
using WalkingAreaId = std::uint32_t;
using FootpathId = std::uint32_t;
using WalkVertexId = std::uint32_t;
using WalkEdgeId = std::uint32_t;

// Which side of its link (in the link's direction of travel) a sidewalk runs along. A two-way road
// is two links, each with a sidewalk on its right; a one-way link carries both of its sides.
enum class LinkSide : std::uint8_t { kRight, kLeft };

// A range into one of the PedestrianNetwork's flat arrays.
struct IndexRange {
  std::uint32_t first = 0;
  std::uint32_t count = 0;
};

struct Sidewalk {
  std::uint32_t link = 0;  // LinkId
  LinkSide side = LinkSide::kRight;
  double width = 0.0;   // m
  double length = 0.0;  // m, along `shape`
  IndexRange shape;     // centre line of the walkable strip, in the link's direction of travel
  WalkVertexId from_vertex = 0;
  WalkVertexId to_vertex = 0;
  WalkEdgeId edge = 0;
};

// A marked crossing of one arm of a junction, kerb to kerb.
struct Crosswalk {
  std::uint32_t node = 0;          // NodeId of the junction
  double width = 0.0;              // m, along the road (how wide the zebra is)
  double length = 0.0;             // m, across the road (the walk)
  IndexRange shape;                // centre line across the road, from `from_vertex` to `to_vertex`
  IndexRange crossed_links;        // into PedestrianNetwork::crosswalk_links(): the arm it crosses
  IndexRange signal_groups;        // into crosswalk_signal_groups(): empty on unsignalised nodes
  IndexRange crossed_connections;  // into crossed_connections(): vehicle paths through it
  // The crosswalk's own indication in each phase of its node's SignalProgram, when the source had
  // a pedestrian signal (SUMO crossings with a tl linkIndex); empty otherwise.
  IndexRange program_states;
  WalkVertexId from_vertex = 0;
  WalkVertexId to_vertex = 0;
  WalkEdgeId edge = 0;
};

// The paved corner of a junction where sidewalks end and crosswalks begin. Walking through it is
// treated as free: corners are a few metres across and the sidewalks already run up to them.
struct WalkingArea {
  std::uint32_t node = 0;  // NodeId
  Vec2 position;           // representative point (centroid of the outline)
  IndexRange outline;      // polygon, points in PedestrianNetwork::points()
  WalkVertexId vertex = 0;
};

// A walkable path not along a road (park paths, plazas; SUMO footpath edges).
struct Footpath {
  std::string name;
  double width = 0.0;
  double length = 0.0;
  IndexRange shape;
  WalkVertexId from_vertex = 0;
  WalkVertexId to_vertex = 0;
  WalkEdgeId edge = 0;
};

// Graph vertex: a walking area, or the free end of a sidewalk or footpath (network boundary).
struct WalkVertex {
  Vec2 position;
  WalkingAreaId walking_area = kNoId;  // kNoId for a free end
};

enum class WalkEdgeKind : std::uint8_t { kSidewalk, kCrosswalk, kFootpath };

// Graph edge, walkable both ways.
struct WalkEdge {
  WalkEdgeKind kind = WalkEdgeKind::kSidewalk;
  std::uint32_t element = 0;  // SidewalkId, CrosswalkId or FootpathId by kind
  WalkVertexId from = 0;
  WalkVertexId to = 0;
  double length = 0.0;  // m
};

class PedestrianNetwork {
 public:
  std::span<const Sidewalk> sidewalks() const { return sidewalks_; }
  std::span<const Crosswalk> crosswalks() const { return crosswalks_; }
  std::span<const WalkingArea> walking_areas() const { return walking_areas_; }
  std::span<const Footpath> footpaths() const { return footpaths_; }
  std::span<const WalkVertex> vertices() const { return vertices_; }
  std::span<const WalkEdge> edges() const { return edges_; }
  bool empty() const { return edges_.empty(); }

  std::span<const Vec2> shape(IndexRange range) const { return slice(points_, range); }
  std::span<const Vec2> points() const { return points_; }
  std::span<const std::uint32_t> crossed_links(const Crosswalk& c) const {
    return slice(crosswalk_links_, c.crossed_links);
  }
  std::span<const std::uint32_t> signal_groups(const Crosswalk& c) const {
    return slice(crosswalk_groups_, c.signal_groups);
  }
  std::span<const std::uint32_t> crossed_connections(const Crosswalk& c) const {
    return slice(crossed_connections_, c.crossed_connections);
  }
  std::span<const SignalState> program_states(const Crosswalk& c) const {
    return slice(program_states_, c.program_states);
  }
  // Edges touching a vertex, ascending ids (so searches over them are deterministic).
  std::span<const WalkEdgeId> edges_at(WalkVertexId v) const {
    return std::span<const WalkEdgeId>(adjacency_)
        .subspan(adjacency_start_[v], adjacency_start_[v + 1] - adjacency_start_[v]);
  }
  WalkVertexId other_end(WalkEdgeId e, WalkVertexId v) const {
    return edges_[e].from == v ? edges_[e].to : edges_[e].from;
  }

 private:
  friend class PedestrianAssembler;
  template <typename T>
  static std::span<const T> slice(const std::vector<T>& all, IndexRange r) {
    return std::span<const T>(all).subspan(r.first, r.count);
  }

  std::vector<Sidewalk> sidewalks_;
  std::vector<Crosswalk> crosswalks_;
  std::vector<WalkingArea> walking_areas_;
  std::vector<Footpath> footpaths_;
  std::vector<WalkVertex> vertices_;
  std::vector<WalkEdge> edges_;
  std::vector<std::uint32_t> adjacency_start_{0};  // vertices + 1 entries
  std::vector<WalkEdgeId> adjacency_;
  std::vector<Vec2> points_;
  std::vector<std::uint32_t> crosswalk_links_;
  std::vector<std::uint32_t> crosswalk_groups_;
  std::vector<std::uint32_t> crossed_connections_;
  std::vector<SignalState> program_states_;
};

}  // namespace citytwin
