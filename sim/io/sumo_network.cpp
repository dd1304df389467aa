// SUMO .net.xml -> Network. The file is read in one streaming pass into plain records (edges with
// lanes, junctions, connections, tlLogics, each with its location), then checked and mapped:
//   edges      -> links (internal/crossing/walkingarea edges dropped: citytwin draws its own curves
//                 through junctions), lanes no road vehicle may use dropped and the rest re-indexed
//   junctions  -> nodes (traffic lights kSignal, dead ends and stubs where vehicles can only
//                 turn back kBoundary, everything else kPriority), named by their id
//                 ("junction:<id>" when an edge has that id: nodes and links share one namespace)
//   connections-> lane connections, one SignalGroup per (traffic light, linkIndex) and node;
//                 linkIndex -1 (not controlled by the light) and the lights of rail crossings
//                 and rail signals (no trains run) give unsignalised connections
//   tlLogic    -> one fixed-time SignalProgram per controlled node
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

#include "sim/io/importers.hpp"
#include "sim/io/report_lines.hpp"
#include "sim/io/sumo_net_records.hpp"
#include "sim/io/sumo_pedestrians.hpp"
#include "sim/network/network_builder.hpp"
#include "sim/network/stage_plan.hpp"

namespace citytwin {
namespace {

using sumo::Connection;
using sumo::Edge;
using sumo::Junction;
using sumo::NetRecords;
using sumo::TlLogic;

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

// The program SUMO runs for a traffic light: programID "0" (what netconvert writes) if present,
// else the first one in the file.
const TlLogic* chosen_program(const std::vector<const TlLogic*>& programs) {
  for (const TlLogic* program : programs) {
    if (program->program_id == "0") return program;
  }
  return programs.front();
}

class Importer {
 public:
  Importer(const std::string& file, NetRecords records, ImportReport& report)
      : file_(file), net_(std::move(records)), report_(report) {}

  Network run();

 private:
  struct NodePlan {
    std::size_t junction = 0;
    NodeControl control = NodeControl::kPriority;
    bool has_tl_connection = false;
    bool only_turns_back = true;  // every kept connection through it is a U-turn (or none is kept)
    std::set<std::size_t> neighbours;  // junctions at the other end of kept edges
    std::size_t incoming = 0;
    std::size_t outgoing = 0;
  };
  struct GroupPlan {
    NodeId node;
    std::string tl;  // empty: the node's group for connections without a signal index
    std::size_t link_index;
    std::uint8_t stage = 0;
    bool every_stage = false;
  };
  struct KeptConnection {
    const Connection* source;
    std::size_t from_edge;
    std::size_t to_edge;
    NodeId node;
  };

  void resolve_edges();
  void unsignal_rail_junctions();
  void classify_lanes();
  void check_connections();
  void plan_nodes();
  void add_links(NetworkBuilder& builder);
  void add_groups_and_connections(NetworkBuilder& builder);
  void add_programs(NetworkBuilder& builder);
  std::size_t group_for(NodeId node, const std::string& tl, std::size_t link_index);
  std::string node_name(const Junction& junction,
                        const std::unordered_set<std::string>& link_names);

  const std::string& file_;
  NetRecords net_;
  ImportReport& report_;
  ReportLines skipped_;
  ReportLines approximated_;
  std::unordered_map<std::string, std::size_t> edge_index_;
  std::vector<std::size_t> edge_from_;  // junction index per edge (npos for special edges)
  std::vector<std::size_t> edge_to_;
  std::vector<NodePlan> nodes_;                      // kept junctions in file order = NodeIds
  std::vector<std::size_t> node_of_junction_;        // index into nodes_, or npos
  std::vector<std::vector<std::int64_t>> lane_map_;  // per edge: SUMO lane index -> citytwin or -1
  std::vector<LinkId> link_of_edge_;
  std::vector<KeptConnection> kept_;
  std::vector<GroupPlan> groups_;
  std::map<std::tuple<NodeId, std::string, std::size_t>, std::size_t> group_index_;
  std::map<std::string, const TlLogic*> programs_;  // per traffic light: the one SUMO runs
  std::vector<const TlLogic*> program_of_node_;     // the tlLogic a node's program came from
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

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
      if (lane.access == sumo::LaneAccess::kRestricted) {
        approximated_.add(
            "lanes reserved for some road vehicle classes (e.g. bus lanes) open "
            "to all vehicles",
            lane.id);
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
                                   "citytwin's connection curves through the junctions");
  }
}

bool is_rail_junction(const std::string& type) {
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

bool drives(const std::vector<std::int64_t>& lane_map) {
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
      } else if (type != "priority") {
        approximated_.add("junctions of type " + type + " treated as priority", junction.id);
      }
    }
  }
  // SUMO's right-of-way per junction (<request> response/foes, and each connection's state M, m,
  // =, s, w) is not read: citytwin's junction model decides who yields (priority by road class
  // and turn, signal groups at traffic lights). Said once per junction where it matters.
  for (const NodePlan& node : nodes_) {
    const Junction& junction = net_.junctions[node.junction];
    if (junction.has_request && node.control != NodeControl::kBoundary) {
      approximated_.add(
          "junctions whose right-of-way table (<request> response/foes) is replaced by "
          "citytwin's own yielding rules",
          junction.id);
    }
  }
  if (net_.roundabouts > 0) {
    report_.approximated.push_back(
        std::to_string(net_.roundabouts) +
        " roundabouts (<roundabout>) not read: their junctions yield by citytwin's priority rules");
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

std::size_t Importer::group_for(NodeId node, const std::string& tl, std::size_t link_index) {
  const auto key = std::make_tuple(node, tl, link_index);
  const auto it = group_index_.find(key);
  if (it != group_index_.end()) return it->second;
  groups_.push_back({node, tl, link_index});
  group_index_.emplace(key, groups_.size() - 1);
  return groups_.size() - 1;
}

void Importer::add_groups_and_connections(NetworkBuilder& builder) {
  // The program SUMO runs per traffic light, and its link count check: every linkIndex used by a
  // connection (internal ones too) must have a state character.
  std::map<std::string, std::vector<const TlLogic*>> by_id;
  for (const TlLogic& tl : net_.tl_logics) by_id[tl.id].push_back(&tl);
  for (const auto& [id, list] : by_id) {
    const TlLogic* chosen = chosen_program(list);
    programs_[id] = chosen;
    for (const TlLogic* other : list) {
      if (other != chosen) {
        skipped_.add("tlLogic programs SUMO does not start with ignored",
                     id + " program " + other->program_id);
      }
    }
    if (chosen->type != "static") {
      approximated_.add(
          "tlLogic of type " + chosen->type + " run as fixed-time plans with their phase durations",
          id);
    }
  }
  std::map<std::string, std::size_t> links_of_tl;
  for (const Connection& c : net_.connections) {
    if (c.tl.empty()) continue;
    std::size_t& count = links_of_tl[c.tl];
    count = std::max(count, *c.link_index + 1);
  }
  for (const auto& [id, count] : links_of_tl) {
    const auto it = programs_.find(id);
    if (it == programs_.end()) {
      approximated_.add("traffic lights without a tlLogic given citytwin's default fixed-time plan",
                        id);
      continue;
    }
    const sumo::Phase& phase = it->second->phases.front();
    if (phase.state.size() < count) {
      xml::fail_at(file_, phase.where, "phase state",
                   std::to_string(phase.state.size()) + " signal states",
                   "at least " + std::to_string(count) + " (connections of traffic light " +
                       xml::quote(id) + " use linkIndex up to " + std::to_string(count - 1) + ")");
    }
    if (phase.state.size() > count) {
      skipped_.add("tlLogic signal indices without a connection ignored", id);
    }
  }

  std::vector<std::size_t> group_of(kept_.size(), npos);
  for (std::size_t k = 0; k < kept_.size(); ++k) {
    const KeptConnection& c = kept_[k];
    if (nodes_[c.node].control != NodeControl::kSignal) continue;
    if (c.source->tl.empty()) {
      approximated_.add("connections at signalised junctions without a signal index shown green",
                        c.source->from + "_" + std::to_string(c.source->from_lane) + "->" +
                            c.source->to + "_" + std::to_string(c.source->to_lane));
      group_of[k] = group_for(c.node, "", 0);
    } else {
      group_of[k] = group_for(c.node, c.source->tl, *c.source->link_index);
    }
  }

  // Stages of the default plan from the node's program (see stages_from_program): a movement
  // green ('G' or 'g') in every phase that shows any green is green in every stage.
  std::vector<std::vector<std::size_t>> groups_of_node(nodes_.size());
  for (std::size_t g = 0; g < groups_.size(); ++g) groups_of_node[groups_[g].node].push_back(g);
  for (const auto& node_groups : groups_of_node) {
    const TlLogic* program = nullptr;
    for (std::size_t g : node_groups) {
      const auto it = programs_.find(groups_[g].tl);
      if (it != programs_.end()) program = it->second;
    }
    if (program == nullptr) continue;
    std::vector<std::size_t> in_program;  // the node's groups this program drives
    for (std::size_t g : node_groups) {
      if (groups_[g].tl == program->id) in_program.push_back(g);
    }
    std::vector<std::vector<bool>> green(program->phases.size(),
                                         std::vector<bool>(in_program.size(), false));
    for (std::size_t p = 0; p < program->phases.size(); ++p) {
      for (std::size_t i = 0; i < in_program.size(); ++i) {
        const char c = program->phases[p].state[groups_[in_program[i]].link_index];
        green[p][i] = c == 'G' || c == 'g';
      }
    }
    const ProgramStages stages = stages_from_program(green);
    for (std::size_t i = 0; i < in_program.size(); ++i) {
      groups_[in_program[i]].stage = stages.stage[i];
      groups_[in_program[i]].every_stage = stages.every_stage[i];
    }
  }

  std::vector<SignalGroupId> group_ids(groups_.size());
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    const GroupPlan& group = groups_[g];
    const std::string name = group.tl.empty()
                                 ? std::string("uncontrolled")
                                 : "tl " + group.tl + " link " + std::to_string(group.link_index);
    group_ids[g] = builder.add_signal_group(group.node, name, group.stage, group.every_stage);
  }
  for (std::size_t k = 0; k < kept_.size(); ++k) {
    const KeptConnection& c = kept_[k];
    const Edge& from = net_.edges[c.from_edge];
    const Edge& to = net_.edges[c.to_edge];
    const auto from_lane = static_cast<std::uint32_t>(lane_map_[c.from_edge][c.source->from_lane]);
    const auto to_lane = static_cast<std::uint32_t>(lane_map_[c.to_edge][c.source->to_lane]);
    builder.add_connection(
        builder.lane(link_of_edge_[c.from_edge], from_lane),
        builder.lane(link_of_edge_[c.to_edge], to_lane),
        turn_from_dir(c.source->dir, from, to, c.source->from_lane, c.source->to_lane),
        group_of[k] == npos ? kNoId : group_ids[group_of[k]]);
    ++report_.connections;
  }
}

void Importer::add_programs(NetworkBuilder& builder) {
  std::vector<std::vector<std::size_t>> groups_of_node(nodes_.size());
  for (std::size_t g = 0; g < groups_.size(); ++g) groups_of_node[groups_[g].node].push_back(g);
  bool right_on_red = false, minor_green = false;
  program_of_node_.assign(nodes_.size(), nullptr);
  for (NodeId node = 0; node < nodes_.size(); ++node) {
    const auto& node_groups = groups_of_node[node];
    std::set<std::string> tls;
    for (std::size_t g : node_groups) {
      if (!groups_[g].tl.empty()) tls.insert(groups_[g].tl);
    }
    if (tls.size() != 1) {
      if (tls.size() > 1) {
        skipped_.add("signal programs of junctions controlled by several traffic lights skipped",
                     net_.junctions[nodes_[node].junction].id);
      }
      continue;
    }
    const auto it = programs_.find(*tls.begin());
    if (it == programs_.end()) continue;
    const TlLogic& tl = *it->second;
    std::vector<NetworkBuilder::ProgramPhase> phases;
    double cycle = 0.0;
    for (const sumo::Phase& phase : tl.phases) {
      NetworkBuilder::ProgramPhase out;
      out.duration = phase.duration;
      cycle += phase.duration;
      for (std::size_t g : node_groups) {
        if (groups_[g].tl.empty()) {
          out.states.push_back(SignalState::kGreen);
          continue;
        }
        const char c = phase.state[groups_[g].link_index];
        right_on_red |= c == 's';
        minor_green |= c == 'g';
        out.states.push_back(sumo::signal_state_of(c));
      }
      phases.push_back(std::move(out));
    }
    if (!(cycle > 0.0)) {
      xml::fail_at(file_, tl.where, "tlLogic phase duration", "a cycle of 0 s",
                   "phase durations with a positive sum");
    }
    // SUMO starts the first phase at time `offset` (checked with SUMO 1.15: offset 10 puts phase 0
    // at t = 10..52 of a 90 s cycle), so time t shows cycle position t - offset; citytwin's
    // SignalProgram shows position t + offset, hence the sign change, kept within [0, cycle).
    double offset = std::fmod(-tl.offset, cycle);
    if (offset < 0.0) offset += cycle;
    if (offset >= cycle) offset = 0.0;
    builder.add_signal_program(node, tl.id + " program " + tl.program_id, offset,
                               std::move(phases));
    program_of_node_[node] = &tl;
    ++report_.signal_programs;
  }
  if (right_on_red) {
    report_.approximated.push_back(
        "signal state 's' (right turn on red after stopping) shown as green: vehicles do not "
        "stop first");
  }
  if (minor_green) {
    report_.approximated.push_back(
        "signal state 'g' (green, yield to conflicting traffic) shown as green");
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

}  // namespace

Network import_sumo_network(const std::filesystem::path& file, ImportReport& report) {
  const std::string name = file.string();
  Importer importer(name, sumo::read_sumo_net(file), report);
  return importer.run();
}

}  // namespace citytwin
