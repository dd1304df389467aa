#pragma once
// The SUMO network importer's state and steps (sumo_network.cpp: edges, junctions, links and the
// import as a whole; sumo_network_signals.cpp: signal groups, connections and programs;
// sumo_right_of_way.cpp: the junctions' right-of-way tables). Private
// to sim/io: import_sumo_network (importers.hpp) is the interface.
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sim/io/importers.hpp"
#include "sim/io/report_lines.hpp"
#include "sim/io/sumo_net_records.hpp"
#include "sim/network/network_builder.hpp"

namespace citytwin::sumo_import {

using sumo::Connection;
using sumo::Edge;
using sumo::Junction;
using sumo::NetRecords;
using sumo::TlLogic;

// The turn of a connection: SUMO's `dir`, or from the lane directions when it is missing.
Turn turn_from_dir(std::string_view dir, const Edge& from, const Edge& to, std::size_t from_lane,
                   std::size_t to_lane);

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
  // sumo_right_of_way.cpp: the junctions' <request> tables as the connections' foes. `handle`:
  // per kept connection, its number from NetworkBuilder::add_connection.
  std::vector<std::size_t> link_indices() const;
  bool signal_major(const Connection& c) const;
  void add_right_of_way(NetworkBuilder& builder, const std::vector<std::size_t>& handle);
  std::size_t group_for(NodeId node, const std::string& tl, std::size_t link_index);
  // The speed netconvert gave the movement's first internal lane (its turning speed, from the
  // curve's radius), 0 when the connection has none.
  double turning_speed(const Connection& c) const;
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
  std::vector<std::size_t> connection_handle_;  // per kept connection (add_connection's number)
  std::vector<GroupPlan> groups_;
  std::map<std::tuple<NodeId, std::string, std::size_t>, std::size_t> group_index_;
  std::map<std::string, const TlLogic*> programs_;  // per traffic light: the one SUMO runs
  std::vector<const TlLogic*> program_of_node_;     // the tlLogic a node's program came from
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

}  // namespace citytwin::sumo_import
