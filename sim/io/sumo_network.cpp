// SUMO .net.xml -> Network. The file is read in one streaming pass into plain records (edges with
// lanes, junctions, connections, tlLogics, each with its location), then checked and mapped:
//   edges      -> links (internal/crossing/walkingarea edges dropped: citytwin draws its own curves
//                 through junctions), lanes no road vehicle may use dropped and the rest re-indexed
//   junctions  -> nodes (traffic lights kSignal, dead ends and spurs where vehicles can only
//                 turn back kBoundary, everything else kPriority), named by their id
//                 ("junction:<id>" when an edge has that id: nodes and links share one namespace)
//   connections-> lane connections, one SignalGroup per (traffic light, linkIndex) and node;
//                 linkIndex -1 (not controlled by the light) and the lights of rail crossings
//                 and rail signals (no trains run) give unsignalised connections
//   tlLogic    -> one fixed-time SignalProgram per controlled node
//   <request>  -> each junction's right-of-way table: who conflicts with and gives way to whom
//                 (sumo_right_of_way.cpp)
//   sidewalk lanes, crossing and walkingarea edges -> the pedestrian layer (sumo_pedestrians.cpp);
//                 a net without any of them gets a derived layer (pedestrian_derivation.hpp)
// Every rule and its reason is in sim/io/importers.hpp; what was dropped or simplified goes into
// the ImportReport.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sim/io/sumo_network_importer.hpp"
#include "sim/io/sumo_pedestrians.hpp"

namespace citytwin {
namespace sumo_import {

Turn turn_from_dir(std::string_view dir, const Edge& from, const Edge& to, std::size_t from_lane,
                   std::size_t to_lane) {
  if (dir == "s") return Turn::kStraight;
  if (dir == "t") return Turn::kUTurn;
  if (dir == "l" || dir == "L") return Turn::kLeft;
  if (dir == "r" || dir == "R") return Turn::kRight;
  // "invalid" or absent: classify from the lane directions at the junction.
  const auto& in = from.lanes[from_lane].shape;
  const auto& out = to.lanes[to_lane].shape;
  if (in.size() < 2 || out.size() < 2) return Turn::kStraight;
  return classify_turn(in[in.size() - 1] - in[in.size() - 2], out[1] - out[0]);
}

void Importer::resolve_edges() {
  std::unordered_map<std::string, std::size_t> junction_index;
  for (std::size_t j = 0; j < net_.junctions.size(); ++j) {
    junction_index.emplace(net_.junctions[j].id, j);
  }
  edge_from_.assign(net_.edges.size(), npos);
  edge_to_.assign(net_.edges.size(), npos);
  for (std::size_t e = 0; e < net_.edges.size(); ++e) {
    const Edge& edge = net_.edges[e];
    edge_index_.emplace(edge.id, e);
    if (edge.special) continue;
    auto find = [&](const std::string& id, const char* attribute) {
      const auto it = junction_index.find(id);
      if (it == junction_index.end()) {
        xml::fail_at(file_, edge.where, std::string("edge ") + attribute, xml::quote(id),
                     "the id of a junction in the file");
      }
      return it->second;
    };
    edge_from_[e] = find(edge.from, "from");
    edge_to_[e] = find(edge.to, "to");
    if (edge.lanes.empty()) {
      xml::fail_at(file_, edge.where, "edge lane", "no lanes", "at least one <lane>");
    }
  }
}

void Importer::classify_lanes() {
  lane_map_.resize(net_.edges.size());
  std::size_t internal_edges = 0;
  for (std::size_t e = 0; e < net_.edges.size(); ++e) {
    const Edge& edge = net_.edges[e];
    if (edge.special) {
      internal_edges += edge.function == sumo::EdgeFunction::kInternal;
      continue;
    }
    std::int64_t next = 0;
    bool walkable = false;
    for (const sumo::Lane& lane : edge.lanes) {
      if (lane.access == sumo::LaneAccess::kNone) {
        lane_map_[e].push_back(-1);
        if (lane.pedestrians) {
          walkable = true;  // a sidewalk or footpath of the pedestrian layer
        } else {
          skipped_.add("lanes no road vehicle or pedestrian may use (allow/disallow) skipped",
                       lane.id);
        }
        continue;
      }
      lane_map_[e].push_back(next++);
    }
    if (next == 0 && !walkable) {
      skipped_.add("edges without a lane for road vehicles or pedestrians skipped", edge.id);
    }
  }
  if (internal_edges > 0) {
    report_.approximated.push_back(std::to_string(internal_edges) +
                                   " internal junction edges (function internal) replaced by "
                                   "citytwin's connection curves through the junctions (their "
                                   "speeds kept as the movements' turning speeds)");
  }
}

double Importer::turning_speed(const Connection& c) const {
  const auto it = net_.internal_lane_speed.find(c.via);
  return it == net_.internal_lane_speed.end() ? 0.0 : it->second;
}

static bool is_rail_junction(const std::string& type) {
  return type == "rail_crossing" || type == "rail_signal";
}

// SUMO gives rail crossings and rail signals traffic lights of their own, named after the
// junction and usually without a tlLogic (SUMO builds the program when it loads the net), that
// close the road while a train passes. No trains run in citytwin: with those lights the road
// would get citytwin's default fixed-time plan and stop at red for trains that never come. So
// their connections are imported without a signal and the junction as a priority junction.
void Importer::unsignal_rail_junctions() {
  std::set<std::string> rail;
  for (const Junction& junction : net_.junctions) {
    if (is_rail_junction(junction.type)) rail.insert(junction.id);
  }
  if (rail.empty()) return;
  for (Connection& c : net_.connections) {
    if (c.tl.empty() || !rail.contains(c.tl)) continue;
    c.tl.clear();
    c.link_index.reset();
  }
  std::erase_if(net_.tl_logics, [&](const TlLogic& tl) {
    if (!rail.contains(tl.id)) return false;
    skipped_.add("tlLogic programs of rail crossings and rail signals not run (no trains)",
                 tl.id + " program " + tl.program_id);
    return true;
  });
}

static bool drives(const std::vector<std::int64_t>& lane_map) {
  return std::any_of(lane_map.begin(), lane_map.end(), [](std::int64_t i) { return i >= 0; });
}

void Importer::check_connections() {
  for (const Connection& c : net_.connections) {
    auto find = [&](const std::string& id, const char* attribute) {
      const auto it = edge_index_.find(id);
      if (it == edge_index_.end()) {
        xml::fail_at(file_, c.where, std::string("connection ") + attribute, xml::quote(id),
                     "the id of an edge in the file");
      }
      return it->second;
    };
    const std::size_t from = find(c.from, "from");
    const std::size_t to = find(c.to, "to");
    const Edge& from_edge = net_.edges[from];
    const Edge& to_edge = net_.edges[to];
    // Connections into, out of or between internal lanes describe SUMO's junction internals.
    if (from_edge.special || to_edge.special) continue;
    auto check_lane = [&](const Edge& edge, std::size_t lane, const char* attribute) {
      if (lane >= edge.lanes.size()) {
        xml::fail_at(file_, c.where, std::string("connection ") + attribute, std::to_string(lane),
                     "a lane index of edge " + xml::quote(edge.id) + " (0.." +
                         std::to_string(edge.lanes.size() - 1) + ")");
      }
    };
    check_lane(from_edge, c.from_lane, "fromLane");
    check_lane(to_edge, c.to_lane, "toLane");
    if (edge_to_[from] != edge_from_[to]) {
      xml::fail_at(file_, c.where, "connection to",
                   xml::quote(c.to) + " (leaving junction " + xml::quote(to_edge.from) + ")",
                   "an edge leaving junction " + xml::quote(from_edge.to) + ", where " +
                       xml::quote(c.from) + " ends");
    }
    if (lane_map_[from][c.from_lane] < 0 || lane_map_[to][c.to_lane] < 0) {
      skipped_.add("connections to or from skipped lanes skipped",
                   from_edge.lanes[c.from_lane].id + "->" + to_edge.lanes[c.to_lane].id);
      continue;
    }
    if (!c.uncontrolled_tl.empty()) {
      approximated_.add(
          "connections with linkIndex -1 (passing a traffic light's junction uncontrolled) "
          "imported without a signal",
          c.from + "_" + std::to_string(c.from_lane) + "->" + c.to + "_" +
              std::to_string(c.to_lane));
    }
    kept_.push_back({&c, from, to, kNoId});
  }
}

void Importer::plan_nodes() {
  std::vector<bool> used(net_.junctions.size(), false);
  for (std::size_t e = 0; e < net_.edges.size(); ++e) {
    if (net_.edges[e].special || !drives(lane_map_[e])) continue;
    used[edge_from_[e]] = used[edge_to_[e]] = true;
  }
  node_of_junction_.assign(net_.junctions.size(), npos);
  for (std::size_t j = 0; j < net_.junctions.size(); ++j) {
    if (used[j]) {
      node_of_junction_[j] = nodes_.size();
      NodePlan plan;
      plan.junction = j;
      nodes_.push_back(std::move(plan));
    } else {
      skipped_.add("junctions without a road for vehicles skipped", net_.junctions[j].id);
    }
  }
  for (std::size_t e = 0; e < net_.edges.size(); ++e) {
    if (net_.edges[e].special || !drives(lane_map_[e])) continue;
    NodePlan& from = nodes_[node_of_junction_[edge_from_[e]]];
    NodePlan& to = nodes_[node_of_junction_[edge_to_[e]]];
    ++from.outgoing;
    ++to.incoming;
    from.neighbours.insert(edge_to_[e]);
    to.neighbours.insert(edge_from_[e]);
  }
  for (KeptConnection& k : kept_) {
    k.node = static_cast<NodeId>(node_of_junction_[edge_to_[k.from_edge]]);
    if (!k.source->tl.empty()) nodes_[k.node].has_tl_connection = true;
    if (k.source->dir != "t") nodes_[k.node].only_turns_back = false;
  }

  for (NodePlan& node : nodes_) {
    const Junction& junction = net_.junctions[node.junction];
    const std::string& type = junction.type;
    const bool signal_type = type.rfind("traffic_light", 0) == 0;
    if (node.has_tl_connection) {
      node.control = NodeControl::kSignal;
    } else if (type == "dead_end" || node.incoming == 0 || node.outgoing == 0) {
      node.control = NodeControl::kBoundary;
    } else if (node.neighbours.size() == 1 && !signal_type) {
      // A stub where the only movement is turning back: the network's edge, like CityFlow's
      // virtual intersections (the Hangzhou and Jinan fringe junctions are of this kind).
      node.control = NodeControl::kBoundary;
      approximated_.add("junctions with a single neighbour (only U-turns) treated as boundary",
                        junction.id);
    } else if (node.only_turns_back && !signal_type) {
      // The same end of the network where the road's two directions lead to different
      // neighbours: netconvert splits a road where its lane count changes, so sumolib's BasicCross
      // ends at "0/1" with its way out to "0/1_to_1/1.-100" and its way in from
      // "1/1_to_0/1.-100". Vehicles can only turn back there; without this, such nets had no
      // boundary node at all and `demand.random` no entry.
      node.control = NodeControl::kBoundary;
      approximated_.add(
          "junctions where vehicles can only turn back (U-turns only) treated as "
          "boundary",
          junction.id);
    } else {
      node.control = NodeControl::kPriority;
      if (is_rail_junction(type)) {
        approximated_.add("junctions of type " + type +
                              " imported as priority junctions for road traffic: no trains run, "
                              "so the road never closes",
                          junction.id);
      } else if (signal_type) {
        approximated_.add(
            "traffic light junctions without controlled connections treated as priority",
            junction.id);
      } else if (type == "unregulated" && !junction.has_request) {
        approximated_.add(
            "junctions of type unregulated: nobody gives way, as in SUMO, but vehicles entering "
            "one lane from two paths keep apart (SUMO does not check them inside the junction)",
            junction.id);
      } else if (type != "priority" && !junction.has_request) {
        // With a <request> table the type's rules (right_before_left, zipper, allway_stop...)
        // come through the table (sumo_right_of_way.cpp); without one, citytwin's own rules.
        approximated_.add("junctions of type " + type +
                              " without a <request> table treated as "
                              "priority",
                          junction.id);
      }
    }
  }
  if (net_.roundabouts > 0) {
    report_.approximated.push_back(std::to_string(net_.roundabouts) +
                                   " roundabouts (<roundabout>) not read: their junctions yield as "
                                   "their <request> tables say");
  }
}

// SUMO keeps junction ids and edge ids apart (pasubio's junction "10" and edge "10"); citytwin's
// demand names places, boundary nodes or links, in one namespace and refuses a name that is both,
// so every imported trip to or from such an edge would fail when the run starts. Links keep the
// edge ids (routes name them); a junction whose id is also an edge id gets the prefix "junction:".
std::string Importer::node_name(const Junction& junction,
                                const std::unordered_set<std::string>& link_names) {
  if (!link_names.contains(junction.id)) return junction.id;
  std::string name = "junction:" + junction.id;
  while (link_names.contains(name)) name += "_";
  approximated_.add(
      "junctions whose id is also an edge id named junction:<id> (citytwin names nodes and "
      "links in one namespace)",
      junction.id);
  return name;
}

void Importer::add_links(NetworkBuilder& builder) {
  std::unordered_set<std::string> link_names;
  for (std::size_t e = 0; e < net_.edges.size(); ++e) {
    if (!net_.edges[e].special && drives(lane_map_[e])) link_names.insert(net_.edges[e].id);
  }
  for (const NodePlan& node : nodes_) {
    const Junction& junction = net_.junctions[node.junction];
    builder.add_node(node_name(junction, link_names), junction.position, node.control);
  }
  link_of_edge_.assign(net_.edges.size(), kNoId);
  std::vector<std::string> long_deviation_edges;
  double max_deviation = 0.0;
  for (std::size_t e = 0; e < net_.edges.size(); ++e) {
    const Edge& edge = net_.edges[e];
    if (edge.special || !drives(lane_map_[e])) continue;
    std::vector<const sumo::Lane*> lanes;
    for (std::size_t i = 0; i < edge.lanes.size(); ++i) {
      if (lane_map_[e][i] >= 0) lanes.push_back(&edge.lanes[i]);
    }
    double speed = 0.0, length = 0.0, width = 0.0;
    for (const sumo::Lane* lane : lanes) {
      speed = std::max(speed, lane->speed);
      length += lane->length;
      width += lane->width;
    }
    length /= static_cast<double>(lanes.size());
    width /= static_cast<double>(lanes.size());
    double deviation = 0.0;
    bool widths_differ = false;
    for (const sumo::Lane* lane : lanes) {
      deviation = std::max(deviation, std::abs(lane->length - length) / length);
      widths_differ |= lane->width != lanes.front()->width;
    }
    if (deviation > 0.01) {
      long_deviation_edges.push_back(edge.id);
      max_deviation = std::max(max_deviation, deviation);
    }
    if (widths_differ) {
      approximated_.add("edges whose lanes differ in width given their mean width", edge.id);
    }
    // citytwin lays lanes to the right of the centre shape, the leftmost at half a width: so the
    // centre shape is the left border of the leftmost lane, SUMO's lane shape moved left by half
    // its width (checked on the Hangzhou net: lanes at y 592/595.2/598.4, border 600 = node y).
    std::vector<Vec2> centre;
    const sumo::Lane& leftmost = *lanes.back();
    if (leftmost.shape.size() >= 2) {
      centre.resize(leftmost.shape.size());
      offset_polyline(leftmost.shape, -leftmost.width / 2.0, centre);
    }
    const NodeId from = static_cast<NodeId>(node_of_junction_[edge_from_[e]]);
    const NodeId to = static_cast<NodeId>(node_of_junction_[edge_to_[e]]);
    const LinkId link = builder.add_link(
        edge.id, from, to, static_cast<std::uint32_t>(lanes.size()), speed, centre, width);
    link_of_edge_[e] = link;
    builder.set_link_length(link, length);
    for (std::uint32_t i = 0; i < lanes.size(); ++i) {
      builder.set_lane_speed_limit(builder.lane(link, i), lanes[i]->speed);
      if (lanes[i]->road_classes != kAllRoadClasses) {
        builder.set_lane_road_classes(builder.lane(link, i), lanes[i]->road_classes);
      }
    }
    ++report_.links;
    report_.lanes += lanes.size();
  }
  if (!long_deviation_edges.empty()) {
    char percent[32];
    std::snprintf(percent, sizeof percent, "%.1f", max_deviation * 100.0);
    report_.approximated.push_back(
        report_summary(long_deviation_edges.size(),
                       "edges whose lanes differ in length by more than 1 % (largest " +
                           std::string(percent) + " %) given the mean lane length",
                       long_deviation_edges));
  }
}

Network Importer::run() {
  resolve_edges();
  unsignal_rail_junctions();
  classify_lanes();
  check_connections();
  plan_nodes();
  NetworkBuilder builder;
  try {
    add_links(builder);
    add_groups_and_connections(builder);
    add_programs(builder);
    add_right_of_way(builder, connection_handle_);
    std::vector<std::string> node_junctions;
    for (const NodePlan& node : nodes_) node_junctions.push_back(net_.junctions[node.junction].id);
    const sumo::PedestrianImport pedestrians{file_, net_, node_junctions, link_of_edge_,
                                             program_of_node_};
    if (auto spec = sumo::pedestrian_spec(pedestrians, report_)) {
      builder.set_pedestrians(std::move(*spec));
    }
    Network network = builder.build();
    report_.nodes = network.nodes().size();
    skipped_.flush_to(report_.skipped);
    approximated_.flush_to(report_.approximated);
    return network;
  } catch (const NetworkError& error) {
    throw ImportError(file_ + ": error: " + error.what());
  }
}

}  // namespace sumo_import

Network import_sumo_network(const std::filesystem::path& file, ImportReport& report) {
  const std::string name = file.string();
  sumo_import::Importer importer(name, sumo::read_sumo_net(file), report);
  return importer.run();
}

}  // namespace citytwin
