// Broken CityFlow files: each must fail with an ImportError carrying exactly the located message a
// person needs (FILE:LINE:COL for text the parser cannot read, a JSON pointer for structure), and
// none may crash. Most cases are the small valid network or flow of tests/data/cityflow with one
// thing broken, written to a temporary file; `{file}` in the expected text stands for its path.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/io/importers.hpp"

namespace citytwin {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kTestData = fs::path(CITYTWIN_TEST_DATA_DIR) / "cityflow";

json read_json(const fs::path& file) {
  std::ifstream in(file);
  return json::parse(in);
}

std::string roadnet_with(const std::function<void(json&)>& change) {
  json j = read_json(kTestData / "small_roadnet.json");
  change(j);
  return j.dump(1);
}

std::string flow_with(const std::function<void(json&)>& change) {
  json j = read_json(kTestData / "small_flow.json");
  change(j);
  return j.dump(1);
}

std::string replace_first(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

enum class Kind { kRoadnet, kFlow };

struct MalformedCase {
  const char* name;
  Kind kind;
  std::function<std::string()> text;
  const char* expected;  // with {file} for the file's path
};

void PrintTo(const MalformedCase& c, std::ostream* os) {
  *os << c.name;
}

fs::path write_case(const std::string& name, const std::string& text) {
  const fs::path file = fs::path(::testing::TempDir()) / ("cityflow_" + name + ".json");
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

std::string expand(std::string text, const fs::path& file) {
  for (std::size_t at = text.find("{file}"); at != std::string::npos; at = text.find("{file}")) {
    text.replace(at, 6, file.string());
  }
  return text;
}

class CityFlowMalformedTest : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(CityFlowMalformedTest, FailsWithTheExactLocatedMessage) {
  const MalformedCase& c = GetParam();
  const fs::path file = write_case(c.name, c.text());
  try {
    ImportReport report;
    if (c.kind == Kind::kRoadnet) {
      import_cityflow_roadnet(file, report);
    } else {
      const Network net = import_cityflow_roadnet(kTestData / "small_roadnet.json", report);
      DemandSpec demand;
      import_cityflow_flow(file, net, demand, report, 3600.0);
      EXPECT_TRUE(demand.trips.empty());
    }
    FAIL() << c.name << " imported without error";
  } catch (const ImportError& error) {
    EXPECT_EQ(std::string(error.what()), expand(c.expected, file));
  }
}

// clang-format off
const MalformedCase kCases[] = {
  // Text the JSON parser cannot read: line and column.
  {"syntax_error", Kind::kRoadnet, [] { return std::string("{\n  \"intersections\": [,]\n}\n"); },
   "{file}:2:21: error: JSON syntax: syntax error while parsing value - unexpected ','; expected '[', '{', or a literal"},
  {"truncated", Kind::kRoadnet, [] { return roadnet_with([](json&) {}).substr(0, 200); },
   "{file}:16:4: error: JSON syntax: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal"},
  {"empty_file", Kind::kRoadnet, [] { return std::string(); },
   "{file}:1:1: error: the file is empty, expected a JSON document"},
  {"blank_flow_file", Kind::kFlow, [] { return std::string("\n  \n"); },
   "{file}:3:1: error: the file is empty, expected a JSON document"},
  {"too_deep", Kind::kRoadnet, [] { return "{\"roads\": " + std::string(64, '[') + std::string(64, ']') + "}"; },
   "{file}:1:74: error: nesting deeper than the import limit of 64 levels"},
  {"flow_syntax_error", Kind::kFlow, [] { return replace_first(flow_with([](json&) {}), "\"interval\": 2.0", "\"interval\" 2.0"); },
   "{file}:4:16: error: JSON syntax: syntax error while parsing object separator - unexpected number literal; expected ':'"},
  // Structure: JSON pointer.
  {"top_level_array", Kind::kRoadnet, [] { return std::string("[1, 2]"); },
   "{file}: error: at the top level: expected a CityFlow roadnet (an object with intersections and roads), found an array"},
  {"flow_top_level_object", Kind::kFlow, [] { return std::string("{\"route\": []}"); },
   "{file}: error: at the top level: expected a CityFlow flow file (an array of flows), found an object"},
  {"missing_key", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["roads"][2].erase("lanes"); }); },
   "{file}: error: at /roads/2: missing key \"lanes\""},
  {"width_is_string", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["roads"][0]["lanes"][0]["width"] = "4"; }); },
   "{file}: error: at /roads/0/lanes/0/width: expected a lane width in metres (> 0), found \"4\""},
  {"start_road_is_number", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["intersections"][3]["roadLinks"][0]["startRoad"] = 12; }); },
   "{file}: error: at /intersections/3/roadLinks/0/startRoad: expected a string naming a road, found 12"},
  {"unknown_road_in_road_link", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["intersections"][3]["roadLinks"][1]["endRoad"] = "road_XY"; }); },
   "{file}: error: at /intersections/3/roadLinks/1/endRoad: unknown road \"road_XY\""},
  {"road_link_from_wrong_road", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["intersections"][3]["roadLinks"][0]["startRoad"] = "road_CE"; }); },
   "{file}: error: at /intersections/3/roadLinks/0/startRoad: road \"road_CE\" ends at intersection \"E\", expected a road that ends at intersection \"C\""},
  {"unknown_road_link_type", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["intersections"][3]["roadLinks"][2]["type"] = "u_turn"; }); },
   "{file}: error: at /intersections/3/roadLinks/2/type: expected a roadLink type (go_straight, turn_left or turn_right), found \"u_turn\""},
  {"lane_index_out_of_range", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["intersections"][3]["roadLinks"][0]["laneLinks"][1]["startLaneIndex"] = 2; }); },
   "{file}: error: at /intersections/3/roadLinks/0/laneLinks/1/startLaneIndex: expected a lane index of road \"road_WC\" (0 to 1), found 2"},
  {"lane_index_negative", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["intersections"][3]["roadLinks"][2]["laneLinks"][0]["endLaneIndex"] = -1; }); },
   "{file}: error: at /intersections/3/roadLinks/2/laneLinks/0/endLaneIndex: expected a lane index of road \"road_CN\" (0 to 1), found -1"},
  {"duplicate_lane_link", Kind::kRoadnet, [] { return roadnet_with([](json& j) { auto& l = j["intersections"][3]["roadLinks"][0]["laneLinks"]; l[1] = l[0]; }); },
   "{file}: error: at /intersections/3/roadLinks/0/laneLinks/1: the same lanes are already linked at /intersections/3/roadLinks/0/laneLinks/0"},
  {"duplicate_road_id", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["roads"][3]["id"] = "road_WC"; }); },
   "{file}: error: at /roads/3/id: duplicate road id \"road_WC\""},
  {"duplicate_intersection_id", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["intersections"][1]["id"] = "W"; }); },
   "{file}: error: at /intersections/1/id: duplicate intersection id \"W\""},
  {"unknown_intersection", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["roads"][4]["endIntersection"] = "S"; }); },
   "{file}: error: at /roads/4/endIntersection: unknown intersection \"S\""},
  {"negative_speed", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["roads"][1]["lanes"][1]["maxSpeed"] = -3; }); },
   "{file}: error: at /roads/1/lanes/1/maxSpeed: expected a speed limit in m/s (> 0), found -3"},
  {"negative_intersection_width", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["intersections"][3]["width"] = -1.5; }); },
   "{file}: error: at /intersections/3/width: expected an intersection width in metres (>= 0), found -1.5"},
  {"infinite_lane_width", Kind::kRoadnet, [] { return replace_first(roadnet_with([](json&) {}), "\"width\": 3.5", "\"width\": 1e999"); },
   "{file}:172:15: error: JSON number 1e999 is out of the range of a double"},
  {"road_shorter_than_junction", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["intersections"][3]["width"] = 250; }); },
   "{file}: error: at /roads/0/points: the road is too short for its intersections: CityFlow cuts 0 m at the start and 250 m at the end (the intersection widths)"},
  {"single_point_road", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["roads"][1]["points"].erase(1); }); },
   "{file}: error: at /roads/1/points: expected an array of at least 2 points, found an array"},
  {"road_loops_on_one_intersection", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["roads"][4]["endIntersection"] = "C"; j["roads"][4]["points"][1] = {{"x", 100}, {"y", 100}}; j["intersections"][3]["roadLinks"].erase(2); j["intersections"][3]["trafficLight"]["lightphases"][1]["availableRoadLinks"] = {0}; }); },
   "{file}: error: network: link 'road_CN' starts and ends at node 'C'"},
  {"lightphase_bad_road_link_index", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["intersections"][3]["trafficLight"]["lightphases"][1]["availableRoadLinks"][1] = 3; }); },
   "{file}: error: at /intersections/3/trafficLight/lightphases/1/availableRoadLinks/1: expected a roadLink index of intersection \"C\" (0 to 2), found 3"},
  {"lightphases_of_zero_length", Kind::kRoadnet, [] { return roadnet_with([](json& j) { for (auto& p : j["intersections"][3]["trafficLight"]["lightphases"]) p["time"] = 0; }); },
   "{file}: error: at /intersections/3/trafficLight/lightphases: the lightphases last 0 s in total, expected a cycle > 0 s"},
  {"roads_is_an_object", Kind::kRoadnet, [] { return roadnet_with([](json& j) { j["roads"] = {{"a", 1}}; }); },
   "{file}: error: at /roads: expected an array of roads, found an object"},
  // Flows.
  {"interval_zero", Kind::kFlow, [] { return flow_with([](json& j) { j[1]["interval"] = 0; }); },
   "{file}: error: at /1/interval: expected an interval in s (> 0), found 0"},
  {"huge_vehicle_count", Kind::kFlow, [] { return flow_with([](json& j) { j[0]["interval"] = 1e-9; j[0]["startTime"] = 0; j[0]["endTime"] = 3600; }); },
   "{file}: error: at /0: interval 1e-09 s from startTime 0 s to endTime 3600 s gives 3600000000001 vehicles, more than the import limit of 20000000 in all"},
  {"empty_route", Kind::kFlow, [] { return flow_with([](json& j) { j[2]["route"] = json::array(); }); },
   "{file}: error: at /2/route: expected a route of at least one road, found an array"},
  {"unknown_road_in_route", Kind::kFlow, [] { return flow_with([](json& j) { j[1]["route"][1] = "road_XX"; }); },
   "{file}: error: at /1/route/1: unknown road \"road_XX\""},
  {"route_entry_not_a_string", Kind::kFlow, [] { return flow_with([](json& j) { j[0]["route"][0] = 7; }); },
   "{file}: error: at /0/route/0: expected a string naming a road, found 7"},
  {"end_before_start", Kind::kFlow, [] { return flow_with([](json& j) { j[0]["endTime"] = 5; }); },
   "{file}: error: at /0/endTime: expected an endTime >= startTime (10 s), found 5"},
  {"unbounded_flow_too_many", Kind::kFlow, [] { return flow_with([](json& j) { j[0]["interval"] = 1e-4; j[0]["startTime"] = 0; j[0]["endTime"] = -1; }); },
   "{file}: error: at /0: interval 1e-04 s from startTime 0 s to the end 3600 s gives 3.6e+07 vehicles, more than the import limit of 20000000 in all"},
  {"missing_vehicle_parameter", Kind::kFlow, [] { return flow_with([](json& j) { j[2]["vehicle"].erase("maxSpeed"); }); },
   "{file}: error: at /2/vehicle: missing key \"maxSpeed\""},
  {"negative_min_gap", Kind::kFlow, [] { return flow_with([](json& j) { j[4]["vehicle"]["minGap"] = -0.5; }); },
   "{file}: error: at /4/vehicle/minGap: expected a gap in m (>= 0), found -0.5"},
  {"flow_entry_not_an_object", Kind::kFlow, [] { return flow_with([](json& j) { j[1] = "flow"; }); },
   "{file}: error: at /1: expected a flow (an object with vehicle, route, interval, startTime, endTime), found \"flow\""},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(CityFlow, CityFlowMalformedTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(CityFlowMalformed, MissingFileIsAnImportError) {
  const fs::path file = fs::path(::testing::TempDir()) / "cityflow_no_such_file.json";
  ImportReport report;
  try {
    import_cityflow_roadnet(file, report);
    FAIL() << "imported a missing file";
  } catch (const ImportError& error) {
    EXPECT_EQ(std::string(error.what()),
              file.string() + ": error: cannot read the file: No such file or directory");
  }
}

// The size is checked before anything is read: a sparse file of one byte over the limit takes no
// disk space and must be refused by its size alone.
TEST(CityFlowMalformed, FileOverTheSizeLimitIsRefusedUnread) {
  const fs::path file = fs::path(::testing::TempDir()) / "cityflow_huge.json";
  std::ofstream(file).close();
  fs::resize_file(file, kMaxImportFileBytes + 1);
  ImportReport report;
  try {
    import_cityflow_roadnet(file, report);
    FAIL() << "imported an oversized file";
  } catch (const ImportError& error) {
    EXPECT_EQ(std::string(error.what()),
              file.string() + ": error: the file is 536870913 bytes, more than the import limit " +
                  "of 536870912 bytes");
  }
  fs::remove(file);
}

// A route through roads that no roadLink joins is not an error: the entry is skipped and reported
// (with its vehicle count and where it is), the other entries are imported.
TEST(CityFlowMalformed, UnconnectedRouteIsSkippedAndReported) {
  const fs::path file = write_case("unconnected_route", flow_with([](json& j) {
                                     j[1]["route"] = {"road_EC", "road_CN"};  // no such roadLink
                                     j.erase(4);
                                     j.erase(3);
                                   }));
  ImportReport net_report;
  const Network net = import_cityflow_roadnet(kTestData / "small_roadnet.json", net_report);
  DemandSpec demand;
  ImportReport report;
  import_cityflow_flow(file, net, demand, report, 3600.0);
  EXPECT_EQ(demand.trips.size(), 7u);  // 6 of entry 0, 1 of entry 2
  EXPECT_EQ(report.vehicles, 7u);
  EXPECT_EQ(report.skipped,
            std::vector<std::string>{
                "1 flows (4 vehicles) skipped: consecutive route roads with no roadLink between "
                "them (CityFlow would search a shortest path): /1 (road_EC -> road_CN)"});
}

}  // namespace
}  // namespace citytwin
