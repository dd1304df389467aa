#include "sim/network/pedestrian_assembly.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/network/crosswalk_rules.hpp"
#include "sim/network/network_builder.hpp"

namespace citytwin {

class PedestrianAssembler {
 public:
  PedestrianAssembler(const Network& roads, const PedestrianSpec& spec)
      : roads_(roads), spec_(spec) {}

  PedestrianNetwork run() {
    index_connections_by_node();
    add_walking_areas();
    for (std::size_t i = 0; i < spec_.sidewalks.size(); ++i) add_sidewalk(i);
    for (std::size_t i = 0; i < spec_.crosswalks.size(); ++i) add_crosswalk(i);
    for (std::size_t i = 0; i < spec_.footpaths.size(); ++i) add_footpath(i);
    build_adjacency();
    return std::move(out_);
  }

 private:
  [[noreturn]] static void fail(const std::string& message) {
    throw NetworkError("network: pedestrian layer: " + message);
  }

  void index_connections_by_node() {
    node_connection_start_.assign(roads_.nodes().size() + 1, 0);
    for (const Connection& c : roads_.connections()) ++node_connection_start_[c.node + 1];
    for (std::size_t n = 0; n < roads_.nodes().size(); ++n) {
      node_connection_start_[n + 1] += node_connection_start_[n];
    }
    node_connections_.resize(roads_.connections().size());
    std::vector<std::uint32_t> cursor(node_connection_start_.begin(),
                                      node_connection_start_.end() - 1);
    for (ConnectionId id = 0; id < roads_.connections().size(); ++id) {  // ascending per node
      node_connections_[cursor[roads_.connection(id).node]++] = id;
    }
  }

  std::span<const ConnectionId> connections_at(NodeId node) const {
    return std::span<const ConnectionId>(node_connections_)
        .subspan(node_connection_start_[node],
                 node_connection_start_[node + 1] - node_connection_start_[node]);
  }

  IndexRange add_points(std::span<const Vec2> points) {
    IndexRange range{static_cast<std::uint32_t>(out_.points_.size()),
                     static_cast<std::uint32_t>(points.size())};
    out_.points_.insert(out_.points_.end(), points.begin(), points.end());
    return range;
  }

  template <typename Id>
  static IndexRange add_ids(std::vector<std::uint32_t>& all, const std::vector<Id>& ids) {
    IndexRange range{static_cast<std::uint32_t>(all.size()),
                     static_cast<std::uint32_t>(ids.size())};
    all.insert(all.end(), ids.begin(), ids.end());
    return range;
  }

  static void check_shape(const std::vector<Vec2>& shape, double width, const std::string& what) {
    if (shape.size() < 2) fail(what + " has a shape of fewer than two points");
    for (const Vec2 p : shape) {
      if (!std::isfinite(p.x) || !std::isfinite(p.y)) fail(what + " has a non-finite shape point");
    }
    if (!(width > 0.0) || !std::isfinite(width)) fail(what + " has a non-positive width");
    if (!(polyline_length(shape) > 0.0)) fail(what + " has zero length");
  }

  void check_node(NodeId node, const std::string& what) const {
    if (node >= roads_.nodes().size())
      fail(what + " is at unknown node id " + std::to_string(node));
  }

  void add_walking_areas() {
    for (std::size_t i = 0; i < spec_.walking_areas.size(); ++i) {
      const auto& area = spec_.walking_areas[i];
      const std::string what = "walking area " + std::to_string(i);
      check_node(area.node, what);
      if (area.outline.empty()) fail(what + " has no outline");
      Vec2 sum;
      for (const Vec2 p : area.outline) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) fail(what + " has a non-finite point");
        sum = sum + p;
      }
      WalkingArea out;
      out.node = area.node;
      out.position = sum * (1.0 / static_cast<double>(area.outline.size()));
      out.outline = add_points(area.outline);
      out.vertex = static_cast<WalkVertexId>(out_.vertices_.size());
      out_.vertices_.push_back({out.position, static_cast<WalkingAreaId>(i)});
      out_.walking_areas_.push_back(out);
    }
  }

  // The vertex at one end of an element: its walking area's, or a new free end at `position`.
  WalkVertexId end_vertex(WalkingAreaId area, Vec2 position, const std::string& what) {
    if (area == kNoId) {
      out_.vertices_.push_back({position, kNoId});
      return static_cast<WalkVertexId>(out_.vertices_.size() - 1);
    }
    if (area >= out_.walking_areas_.size()) {
      fail(what + " ends at unknown walking area id " + std::to_string(area));
    }
    return out_.walking_areas_[area].vertex;
  }

  WalkEdgeId add_edge(WalkEdgeKind kind, std::uint32_t element, WalkVertexId from, WalkVertexId to,
                      double length) {
    out_.edges_.push_back({kind, element, from, to, length});
    return static_cast<WalkEdgeId>(out_.edges_.size() - 1);
  }

  void add_sidewalk(std::size_t i) {
    const auto& spec = spec_.sidewalks[i];
    const std::string what = "sidewalk " + std::to_string(i);
    if (spec.link >= roads_.links().size()) {
      fail(what + " is along unknown link id " + std::to_string(spec.link));
    }
    check_shape(spec.shape, spec.width, what + " of link '" + roads_.link(spec.link).name + "'");
    Sidewalk out;
    out.link = spec.link;
    out.side = spec.side;
    out.width = spec.width;
    out.length = polyline_length(spec.shape);
    out.shape = add_points(spec.shape);
    out.from_vertex = end_vertex(spec.from_area, spec.shape.front(), what);
    out.to_vertex = end_vertex(spec.to_area, spec.shape.back(), what);
    out.edge = add_edge(WalkEdgeKind::kSidewalk, static_cast<std::uint32_t>(i), out.from_vertex,
                        out.to_vertex, out.length);
    out_.sidewalks_.push_back(out);
  }

  void add_crosswalk(std::size_t i) {
    const auto& spec = spec_.crosswalks[i];
    const std::string what = "crosswalk " + std::to_string(i);
    check_node(spec.node, what);
    const Node& node = roads_.node(spec.node);
    check_shape(spec.shape, spec.width, what + " at node '" + node.name + "'");
    for (const LinkId link : spec.crossed_links) {
      if (link >= roads_.links().size()) {
        fail(what + " crosses unknown link id " + std::to_string(link));
      }
    }
    if (!spec.program_states.empty()) {
      if (node.program == kNoId) {
        fail(what + " has pedestrian signal states but node '" + node.name +
             "' has no signal program");
      }
      const std::uint32_t phases = roads_.signal_program(node.program).phase_count;
      if (spec.program_states.size() != phases) {
        fail(what + " has " + std::to_string(spec.program_states.size()) +
             " pedestrian signal states, the program of node '" + node.name + "' has " +
             std::to_string(phases) + " phases");
      }
    }
    Crosswalk out;
    out.node = spec.node;
    out.width = spec.width;
    out.length = polyline_length(spec.shape);
    out.shape = add_points(spec.shape);
    std::vector<LinkId> links = spec.crossed_links;
    std::sort(links.begin(), links.end());
    out.crossed_links = add_ids(out_.crosswalk_links_, links);
    const std::vector<ConnectionId> crossed =
        connections_crossing(roads_, connections_at(spec.node), spec.shape, spec.width);
    out.crossed_connections = add_ids(out_.crossed_connections_, crossed);
    out.signal_groups =
        add_ids(out_.crosswalk_groups_,
                crosswalk_signal_groups(roads_, spec.node, crossed, spec.program_states));
    out.program_states = {static_cast<std::uint32_t>(out_.program_states_.size()),
                          static_cast<std::uint32_t>(spec.program_states.size())};
    out_.program_states_.insert(out_.program_states_.end(), spec.program_states.begin(),
                                spec.program_states.end());
    out.from_vertex = end_vertex(spec.from_area, spec.shape.front(), what);
    out.to_vertex = end_vertex(spec.to_area, spec.shape.back(), what);
    out.edge = add_edge(WalkEdgeKind::kCrosswalk, static_cast<std::uint32_t>(i), out.from_vertex,
                        out.to_vertex, out.length);
    out_.crosswalks_.push_back(out);
  }

  void add_footpath(std::size_t i) {
    const auto& spec = spec_.footpaths[i];
    const std::string what = "footpath '" + spec.name + "'";
    check_shape(spec.shape, spec.width, what);
    Footpath out;
    out.name = spec.name;
    out.width = spec.width;
    out.length = polyline_length(spec.shape);
    out.shape = add_points(spec.shape);
    out.from_vertex = end_vertex(spec.from_area, spec.shape.front(), what);
    out.to_vertex = end_vertex(spec.to_area, spec.shape.back(), what);
    out.edge = add_edge(WalkEdgeKind::kFootpath, static_cast<std::uint32_t>(i), out.from_vertex,
                        out.to_vertex, out.length);
    out_.footpaths_.push_back(std::move(out));
  }

  // CSR over vertices; each vertex's edges in ascending id (a loop edge is listed once).
  void build_adjacency() {
    auto& start = out_.adjacency_start_;
    start.assign(out_.vertices_.size() + 1, 0);
    for (const WalkEdge& e : out_.edges_) {
      ++start[e.from + 1];
      if (e.to != e.from) ++start[e.to + 1];
    }
    for (std::size_t v = 0; v < out_.vertices_.size(); ++v) start[v + 1] += start[v];
    out_.adjacency_.resize(start.back());
    std::vector<std::uint32_t> cursor(start.begin(), start.end() - 1);
    for (WalkEdgeId id = 0; id < out_.edges_.size(); ++id) {
      const WalkEdge& e = out_.edges_[id];
      out_.adjacency_[cursor[e.from]++] = id;
      if (e.to != e.from) out_.adjacency_[cursor[e.to]++] = id;
    }
  }

  const Network& roads_;
  const PedestrianSpec& spec_;
  PedestrianNetwork out_;
  std::vector<std::uint32_t> node_connection_start_;
  std::vector<ConnectionId> node_connections_;
};

PedestrianNetwork assemble_pedestrian_network(const Network& roads, const PedestrianSpec& spec) {
  return PedestrianAssembler(roads, spec).run();
}

}  // namespace citytwin
