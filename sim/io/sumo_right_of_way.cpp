// SUMO .net.xml -> Network, the right-of-way half: each junction's <request> rows (SUMO's
// right-of-way matrix, written by netconvert from priorities, right-before-left, zipper and
// traffic-light rules) become the foes of the node's connections, so that citytwin yields where
// SUMO yields instead of by its own geometric rules (see sumo_network.cpp for the whole mapping).
//
// The format (SUMO "Networks/SUMO Road Networks", Requests): a junction with n links has n rows
// <request index="i" response=".." foes=".."/>, each bit string n long and read right to left
// (the last character is link 0). foes bit j: links i and j conflict (paths cross or merge);
// response bit j: a vehicle on link i must give way to one approaching on link j. A connection's
// link index is the number of its first internal lane, via=":<junction>_<k>_<l>" -> k + l
// (checked on tools/game/DRT/osm.net.xml: via ":1560223382_4_1" is request row 5); nets written
// without internal lanes number links in incLanes order, each lane's connections in file order.
#include <charconv>
#include <map>

#include "sim/io/sumo_network_importer.hpp"

namespace citytwin::sumo_import {
namespace {

// k + l from ":<junction>_<k>_<l>", or npos when `via` does not name one of the junction's
// internal lanes that way.
std::size_t index_from_via(const std::string& via, const std::string& junction) {
  constexpr std::size_t npos = static_cast<std::size_t>(-1);
  const std::string prefix = ":" + junction + "_";
  if (via.size() <= prefix.size() || via.compare(0, prefix.size(), prefix) != 0) return npos;
  const std::string_view rest = std::string_view(via).substr(prefix.size());
  const std::size_t sep = rest.find('_');
  if (sep == std::string_view::npos) return npos;
  std::size_t k = 0, l = 0;
  const auto [k_end, k_err] = std::from_chars(rest.data(), rest.data() + sep, k);
  const auto [l_end, l_err] = std::from_chars(rest.data() + sep + 1, rest.data() + rest.size(), l);
  if (k_err != std::errc() || l_err != std::errc() || k_end != rest.data() + sep ||
      l_end != rest.data() + rest.size()) {
    return npos;
  }
  return k + l;
}

// Bit j of a request string (its last character is link 0).
bool bit(const std::string& bits, std::size_t j) {
  return bits[bits.size() - 1 - j] == '1';
}

}  // namespace

// Link index per kept connection (npos when it has none), from `via` or else from the order of
// the junction's incLanes.
std::vector<std::size_t> Importer::link_indices() const {
  std::vector<std::size_t> index(kept_.size(), npos);
  // Without internal lanes: the junction's links in incLanes order, per lane in file order.
  std::map<std::pair<std::size_t, std::string>, std::size_t> first_of_lane;  // (junction, lane)
  std::vector<std::size_t> per_lane_count;
  std::map<const Connection*, std::size_t> order_index;
  for (std::size_t j = 0; j < net_.junctions.size(); ++j) {
    const auto& lanes = net_.junctions[j].inc_lanes;
    for (std::size_t i = 0; i < lanes.size(); ++i) first_of_lane[{j, lanes[i]}] = i;
  }
  std::map<std::pair<std::size_t, std::size_t>, std::vector<const Connection*>> by_lane;
  for (const Connection& c : net_.connections) {
    const auto it = edge_index_.find(c.from);
    if (it == edge_index_.end() || net_.edges[it->second].special) continue;
    const std::size_t junction = edge_to_[it->second];
    const auto lane = first_of_lane.find({junction, c.from + "_" + std::to_string(c.from_lane)});
    if (lane == first_of_lane.end()) continue;
    by_lane[{junction, lane->second}].push_back(&c);
  }
  std::size_t junction = npos, next = 0;
  for (const auto& [key, list] : by_lane) {  // ordered by (junction, incLanes position)
    if (key.first != junction) junction = key.first, next = 0;
    for (const Connection* c : list) order_index[c] = next++;
  }
  for (std::size_t k = 0; k < kept_.size(); ++k) {
    const Connection& c = *kept_[k].source;
    const std::string& id = net_.junctions[nodes_[kept_[k].node].junction].id;
    if (!c.via.empty()) {
      index[k] = index_from_via(c.via, id);
    } else if (const auto it = order_index.find(&c); it != order_index.end()) {
      index[k] = it->second;
    }
  }
  return index;
}

// At a traffic light a link's response counts only while it shows minor green ('g', or 's'
// after stopping): SUMO lets a link showing 'G' go without looking at the foes it would yield
// to. citytwin's signal states do not tell G from g, so a link that never shows 'g' or 's' in
// its program never yields, and one that does yields to green foes in every phase (where a
// protected phase shows them red, that changes nothing).
bool Importer::signal_major(const Connection& c) const {
  if (c.tl.empty() || !c.link_index) return false;
  const auto it = programs_.find(c.tl);
  if (it == programs_.end()) return false;
  for (const sumo::Phase& phase : it->second->phases) {
    const char state = phase.state[*c.link_index];
    if (state == 'g' || state == 's') return false;
  }
  return true;
}

void Importer::add_right_of_way(NetworkBuilder& builder, const std::vector<std::size_t>& handle) {
  const std::vector<std::size_t> index = link_indices();
  std::vector<std::vector<std::size_t>> kept_at(nodes_.size());
  for (std::size_t k = 0; k < kept_.size(); ++k) kept_at[kept_[k].node].push_back(k);
  bool zipper = false, waits_inside = false;
  // Stop signs and all-way stops (a connection's state 's' or 'w' outside traffic lights, where
  // the state is the first phase's): vehicles halt at the line first, as SUMO's do (measured
  // with SUMO 1.15: a lone vehicle brakes to 0 at the line, stands one 1 s step, then goes).
  for (std::size_t k = 0; k < kept_.size(); ++k) {
    const char state = kept_[k].source->state;
    if (kept_[k].source->tl.empty() && (state == 's' || state == 'w')) {
      builder.set_stop_first(handle[k]);
    }
  }
  for (NodeId node = 0; node < nodes_.size(); ++node) {
    const Junction& junction = net_.junctions[nodes_[node].junction];
    const auto& kept = kept_at[node];
    if (kept.empty()) continue;
    if (junction.type == "unregulated" && !junction.has_request) {
      // SUMO lets every vehicle through such a junction without braking for anyone (netgenerate
      // makes the spider's centre one): no foes. Treated as priority, the spider's eight arms
      // queued at its centre for minutes (mean trip +19 % over SUMO's). Vehicles entering one
      // lane from two paths still keep apart (traffic_merges.cpp).
      builder.set_right_of_way_from_source(node);
      continue;
    }
    // Every row present once, every bit string one character per row: else the table is not
    // SUMO's and citytwin's geometric rules stay (said in the report).
    const std::size_t n = junction.requests.size();
    std::vector<const sumo::Request*> row(n, nullptr);
    bool usable = n > 0;
    for (const sumo::Request& r : junction.requests) {
      if (r.index >= n || row[r.index] != nullptr || r.response.size() != n || r.foes.size() != n) {
        usable = false;
        break;
      }
      row[r.index] = &r;
    }
    std::vector<bool> taken(n, false);
    for (std::size_t k : kept) {
      usable = usable && index[k] < n && !taken[index[k]];
      if (usable) taken[index[k]] = true;
    }
    if (!usable) {
      if (junction.has_request) {
        approximated_.add(
            "junctions whose <request> table does not match their connections yield by "
            "citytwin's geometric rules",
            junction.id);
      }
      continue;
    }
    builder.set_right_of_way_from_source(node);
    for (std::size_t a : kept) {
      const sumo::Request& r = *row[index[a]];
      const bool minor = !signal_major(*kept_[a].source);
      for (std::size_t b : kept) {
        if (a == b || !bit(r.foes, index[b])) continue;
        builder.add_foe(handle[a], handle[b], minor && bit(r.response, index[b]));
      }
      zipper |= kept_[a].source->state == 'Z';
    }
    for (const sumo::Request& r : junction.requests) waits_inside |= r.cont;
  }
  if (zipper) {
    report_.approximated.push_back(
        "connection state 'Z' (zipper merge): the merging lanes give way as the <request> table "
        "says, without taking turns");
  }
  if (waits_inside) {
    report_.approximated.push_back(
        "internal junction waiting positions (<request> cont=1, e.g. left turns waiting inside "
        "the junction) not used: vehicles wait at the stop line");
  }
}

}  // namespace citytwin::sumo_import
