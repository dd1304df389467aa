// Broken SUMO files: each must fail with exactly the located message a person needs (an
// ImportError, never a crash), or, where SUMO itself would go on, be skipped and reported. Files
// live in tests/data/sumo/malformed/ (each a small edit of valid.net.xml / valid.rou.xml there);
// `{dir}` stands for that folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/io/importers.hpp"
#include "support/scratch_dir.hpp"

namespace citytwin {
namespace {

const std::string kDir = std::string(CITYTWIN_TEST_DATA_DIR) + "/sumo/malformed";

struct MalformedCase {
  const char* file;
  const char* expected;  // with {dir} for the folder
};

std::string expand(std::string text) {
  for (std::size_t at = text.find("{dir}"); at != std::string::npos; at = text.find("{dir}")) {
    text.replace(at, 5, kDir);
  }
  return text;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

Network valid_network() {
  ImportReport report;
  return import_sumo_network(kDir + "/valid.net.xml", report);
}

class SumoMalformedTest : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(SumoMalformedTest, FailsWithTheExactLocatedMessage) {
  const MalformedCase& row = GetParam();
  const std::string file = kDir + "/" + row.file;
  const bool routes = std::string(row.file).ends_with(".rou.xml");
  try {
    ImportReport report;
    if (routes) {
      const Network network = valid_network();
      DemandSpec demand;
      import_sumo_routes(file, network, 1, demand, report);
    } else {
      import_sumo_network(file, report);
    }
    FAIL() << row.file << " imported without error";
  } catch (const ImportError& error) {
    EXPECT_EQ(std::string(error.what()), expand(row.expected));
  }
}

// clang-format off
const MalformedCase kCases[] = {
  {"bad_number.net.xml", R"({dir}/bad_number.net.xml:8:9: error: lane length: found "12abc", expected a number > 0)"},
  {"bad_shape.net.xml", R"({dir}/bad_shape.net.xml:8:9: error: lane shape: found "100.00;-1.60", expected points "x,y" separated by spaces)"},
  {"crossing_unknown_edge.net.xml", R"({dir}/crossing_unknown_edge.net.xml:4:5: error: edge crossingEdges: found "nowhere", expected the id of an edge in the file)"},
  {"crossing_without_edges.net.xml", R"({dir}/crossing_without_edges.net.xml:4:5: error: edge crossingEdges: found an empty list, expected the ids of the edges the crossing crosses)"},
  {"crossing_without_shape.net.xml", R"({dir}/crossing_without_shape.net.xml:5:9: error: lane shape: found no shape, expected at least two points "x,y" (the crossing or walking area))"},
  {"deep_nesting.net.xml", R"({dir}/deep_nesting.net.xml:65:129: error: element param: found nesting depth 65, expected at most 64 (import limit))"},
  {"depart_abc.rou.xml", R"({dir}/depart_abc.rou.xml:6:5: error: vehicle depart: found "abc", expected a time >= 0 in seconds ("12.5" or "H:M:S"), triggered, containerTriggered or now)"},
  {"duplicate_edge.net.xml", R"({dir}/duplicate_edge.net.xml:7:5: error: edge id: found "in", expected an edge id not used before)"},
  {"empty.net.xml", R"({dir}/empty.net.xml:1:1: error: XML: found no element (empty file?), expected well-formed XML)"},
  {"flow_end_before_begin.rou.xml", R"({dir}/flow_end_before_begin.rou.xml:9:5: error: flow end: found "10", expected a time not before begin)"},
  {"flow_two_rates.rou.xml", R"({dir}/flow_two_rates.rou.xml:9:5: error: flow: found more than one of period, vehsPerHour, perHour and probability, expected exactly one of them)"},
  {"flow_without_rate.rou.xml", R"({dir}/flow_without_rate.rou.xml:9:5: error: flow vehsPerHour: found nothing, expected one of period, vehsPerHour, probability or number (a flow needs a rate))"},
  {"lane_index_out_of_range.net.xml", R"({dir}/lane_index_out_of_range.net.xml:18:5: error: connection toLane: found 2, expected a lane index of edge "out" (0..0))"},
  {"lane_out_of_order.net.xml", R"({dir}/lane_out_of_order.net.xml:5:9: error: lane index: found 1, expected 0 (lanes of an edge are listed from 0 in order))"},
  {"missing_lane_length.net.xml", R"({dir}/missing_lane_length.net.xml:5:9: error: lane length: found nothing, expected the required attribute)"},
  {"nan_length.net.xml", R"({dir}/nan_length.net.xml:5:9: error: lane length: found "nan", expected a number > 0)"},
  {"negative_depart.rou.xml", R"({dir}/negative_depart.rou.xml:6:5: error: vehicle depart: found "-3", expected a time >= 0 in seconds ("12.5" or "H:M:S"), triggered, containerTriggered or now)"},
  {"negative_speed.net.xml", R"({dir}/negative_speed.net.xml:5:9: error: lane speed: found "-5", expected a number > 0)"},
  {"not_xml.net.xml", R"({dir}/not_xml.net.xml:1:1: error: XML: found "syntax error" (expat), expected well-formed XML)"},
  {"route_without_edges.rou.xml", R"({dir}/route_without_edges.rou.xml:4:5: error: route edges: found "", expected at least one edge id)"},
  {"self_loop.net.xml", R"({dir}/self_loop.net.xml: error: network: link 'out' starts and ends at node 'C')"},
  {"tl_bad_state_char.net.xml", R"({dir}/tl_bad_state_char.net.xml:12:9: error: phase state: found "x", expected signal states from "GgyYrsuoO", one per link of the traffic light)"},
  {"tl_no_phases.net.xml", R"({dir}/tl_no_phases.net.xml:10:5: error: tlLogic phase: found no phases, expected at least one <phase>)"},
  {"tl_state_lengths_differ.net.xml", R"({dir}/tl_state_lengths_differ.net.xml:12:9: error: phase state: found 2 signal states, expected 1 (as in the first phase of "C"))"},
  {"tl_state_too_short.net.xml", R"({dir}/tl_state_too_short.net.xml:11:9: error: phase state: found 1 signal states, expected at least 2 (connections of traffic light "C" use linkIndex up to 1))"},
  {"unclosed_tag.net.xml", R"({dir}/unclosed_tag.net.xml:19:1: error: XML: found the end of the file with <net> still open, expected well-formed XML)"},
  {"unknown_edge_in_connection.net.xml", R"({dir}/unknown_edge_in_connection.net.xml:18:5: error: connection to: found "outt", expected the id of an edge in the file)"},
  {"unknown_junction.net.xml", R"({dir}/unknown_junction.net.xml:7:5: error: edge to: found "X", expected the id of a junction in the file)"},
  {"unknown_route.rou.xml", R"({dir}/unknown_route.rou.xml:5:5: error: vehicle route: found "r9", expected the id of a route defined earlier in the file)"},
  {"unknown_type.rou.xml", R"({dir}/unknown_type.rou.xml:5:5: error: vehicle type: found "lkw", expected a vType id defined earlier (or DEFAULT_VEHTYPE))"},
  {"vtype_bad_accel.rou.xml", R"({dir}/vtype_bad_accel.rou.xml:3:5: error: vType accel: found "fast", expected a number > 0)"},
  {"wrong_root.net.xml", R"({dir}/wrong_root.net.xml:2:1: error: root element: found <routes>, expected <net> (a SUMO .net.xml network))"},
  {"missing.net.xml", "{dir}/missing.net.xml: error: cannot read the file: No such file or directory"},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(SumoFiles, SumoMalformedTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<MalformedCase>& info) {
                           std::string name = info.param.file;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(SumoMalformed, ValidFilesImport) {
  ImportReport report;
  const Network network = import_sumo_network(kDir + "/valid.net.xml", report);
  EXPECT_EQ(network.links().size(), 2u);
  EXPECT_EQ(report.signal_programs, 1u);
  DemandSpec demand;
  import_sumo_routes(kDir + "/valid.rou.xml", network, 1, demand, report);
  EXPECT_EQ(demand.trips.size(), 6u);  // v0, v1 and the flow at 20, 30, 40, 50
}

TEST(SumoMalformed, RouteThroughUnknownEdgeIsSkippedAndReported) {
  const Network network = valid_network();
  DemandSpec demand;
  ImportReport report;
  import_sumo_routes(kDir + "/route_through_unknown_edge.rou.xml", network, 1, demand, report);
  EXPECT_EQ(demand.trips.size(), 5u);  // all but v1
  EXPECT_EQ(joined(report.skipped),
            "1 vehicles or flows using edges the network lacks skipped: v1 (edge middle)\n");
  EXPECT_EQ(report.vehicles, 5u);
}

TEST(SumoMalformed, ConnectionToASidewalkIsSkippedAndReported) {
  ImportReport report;
  const Network network = import_sumo_network(kDir + "/sidewalk_connection.net.xml", report);
  // out_0 (pedestrians only) is no road lane but the sidewalk of "out"; out_1 becomes citytwin
  // lane 0 of "out".
  EXPECT_EQ(network.link(network.find_link("out")).lane_count, 1u);
  EXPECT_EQ(network.connections().size(), 0u);
  EXPECT_EQ(joined(report.skipped),
            "1 connections to or from skipped lanes skipped: in_0->out_0\n");
  ASSERT_EQ(network.pedestrians().sidewalks().size(), 1u);
  EXPECT_EQ(network.pedestrians().sidewalks()[0].link, network.find_link("out"));
}

TEST(SumoMalformed, FileLargerThanTheLimitIsRefusedBeforeReading) {
  // A sparse file: no disk space used, but its size is over the limit.
  const testing::ScratchDir scratch;
  const std::filesystem::path file = scratch / "too_large.net.xml";
  { std::ofstream(file) << "<net/>"; }
  std::filesystem::resize_file(file, kMaxImportFileBytes + 1);
  ImportReport report;
  try {
    import_sumo_network(file, report);
    FAIL() << "a file over the size limit was read";
  } catch (const ImportError& error) {
    EXPECT_EQ(std::string(error.what()),
              file.string() +
                  ": error: file size: found 536870913 bytes, expected at most "
                  "536870912 (import limit)");
  }
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace citytwin
