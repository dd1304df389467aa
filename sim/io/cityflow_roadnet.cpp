// CityFlow roadnet.json -> citytwin Network.
//
// CityFlow conventions this importer relies on, checked in CityFlow's source
// (github.com/cityflow-project/CityFlow, src/roadnet/roadnet.cpp, src/utility/utility.cpp):
// - Lane order. Road::initLanesPoints places lane k at offset (w_0 + ... + w_{k-1} + w_k / 2) along
//   v = -u.normal(), where u is the direction of travel and Point::normal() is (-y, x), i.e. v
//   points to the RIGHT of travel. Road `points` are the road centre line and lane 0 is the lane
//   next to it: CityFlow lane 0 is the innermost (leftmost) lane, the last lane is at the kerb.
//   citytwin lane 0 is the rightmost, so CityFlow lane k becomes citytwin lane (n - 1 - k). The
//   datasets agree: road_0_1_0 runs east along y = 0 and its laneLinks start lane 1 at y = -6
//   (4 m lanes: lane 0 at -2, lane 1 at -6).
// - Length. initLanesPoints first moves the road's first point forward by the start
//   intersection's `width` and its last point back by the end intersection's `width` (only at
//   non-virtual intersections), then offsets the result per lane; a lane's length is the length of
//   its offset polyline. That trimmed centre line is the link's shape here (the gap between two
//   roads' ends is the junction box the connection curves cross), and the mean of the lanes'
//   CityFlow lengths is the link length (they are equal on straight roads, as in every road of
//   the Jinan and Hangzhou datasets; a spread above 1 cm is reported).
// - Virtual intersections: CityFlow reads only their id, point and roads; roadLinks and
//   trafficLight are skipped ("skip other information if intersection is virtual"), and so are
//   they here (reported).
// - Signals: a lightphase lists the roadLink indices that may go (availableRoadLinks); all others
//   stop. There is no amber: CityFlow switches instantly.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sim/io/importers.hpp"
#include "sim/io/json_reader.hpp"
#include "sim/network/network_builder.hpp"
#include "sim/network/stage_plan.hpp"

namespace citytwin {
namespace {

using json_input::JsonValue;

std::string quoted(const std::string& text) {
  return "\"" + text + "\"";
}

// "3 things: a, b, c" with at most five ids shown, for report lines.
std::string count_with_examples(std::size_t count, const std::string& what,
                                const std::vector<std::string>& ids) {
  std::string line = std::to_string(count) + " " + what;
  for (std::size_t i = 0; i < ids.size() && i < 5; ++i) line += (i == 0 ? ": " : ", ") + ids[i];
  if (ids.size() > 5) line += ", ...";
  return line;
}

Vec2 read_point(const JsonValue& value) {
  value.require_object("a point (an object with x and y)");
  return {value.member("x").number("a coordinate in metres (a number)"),
          value.member("y").number("a coordinate in metres (a number)")};
}

struct IntersectionInfo {
  NodeId node = kNoId;
  bool is_virtual = false;
  double width = 0.0;  // only read for non-virtual intersections, as CityFlow does
};

struct RoadInfo {
  LinkId link = kNoId;
  std::size_t start = 0;  // index into the intersections array
  std::size_t end = 0;
  std::uint32_t lane_count = 0;
};

// One CityFlow roadLink of a non-virtual intersection, read before the lightphases so that the
// signal groups can be given their stage.
struct RoadLinkInfo {
  Turn turn = Turn::kStraight;
  std::vector<std::pair<LaneId, LaneId>> lane_pairs;
};

Turn read_turn(const JsonValue& value) {
  static const std::map<std::string, Turn, std::less<>> kTurns = {
      {"go_straight", Turn::kStraight}, {"turn_left", Turn::kLeft}, {"turn_right", Turn::kRight}};
  constexpr const char* kExpected = "a roadLink type (go_straight, turn_left or turn_right)";
  if (!value.raw().is_string()) value.expected(kExpected);
  const auto it = kTurns.find(value.raw().get_ref<const std::string&>());
  if (it == kTurns.end()) value.expected(kExpected);
  return it->second;
}

class RoadnetImporter {
 public:
  RoadnetImporter(const std::filesystem::path& file, const nlohmann::json& document,
                  ImportReport& report)
      : root_(file, document), report_(report) {}

  Network run() {
    root_.require_object("a CityFlow roadnet (an object with intersections and roads)");
    const JsonValue intersections = root_.member("intersections");
    const JsonValue roads = root_.member("roads");
    const std::size_t intersection_count = intersections.require_array("an array of intersections");
    const std::size_t road_count = roads.require_array("an array of roads");

    for (std::size_t i = 0; i < intersection_count; ++i) read_intersection(intersections[i]);
    for (std::size_t r = 0; r < road_count; ++r) read_road(roads[r]);
    for (std::size_t i = 0; i < intersection_count; ++i) {
      read_road_list(intersections[i]);
      if (!intersection_info_[i].is_virtual) read_movements(intersections[i], i);
    }
    Network network = builder_.build();
    report_lines();
    report_.nodes += network.nodes().size();
    report_.links += network.links().size();
    report_.lanes += network.lanes().size();
    report_.connections += network.connections().size();
    report_.signal_programs += network.signal_programs().size();
    return network;
  }

 private:
  void read_intersection(const JsonValue& value) {
    value.require_object("an intersection (an object)");
    const JsonValue id_value = value.member("id");
    const std::string id = id_value.string("an intersection id (a non-empty string)");
    if (!intersection_index_.emplace(id, intersection_info_.size()).second) {
      id_value.fail("duplicate intersection id " + quoted(id));
    }
    IntersectionInfo info;
    const Vec2 point = read_point(value.member("point"));
    info.is_virtual = value.member("virtual").boolean("true or false");
    NodeControl control = NodeControl::kBoundary;
    if (info.is_virtual) {
      if (const auto light = value.find("trafficLight"); light && has_phases(*light)) {
        virtual_lights_.push_back(id);
      }
      if (const auto links = value.find("roadLinks");
          links && links->raw().is_array() && !links->raw().empty()) {
        virtual_road_links_.push_back(id);
      }
    } else {
      info.width = value.member("width").non_negative("an intersection width in metres (>= 0)");
      const auto light = value.find("trafficLight");
      if (light) light->require_object("a trafficLight (an object with lightphases)");
      control = light && light->member("lightphases").require_array("an array of lightphases") > 0
                    ? NodeControl::kSignal
                    : NodeControl::kPriority;
    }
    info.node = builder_.add_node(id, point, control);
    intersection_info_.push_back(info);
  }

  static bool has_phases(const JsonValue& light) {
    const auto phases = light.raw().is_object() ? light.find("lightphases") : std::nullopt;
    return phases && phases->raw().is_array() && !phases->raw().empty();
  }

  std::size_t intersection_named(const JsonValue& value) const {
    const std::string id = value.string("an intersection id (a non-empty string)");
    const auto it = intersection_index_.find(id);
    if (it == intersection_index_.end()) value.fail("unknown intersection " + quoted(id));
    return it->second;
  }

  const RoadInfo& road_named(const JsonValue& value) const {
    const std::string id = value.string("a string naming a road");
    const auto it = road_index_.find(id);
    if (it == road_index_.end()) value.fail("unknown road " + quoted(id));
    return roads_[it->second];
  }

  void read_road(const JsonValue& value) {
    value.require_object("a road (an object)");
    const JsonValue id_value = value.member("id");
    const std::string id = id_value.string("a road id (a non-empty string)");
    if (!road_index_.emplace(id, roads_.size()).second) {
      id_value.fail("duplicate road id " + quoted(id));
    }
    RoadInfo road;
    road.start = intersection_named(value.member("startIntersection"));
    road.end = intersection_named(value.member("endIntersection"));

    const JsonValue lanes = value.member("lanes");
    const std::size_t lane_count = lanes.require_array("an array of lanes");
    if (lane_count == 0) lanes.fail("a road needs at least one lane");
    std::vector<double> widths(lane_count);
    std::vector<double> speeds(lane_count);
    for (std::size_t k = 0; k < lane_count; ++k) {
      const JsonValue lane = lanes[k];
      lane.require_object("a lane (an object with width and maxSpeed)");
      widths[k] = lane.member("width").positive("a lane width in metres (> 0)");
      speeds[k] = lane.member("maxSpeed").positive("a speed limit in m/s (> 0)");
    }
    road.lane_count = static_cast<std::uint32_t>(lane_count);

    const JsonValue points = value.member("points");
    const std::size_t point_count = points.require_array("an array of at least 2 points");
    if (point_count < 2) points.expected("an array of at least 2 points");
    std::vector<Vec2> shape(point_count);
    for (std::size_t p = 0; p < point_count; ++p) {
      shape[p] = read_point(points[p]);
      if (p > 0 && shape[p] == shape[p - 1]) {
        points[p].fail("the point repeats the one before it (a road segment of zero length)");
      }
    }
    trim_at_intersections(points, road, shape);
    const std::vector<double> lengths = cityflow_lane_lengths(points, shape, widths);

    const double link_speed = *std::max_element(speeds.begin(), speeds.end());
    double width_sum = 0.0;
    for (const double w : widths) width_sum += w;
    const double lane_width = width_sum / static_cast<double>(lane_count);
    if (std::any_of(widths.begin(), widths.end(), [&](double w) { return w != widths[0]; })) {
      mixed_width_roads_.push_back(id);
    }
    double length_sum = 0.0;
    for (const double l : lengths) length_sum += l;
    const auto [shortest, longest] = std::minmax_element(lengths.begin(), lengths.end());
    if (*longest - *shortest > 0.01) uneven_length_roads_.push_back(id);

    road.link = builder_.add_link(id, intersection_info_[road.start].node,
                                  intersection_info_[road.end].node, road.lane_count, link_speed,
                                  shape, lane_width);
    builder_.set_link_length(road.link, length_sum / static_cast<double>(lane_count));
    for (std::size_t k = 0; k < lane_count; ++k) {
      if (speeds[k] != link_speed) {
        builder_.set_lane_speed_limit(builder_.lane(road.link, to_citytwin_lane(road, k)),
                                      speeds[k]);
      }
    }
    roads_.push_back(road);
  }

  // CityFlow lane k (0 = next to the centre line) is citytwin lane n-1-k (0 = at the kerb).
  static std::uint32_t to_citytwin_lane(const RoadInfo& road, std::uint64_t cityflow_lane) {
    return road.lane_count - 1 - static_cast<std::uint32_t>(cityflow_lane);
  }

  // Road::initLanesPoints: the first and last points move into the road by the width of a
  // non-virtual intersection. A segment no longer than that width would be turned around.
  void trim_at_intersections(const JsonValue& points, const RoadInfo& road,
                             std::vector<Vec2>& shape) const {
    const IntersectionInfo& start = intersection_info_[road.start];
    const IntersectionInfo& end = intersection_info_[road.end];
    const double cut_start = start.is_virtual ? 0.0 : start.width;
    const double cut_end = end.is_virtual ? 0.0 : end.width;
    const std::size_t n = shape.size();
    const double first = distance(shape[0], shape[1]);
    const double last = distance(shape[n - 2], shape[n - 1]);
    const bool too_short =
        n == 2 ? !(first > cut_start + cut_end) : !(first > cut_start) || !(last > cut_end);
    if (too_short) {
      points.fail("the road is too short for its intersections: CityFlow cuts " +
                  json_input::format_number(cut_start) + " m at the start and " +
                  json_input::format_number(cut_end) + " m at the end (the intersection widths)");
    }
    const Vec2 start_dir = normalized(shape[1] - shape[0]);
    const Vec2 end_dir = normalized(shape[n - 1] - shape[n - 2]);
    shape[0] = shape[0] + start_dir * cut_start;
    shape[n - 1] = shape[n - 1] - end_dir * cut_end;
  }

  // The lengths CityFlow gives the lanes: each lane's points are the trimmed centre points offset
  // to the right by the lane's middle distance, along the segment normal at the ends and along
  // the normal of the (unscaled) bisector at interior points.
  static std::vector<double> cityflow_lane_lengths(const JsonValue& points,
                                                   const std::vector<Vec2>& shape,
                                                   const std::vector<double>& widths) {
    const std::size_t n = shape.size();
    std::vector<Vec2> normals(n);
    for (std::size_t j = 0; j < n; ++j) {
      Vec2 u;
      if (j == 0) {
        u = normalized(shape[1] - shape[0]);
      } else if (j + 1 == n) {
        u = normalized(shape[j] - shape[j - 1]);
      } else {
        u = normalized(normalized(shape[j + 1] - shape[j]) + normalized(shape[j] - shape[j - 1]));
        if (u == Vec2{}) points[j].fail("the road turns back on itself at this point");
      }
      normals[j] = Vec2{u.y, -u.x};
    }
    std::vector<double> lengths;
    double inner = 0.0;
    for (const double width : widths) {
      const double offset = inner + width / 2.0;
      double length = 0.0;
      for (std::size_t j = 1; j < n; ++j) {
        length += distance(shape[j - 1] + normals[j - 1] * offset, shape[j] + normals[j] * offset);
      }
      lengths.push_back(length);
      inner += width;
    }
    return lengths;
  }

  // An intersection's "roads" list is informational for us (CityFlow's router searches it), but
  // CityFlow refuses unknown ids, so the importer does too.
  void read_road_list(const JsonValue& value) const {
    const auto list = value.find("roads");
    if (!list) return;
    const std::size_t n = list->require_array("an array of road ids");
    for (std::size_t k = 0; k < n; ++k) road_named((*list)[k]);
  }

  void read_movements(const JsonValue& value, std::size_t index) {
    const IntersectionInfo& info = intersection_info_[index];
    const std::string& name = builder_.node_name(info.node);
    const JsonValue road_links = value.member("roadLinks");
    const std::size_t link_count = road_links.require_array("an array of roadLinks");
    std::vector<RoadLinkInfo> movements(link_count);
    std::map<std::pair<LaneId, LaneId>, std::string> seen;  // lane pair -> where it was first given
    for (std::size_t k = 0; k < link_count; ++k) {
      movements[k] = read_road_link(road_links[k], index, name, seen);
    }

    ProgramStages stages{std::vector<std::uint8_t>(link_count, 0),
                         std::vector<bool>(link_count, false)};
    std::vector<NetworkBuilder::ProgramPhase> phases;
    if (builder_.node_control(info.node) == NodeControl::kSignal) {
      phases = read_phases(value.member("trafficLight").member("lightphases"), name, link_count);
      stages = first_green_stages(phases, link_count);
    }
    for (std::size_t k = 0; k < link_count; ++k) {
      SignalGroupId group = kNoId;
      if (builder_.node_control(info.node) == NodeControl::kSignal) {
        group = builder_.add_signal_group(info.node, "rl" + std::to_string(k), stages.stage[k],
                                          stages.every_stage[k]);
      }
      for (const auto& [from, to] : movements[k].lane_pairs) {
        builder_.add_connection(from, to, movements[k].turn, group);
      }
    }
    if (!phases.empty()) builder_.add_signal_program(info.node, name, 0.0, std::move(phases));
  }

  RoadLinkInfo read_road_link(const JsonValue& value, std::size_t intersection,
                              const std::string& name,
                              std::map<std::pair<LaneId, LaneId>, std::string>& seen) {
    value.require_object("a roadLink (an object)");
    RoadLinkInfo movement;
    movement.turn = read_turn(value.member("type"));
    const JsonValue start_value = value.member("startRoad");
    const JsonValue end_value = value.member("endRoad");
    const RoadInfo& start = road_named(start_value);
    const RoadInfo& end = road_named(end_value);
    if (start.end != intersection) {
      start_value.fail("road " + quoted(start_value.raw().get<std::string>()) +
                       " ends at intersection " + quoted(node_name_of(start.end)) +
                       ", expected a road that ends at intersection " + quoted(name));
    }
    if (end.start != intersection) {
      end_value.fail("road " + quoted(end_value.raw().get<std::string>()) +
                     " starts at intersection " + quoted(node_name_of(end.start)) +
                     ", expected a road that starts at intersection " + quoted(name));
    }
    const JsonValue lane_links = value.member("laneLinks");
    const std::size_t n = lane_links.require_array("an array of laneLinks");
    for (std::size_t l = 0; l < n; ++l) {
      const JsonValue lane_link = lane_links[l];
      lane_link.require_object("a laneLink (an object)");
      const std::uint64_t from =
          lane_link.member("startLaneIndex")
              .index(start.lane_count, lane_index_expectation(start_value, start));
      const std::uint64_t to = lane_link.member("endLaneIndex")
                                   .index(end.lane_count, lane_index_expectation(end_value, end));
      if (const auto points = lane_link.find("points")) {
        if (points->require_array("an array of points") > 0) ++lane_link_paths_;
      }
      const std::pair<LaneId, LaneId> pair{builder_.lane(start.link, to_citytwin_lane(start, from)),
                                           builder_.lane(end.link, to_citytwin_lane(end, to))};
      const auto [it, added] = seen.emplace(pair, lane_link.pointer());
      if (!added) lane_link.fail("the same lanes are already linked at " + it->second);
      movement.lane_pairs.push_back(pair);
    }
    return movement;
  }

  const std::string& node_name_of(std::size_t intersection) const {
    return builder_.node_name(intersection_info_[intersection].node);
  }

  static std::string lane_index_expectation(const JsonValue& road_value, const RoadInfo& road) {
    return "a lane index of road " + quoted(road_value.raw().get<std::string>()) + " (0 to " +
           std::to_string(road.lane_count - 1) + ")";
  }

  std::vector<NetworkBuilder::ProgramPhase> read_phases(const JsonValue& value,
                                                        const std::string& name,
                                                        std::size_t link_count) const {
    const std::size_t n = value.require_array("an array of lightphases");
    const std::string index_expectation =
        link_count == 0 ? "no roadLink index (intersection " + quoted(name) + " has no roadLinks)"
                        : "a roadLink index of intersection " + quoted(name) + " (0 to " +
                              std::to_string(link_count - 1) + ")";
    std::vector<NetworkBuilder::ProgramPhase> phases(n);
    double cycle = 0.0;
    for (std::size_t p = 0; p < n; ++p) {
      const JsonValue phase = value[p];
      phase.require_object("a lightphase (an object with time and availableRoadLinks)");
      phases[p].duration = phase.member("time").non_negative("a phase time in s (>= 0)");
      cycle += phases[p].duration;
      phases[p].states.assign(link_count, SignalState::kRed);
      const JsonValue green = phase.member("availableRoadLinks");
      const std::size_t g = green.require_array("an array of roadLink indices");
      for (std::size_t k = 0; k < g; ++k) {
        phases[p].states[green[k].index(link_count, index_expectation)] = SignalState::kGreen;
      }
    }
    if (!(cycle > 0.0)) value.fail("the lightphases last 0 s in total, expected a cycle > 0 s");
    return phases;
  }

  // The `stage` of each group for `control: fixed_time` (see stages_from_program): CityFlow's right
  // turns, green in every phase including its 5 s all-red-but-right-turn clearance phase, are
  // green in every stage; the other movements take the stage of their first green phase.
  static ProgramStages first_green_stages(const std::vector<NetworkBuilder::ProgramPhase>& phases,
                                          std::size_t link_count) {
    std::vector<std::vector<bool>> green(phases.size(), std::vector<bool>(link_count, false));
    for (std::size_t p = 0; p < phases.size(); ++p) {
      for (std::size_t k = 0; k < link_count; ++k) {
        green[p][k] = phases[p].states[k] == SignalState::kGreen;
      }
    }
    return stages_from_program(green);
  }

  void report_lines() {
    if (!virtual_lights_.empty()) {
      report_.skipped.push_back(count_with_examples(
          virtual_lights_.size(),
          "trafficLights of virtual intersections ignored (CityFlow ignores them too)",
          virtual_lights_));
    }
    if (!virtual_road_links_.empty()) {
      report_.skipped.push_back(count_with_examples(
          virtual_road_links_.size(),
          "virtual intersections' roadLinks ignored (CityFlow ignores them too)",
          virtual_road_links_));
    }
    if (lane_link_paths_ > 0) {
      report_.approximated.push_back(std::to_string(lane_link_paths_) +
                                     " laneLink paths (points) replaced by citytwin's connection "
                                     "curves between the lane ends");
    }
    if (!mixed_width_roads_.empty()) {
      report_.approximated.push_back(count_with_examples(
          mixed_width_roads_.size(), "roads with lanes of different widths get their mean width",
          mixed_width_roads_));
    }
    if (!uneven_length_roads_.empty()) {
      report_.approximated.push_back(count_with_examples(
          uneven_length_roads_.size(),
          "bent roads whose lanes have different CityFlow lengths get their mean length",
          uneven_length_roads_));
    }
    report_.approximated.push_back(
        "CityFlow's crossing model (laneLink crosses, yielding by turn type) replaced by "
        "citytwin's signal and priority rules");
  }

  JsonValue root_;
  ImportReport& report_;
  NetworkBuilder builder_;
  std::vector<IntersectionInfo> intersection_info_;
  std::unordered_map<std::string, std::size_t> intersection_index_;
  std::vector<RoadInfo> roads_;
  std::unordered_map<std::string, std::size_t> road_index_;
  std::vector<std::string> virtual_lights_;
  std::vector<std::string> virtual_road_links_;
  std::vector<std::string> mixed_width_roads_;
  std::vector<std::string> uneven_length_roads_;
  std::size_t lane_link_paths_ = 0;
};

}  // namespace

Network import_cityflow_roadnet(const std::filesystem::path& file, ImportReport& report) {
  const nlohmann::json document = json_input::parse_file(file);
  try {
    return RoadnetImporter(file, document, report).run();
  } catch (const NetworkError& error) {
    // What the builder still finds (e.g. a road that starts and ends at one intersection) is a
    // problem of the file, so it is reported against the file.
    throw ImportError(file.string() + ": error: " + error.what());
  }
}

}  // namespace citytwin
