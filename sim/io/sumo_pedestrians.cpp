#include "sim/io/sumo_pedestrians.hpp"

#include <string_view>
#include <unordered_map>

#include "sim/io/report_lines.hpp"

namespace citytwin::sumo {
namespace {

// Which element of the spec a SUMO pedestrian lane became.
struct WalkElement {
  enum class Kind : std::uint8_t { kNone, kSidewalk, kFootpath, kCrosswalk } kind = Kind::kNone;
  std::uint32_t index = 0;
};

// ":C_w0" -> "C": SUMO names a junction's crossings and walking areas ":<junction>_<c|w><n>".
std::string_view junction_of(std::string_view special_edge) {
  const std::size_t underscore = special_edge.rfind('_');
  if (special_edge.size() < 2 || special_edge[0] != ':' || underscore == std::string_view::npos) {
    return {};
  }
  return special_edge.substr(1, underscore - 1);
}

class PedestrianImporter {
 public:
  PedestrianImporter(const PedestrianImport& in, ImportReport& report) : in_(in), report_(report) {
    for (NodeId n = 0; n < in.node_junctions.size(); ++n) node_of_.emplace(in.node_junctions[n], n);
    for (std::size_t e = 0; e < in.net.edges.size(); ++e)
      edge_index_.emplace(in.net.edges[e].id, e);
  }

  std::optional<PedestrianSpec> run() {
    elements_.resize(in_.net.edges.size());
    area_of_edge_.assign(in_.net.edges.size(), kNoId);
    for (std::size_t e = 0; e < in_.net.edges.size(); ++e) add_edge(e);
    if (spec_.sidewalks.empty() && spec_.footpaths.empty() && spec_.crosswalks.empty() &&
        spec_.walking_areas.empty()) {
      return std::nullopt;
    }
    for (const Connection& c : in_.net.connections) join(c);
    add_pedestrian_signals();
    report();
    return std::move(spec_);
  }

 private:
  NodeId node_of_special(const Edge& edge) const {
    const auto it = node_of_.find(std::string(junction_of(edge.id)));
    return it == node_of_.end() ? kNoId : it->second;
  }

  const Lane& only_lane(const Edge& edge) const {
    if (edge.lanes.empty()) {
      xml::fail_at(in_.file, edge.where, "edge lane", "no lanes",
                   "one <lane> (the crossing or walking area)");
    }
    return edge.lanes.front();
  }

  void add_edge(std::size_t e) {
    const Edge& edge = in_.net.edges[e];
    switch (edge.function) {
      case EdgeFunction::kInternal:
        return;
      case EdgeFunction::kWalkingArea: {
        const Lane& lane = only_lane(edge);
        const NodeId node = node_of_special(edge);
        if (node == kNoId)
          return skipped_.add("walking areas at skipped junctions skipped", edge.id);
        area_of_edge_[e] = static_cast<WalkingAreaId>(spec_.walking_areas.size());
        spec_.walking_areas.push_back({node, lane.shape});
        return;
      }
      case EdgeFunction::kCrossing: {
        const Lane& lane = only_lane(edge);
        const NodeId node = node_of_special(edge);
        if (node == kNoId) return skipped_.add("crossings at skipped junctions skipped", edge.id);
        PedestrianSpec::CrosswalkSpec c;
        c.node = node;
        c.width = lane.width;
        c.shape = lane.shape;
        for (const std::string& crossed : edge.crossing_edges) {
          const auto it = edge_index_.find(crossed);
          if (it == edge_index_.end()) {
            xml::fail_at(in_.file, edge.where, "edge crossingEdges", xml::quote(crossed),
                         "the id of an edge in the file");
          }
          if (in_.link_of_edge[it->second] != kNoId) {
            c.crossed_links.push_back(in_.link_of_edge[it->second]);
          }
        }
        elements_[e] = {
            {WalkElement::Kind::kCrosswalk, static_cast<std::uint32_t>(spec_.crosswalks.size())}};
        spec_.crosswalks.push_back(std::move(c));
        return;
      }
      case EdgeFunction::kNormal:
        break;
    }
    elements_[e].resize(edge.lanes.size());
    const LinkId link = in_.link_of_edge[e];
    for (std::size_t i = 0; i < edge.lanes.size(); ++i) {
      const Lane& lane = edge.lanes[i];
      if (lane.access != LaneAccess::kNone || !lane.pedestrians) continue;
      if (lane.shape.size() < 2) {
        xml::fail_at(in_.file, lane.where, "lane shape", "fewer than two points",
                     "the sidewalk's centre line");
      }
      if (link != kNoId) {
        PedestrianSpec::SidewalkSpec s;
        s.link = link;
        // SUMO numbers lanes from the right: a pedestrian lane above index 0 that is the last
        // lane lies on the left (a one-way street's left sidewalk).
        s.side = i > 0 && i + 1 == edge.lanes.size() ? LinkSide::kLeft : LinkSide::kRight;
        s.width = lane.width;
        s.shape = lane.shape;
        elements_[e][i] = {WalkElement::Kind::kSidewalk,
                           static_cast<std::uint32_t>(spec_.sidewalks.size())};
        spec_.sidewalks.push_back(std::move(s));
      } else {
        elements_[e][i] = {WalkElement::Kind::kFootpath,
                           static_cast<std::uint32_t>(spec_.footpaths.size())};
        spec_.footpaths.push_back({lane.id, lane.width, lane.shape});
      }
    }
  }

  WalkingAreaId* end_of(const WalkElement& element, bool at_start) {
    switch (element.kind) {
      case WalkElement::Kind::kSidewalk: {
        auto& s = spec_.sidewalks[element.index];
        return at_start ? &s.from_area : &s.to_area;
      }
      case WalkElement::Kind::kFootpath: {
        auto& f = spec_.footpaths[element.index];
        return at_start ? &f.from_area : &f.to_area;
      }
      case WalkElement::Kind::kCrosswalk: {
        auto& c = spec_.crosswalks[element.index];
        return at_start ? &c.from_area : &c.to_area;
      }
      case WalkElement::Kind::kNone:
        break;
    }
    return nullptr;
  }

  const WalkElement* element_at(std::size_t edge, std::size_t lane, const Connection& c,
                                const char* attribute) const {
    const auto& lanes = elements_[edge];
    if (lanes.empty()) return nullptr;
    if (lane >= in_.net.edges[edge].lanes.size()) {
      xml::fail_at(in_.file, c.where, std::string("connection ") + attribute, std::to_string(lane),
                   "a lane index of edge " + xml::quote(in_.net.edges[edge].id));
    }
    return &lanes[lane];
  }

  // Walking areas join what arrives into them and what leaves them (each end set once).
  void join(const Connection& c) {
    const std::size_t from = edge_index_.at(c.from);  // known: checked with the road connections
    const std::size_t to = edge_index_.at(c.to);
    if (area_of_edge_[to] != kNoId) {
      if (const WalkElement* element = element_at(from, c.from_lane, c, "fromLane")) {
        WalkingAreaId* end = end_of(*element, false);
        if (end != nullptr && *end == kNoId) *end = area_of_edge_[to];
      }
    }
    if (area_of_edge_[from] != kNoId) {
      if (const WalkElement* element = element_at(to, c.to_lane, c, "toLane")) {
        WalkingAreaId* end = end_of(*element, true);
        if (end != nullptr && *end == kNoId) *end = area_of_edge_[from];
        if (element->kind == WalkElement::Kind::kCrosswalk && !c.tl.empty()) {
          signals_.push_back({element->index, &c});
        }
      }
    }
  }

  void add_pedestrian_signals() {
    for (const auto& [crosswalk, connection] : signals_) {
      auto& c = spec_.crosswalks[crosswalk];
      if (!c.program_states.empty()) continue;
      const TlLogic* program = in_.program_of_node[c.node];
      if (program == nullptr || program->id != connection->tl) {
        approximated_.add("crossings whose traffic light brought no program tied by stage only",
                          in_.net.edges[edge_index_.at(connection->to)].id);
        continue;
      }
      for (const Phase& phase : program->phases) {
        c.program_states.push_back(signal_state_of(phase.state[*connection->link_index]));
      }
      ++signalised_;
    }
  }

  void report() {
    report_.approximated.push_back(
        "pedestrian layer from the file: " + std::to_string(spec_.sidewalks.size()) +
        " sidewalks, " + std::to_string(spec_.footpaths.size()) + " footpaths, " +
        std::to_string(spec_.crosswalks.size()) + " crossings (" + std::to_string(signalised_) +
        " with their own pedestrian signal, tied to the vehicle signal groups green with it), " +
        std::to_string(spec_.walking_areas.size()) +
        " walking areas (walked through as points: 0 m)");
    skipped_.flush_to(report_.skipped);
    approximated_.flush_to(report_.approximated);
  }

  const PedestrianImport& in_;
  ImportReport& report_;
  PedestrianSpec spec_;
  ReportLines skipped_;
  ReportLines approximated_;
  std::unordered_map<std::string, NodeId> node_of_;
  std::unordered_map<std::string, std::size_t> edge_index_;
  std::vector<std::vector<WalkElement>> elements_;  // per edge, per lane
  std::vector<WalkingAreaId> area_of_edge_;
  std::vector<std::pair<std::uint32_t, const Connection*>> signals_;
  std::size_t signalised_ = 0;
};

}  // namespace

std::optional<PedestrianSpec> pedestrian_spec(const PedestrianImport& in, ImportReport& report) {
  return PedestrianImporter(in, report).run();
}

}  // namespace citytwin::sumo
