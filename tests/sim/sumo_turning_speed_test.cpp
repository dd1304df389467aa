// SUMO's turning speeds: netconvert gives each movement's internal lane a speed from the curve's
// radius (right turns 6.5 m/s where the road allows 13.9); the importer keeps it as the
// connection's speed limit, checked here against the same file read a second, independent way
// (pugixml). A net written without internal lanes has none: the connection then takes the slower
// of its two lanes' limits, as before.
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <tuple>

#include "sim/io/importers.hpp"

namespace citytwin {
namespace {

namespace fs = std::filesystem;

const fs::path kData = fs::path(CITYTWIN_TEST_DATA_DIR) / "sumo" / "right_of_way";

using LanePair = std::tuple<std::string, std::size_t, std::string, std::size_t>;

// (from edge, from lane, to edge, to lane) -> the speed of the connection's via lane.
std::map<LanePair, double> via_speeds(const fs::path& file) {
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_file(file.c_str()));
  std::map<std::string, double> lane_speed;
  for (const auto edge : doc.child("net").children("edge")) {
    for (const auto lane : edge.children("lane")) {
      lane_speed[lane.attribute("id").value()] = lane.attribute("speed").as_double();
    }
  }
  std::map<LanePair, double> out;
  for (const auto c : doc.child("net").children("connection")) {
    const std::string from = c.attribute("from").value();
    if (from.starts_with(':') || !c.attribute("via")) continue;
    out[{from, c.attribute("fromLane").as_ullong(), c.attribute("to").value(),
         c.attribute("toLane").as_ullong()}] = lane_speed.at(c.attribute("via").value());
  }
  return out;
}

LanePair lanes_of(const Network& net, const Connection& c) {
  const Lane& from = net.lane(c.from_lane);
  const Lane& to = net.lane(c.to_lane);
  return {net.link(from.link).name, from.index_on_link, net.link(to.link).name, to.index_on_link};
}

TEST(SumoTurningSpeed, EachConnectionKeepsItsInternalLanesSpeed) {
  ImportReport report;
  const Network net = import_sumo_network(kData / "rbl_priority.net.xml", report);
  const auto expected = via_speeds(kData / "rbl_priority.net.xml");
  ASSERT_FALSE(expected.empty());
  std::size_t slower_than_lanes = 0;
  for (const Connection& c : net.connections()) {
    const auto it = expected.find(lanes_of(net, c));
    ASSERT_NE(it, expected.end());
    EXPECT_DOUBLE_EQ(c.speed_limit, it->second);
    const double lanes =
        std::min(net.lane(c.from_lane).speed_limit, net.lane(c.to_lane).speed_limit);
    slower_than_lanes += c.speed_limit < lanes - 1.0 ? 1 : 0;
  }
  EXPECT_EQ(net.connections().size(), expected.size());
  // The file's turns are slower than its roads (6.51 and 8.00 m/s against 13.89).
  EXPECT_GT(slower_than_lanes, 0u);
}

TEST(SumoTurningSpeed, WithoutInternalLanesNoConnectionHasOne) {
  ImportReport report;
  const Network net = import_sumo_network(kData / "rbl_priority_no_internal.net.xml", report);
  ASSERT_FALSE(net.connections().empty());
  for (const Connection& c : net.connections()) EXPECT_EQ(c.speed_limit, 0.0);
}

}  // namespace
}  // namespace citytwin
