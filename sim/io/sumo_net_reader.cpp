// Streaming read of a SUMO .net.xml into NetRecords. Only edges, lanes, junctions, connections,
// tlLogics with their phases and params are read; every other element (location, type, neigh, ...)
// is passed over, so any network SUMO loads can be read. Junctions' <request> rows (SUMO's
// right-of-way matrix) are read; <roundabout>s are counted for the import report.
#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_set>

#include "sim/io/sumo_net_records.hpp"

namespace citytwin::sumo {
namespace {

bool listed(std::string_view list, std::string_view word) {
  std::size_t start = 0;
  while (start < list.size()) {
    const std::size_t space = list.find(' ', start);
    const std::string_view token = list.substr(start, space - start);
    if (token == word || token == "all") return true;
    if (space == std::string_view::npos) break;
    start = space + 1;
  }
  return false;
}

bool class_allowed(const xml::Element& lane, std::string_view vclass) {
  const auto allow = lane.get("allow");
  const auto disallow = lane.get("disallow");
  if (allow) return listed(*allow, vclass);
  if (disallow) return !listed(*disallow, vclass);
  return true;
}

LaneAccess lane_access(const xml::Element& lane) {
  auto allowed = [&](std::string_view vclass) { return class_allowed(lane, vclass); };
  if (allowed("passenger")) return LaneAccess::kAll;
  const bool any = std::any_of(kRoadClassNames.begin(), kRoadClassNames.end(), allowed);
  return any ? LaneAccess::kRestricted : LaneAccess::kNone;
}

// The road classes the lane allows (SUMO's own, road_class.hpp).
RoadClasses road_classes(const xml::Element& lane) {
  RoadClasses classes = 0;
  for (std::size_t c = 0; c < kRoadClassCount; ++c) {
    if (class_allowed(lane, kRoadClassNames[c])) classes |= static_cast<RoadClasses>(1u << c);
  }
  return classes;
}

std::vector<Vec2> parse_shape(const xml::Element& element) {
  std::vector<Vec2> points;
  const auto text = element.get("shape");
  if (!text) return points;
  std::size_t start = 0;
  while (start < text->size()) {
    std::size_t end = text->find(' ', start);
    if (end == std::string_view::npos) end = text->size();
    const std::string_view point = text->substr(start, end - start);
    start = end + 1;
    if (point.empty()) continue;
    // "x,y" or "x,y,z" (z is dropped: citytwin is planar).
    const std::size_t comma = point.find(',');
    const std::size_t comma2 =
        comma == std::string_view::npos ? std::string_view::npos : point.find(',', comma + 1);
    const auto x = xml::parse_number(point.substr(0, comma));
    const auto y = comma == std::string_view::npos
                       ? std::nullopt
                       : xml::parse_number(point.substr(comma + 1, comma2 - comma - 1));
    const bool z_ok =
        comma2 == std::string_view::npos || xml::parse_number(point.substr(comma2 + 1)).has_value();
    if (!x || !y || !z_ok) {
      element.fail("shape", xml::quote(point), "points \"x,y\" separated by spaces");
    }
    points.push_back({*x, *y});
  }
  return points;
}

std::vector<std::string> split_words(std::string_view list) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < list.size()) {
    std::size_t end = list.find(' ', start);
    if (end == std::string_view::npos) end = list.size();
    if (end > start) words.emplace_back(list.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

constexpr std::string_view kStateChars = "GgyYrsuoO";

class NetHandler : public xml::Handler {
 public:
  NetRecords records;

  void start(const xml::Element& e) override {
    const std::string_view name = e.name();
    if (e.depth() == 1) {
      if (name != "net") {
        xml::fail_at(e.file(), e.where(), "root element", xml::tag(name),
                     "<net> (a SUMO .net.xml network)");
      }
      return;
    }
    if (e.depth() == 2) {
      if (name == "edge") return start_edge(e);
      if (name == "junction") return start_junction(e);
      if (name == "connection") return start_connection(e);
      if (name == "tlLogic") return start_tl_logic(e);
      if (name == "roundabout") ++records.roundabouts;
      return;
    }
    if (e.depth() == 3 && name == "lane" && in_edge_) return start_lane(e);
    if (e.depth() == 3 && name == "request" && in_junction_) return start_request(e);
    if (e.depth() == 3 && name == "phase" && in_tl_logic_) return start_phase(e);
    if (e.depth() == 3 && name == "param" && in_tl_logic_) {
      records.tl_logics.back().params[std::string(e.required("key"))] = e.required("value");
    }
  }

  void end(std::string_view name) override {
    if (name == "edge") in_edge_ = false;
    if (name == "junction") in_junction_ = false;
    if (name == "tlLogic" && in_tl_logic_) {
      in_tl_logic_ = false;
      const TlLogic& tl = records.tl_logics.back();
      if (tl.phases.empty()) {
        xml::fail_at(tl_file_, tl.where, "tlLogic phase", "no phases", "at least one <phase>");
      }
    }
  }

 private:
  void start_edge(const xml::Element& e) {
    Edge edge;
    edge.id = e.required("id");
    edge.where = e.where();
    if (!edge_ids_.insert(edge.id).second) {
      e.fail("id", xml::quote(edge.id), "an edge id not used before");
    }
    const std::string_view function = e.get("function").value_or("normal");
    edge.special = function == "internal" || function == "crossing" || function == "walkingarea";
    edge.function = function == "internal"      ? EdgeFunction::kInternal
                    : function == "crossing"    ? EdgeFunction::kCrossing
                    : function == "walkingarea" ? EdgeFunction::kWalkingArea
                                                : EdgeFunction::kNormal;
    if (edge.function == EdgeFunction::kCrossing) {
      edge.crossing_edges = split_words(e.required("crossingEdges"));
      if (edge.crossing_edges.empty()) {
        e.fail("crossingEdges", "an empty list", "the ids of the edges the crossing crosses");
      }
    }
    if (!edge.special) {
      edge.from = e.required("from");
      edge.to = e.required("to");
    }
    records.edges.push_back(std::move(edge));
    in_edge_ = true;
  }

  void start_lane(const xml::Element& e) {
    Edge& edge = records.edges.back();
    if (edge.function == EdgeFunction::kInternal) {
      // Not imported; only its speed is kept (the movement's turning speed).
      const auto id = e.get("id");
      const auto speed = e.optional_number("speed", 0.0, true);
      if (id && speed) records.internal_lane_speed[std::string(*id)] = *speed;
      return;
    }
    Lane lane;
    lane.id = e.required("id");
    lane.where = e.where();
    const std::size_t index = e.index("index");
    if (index != edge.lanes.size()) {
      e.fail("index", std::to_string(index),
             std::to_string(edge.lanes.size()) + " (lanes of an edge are listed from 0 in order)");
    }
    lane.speed = e.number("speed", 0.0, true);
    lane.length = e.number("length", 0.0, !edge.special);  // a walking area may be a point
    lane.width = e.optional_number("width", 0.0, true).value_or(3.2);
    lane.shape = parse_shape(e);
    lane.access = lane_access(e);
    lane.road_classes = road_classes(e);
    lane.pedestrians = class_allowed(e, "pedestrian");
    if (edge.special && lane.shape.size() < 2) {
      e.fail("shape", lane.shape.empty() ? "no shape" : "a single point",
             "at least two points \"x,y\" (the crossing or walking area)");
    }
    edge.lanes.push_back(std::move(lane));
  }

  void start_junction(const xml::Element& e) {
    Junction junction;
    junction.id = e.required("id");
    junction.type = e.required("type");
    junction.where = e.where();
    if (junction.type == "internal") return;  // SUMO's internal junctions inside a junction box
    if (!junction_ids_.insert(junction.id).second) {
      e.fail("id", xml::quote(junction.id), "a junction id not used before");
    }
    junction.position = {e.number("x"), e.number("y")};
    junction.inc_lanes = split_words(e.get("incLanes").value_or(""));
    records.junctions.push_back(std::move(junction));
    in_junction_ = true;
  }

  void start_request(const xml::Element& e) {
    Junction& junction = records.junctions.back();
    Request request;
    request.index = e.index("index");
    request.response = e.required("response");
    request.foes = e.required("foes");
    request.cont = e.get("cont").value_or("0") == "1";
    for (const std::string* bits : {&request.response, &request.foes}) {
      if (bits->find_first_not_of("01") != std::string::npos) {
        e.fail(bits == &request.response ? "response" : "foes", xml::quote(*bits),
               "a string of 0 and 1, one per link of the junction");
      }
    }
    junction.has_request = true;
    junction.requests.push_back(std::move(request));
  }

  void start_connection(const xml::Element& e) {
    Connection c;
    c.from = e.required("from");
    c.to = e.required("to");
    c.from_lane = e.index("fromLane");
    c.to_lane = e.index("toLane");
    c.dir = e.get("dir").value_or("");
    c.via = e.get("via").value_or("");
    const std::string_view state = e.get("state").value_or("");
    c.state = state.empty() ? '\0' : state.front();
    c.tl = e.get("tl").value_or("");
    if (!c.tl.empty()) {
      if (e.get("linkIndex") == "-1") {
        c.uncontrolled_tl = std::move(c.tl);
        c.tl.clear();
      } else {
        c.link_index = e.index("linkIndex");
      }
    }
    c.where = e.where();
    records.connections.push_back(std::move(c));
  }

  void start_tl_logic(const xml::Element& e) {
    TlLogic tl;
    tl.id = e.required("id");
    tl.type = e.get("type").value_or("static");
    tl.program_id = e.get("programID").value_or("0");
    tl.offset = e.optional_number("offset").value_or(0.0);
    tl.where = e.where();
    tl_file_ = e.file();
    records.tl_logics.push_back(std::move(tl));
    in_tl_logic_ = true;
  }

  void start_phase(const xml::Element& e) {
    TlLogic& tl = records.tl_logics.back();
    Phase phase;
    phase.duration = e.number("duration", 0.0);
    phase.min_duration = e.optional_number("minDur");
    phase.max_duration = e.optional_number("maxDur");
    phase.state = e.required("state");
    phase.where = e.where();
    const std::size_t bad = phase.state.find_first_not_of(kStateChars);
    if (phase.state.empty() || bad != std::string::npos) {
      e.fail("state", xml::quote(phase.state),
             "signal states from \"GgyYrsuoO\", one per link of the traffic light");
    }
    if (!tl.phases.empty() && phase.state.size() != tl.phases.front().state.size()) {
      e.fail("state", std::to_string(phase.state.size()) + " signal states",
             std::to_string(tl.phases.front().state.size()) + " (as in the first phase of " +
                 xml::quote(tl.id) + ")");
    }
    tl.phases.push_back(std::move(phase));
  }

  bool in_edge_ = false;
  bool in_junction_ = false;  // inside a junction that was kept (not an internal one)
  bool in_tl_logic_ = false;
  std::string tl_file_;
  std::unordered_set<std::string> edge_ids_;
  std::unordered_set<std::string> junction_ids_;
};

}  // namespace

NetRecords read_sumo_net(const std::filesystem::path& file) {
  NetHandler handler;
  xml::read_file(file, handler);
  return std::move(handler.records);
}

}  // namespace citytwin::sumo
