// The traffic system's overlay fields: per-link congestion (% of free speed) and density
// (veh/km/lane), computed from the vehicles on each link's lanes at publish time.
#include "agents/traffic/link_congestion.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "agents/traffic_fixtures.hpp"
#include "sim/network/grid_generator.hpp"

namespace citytwin {
namespace {

using testing::kUrbanSpeedLimit;

TEST(LinkTrafficFields, SpeedRatioAndDensityPerLinkAndNoValueOnEmptyLinks) {
  const Network net = generate_grid(testing::small_grid(2));
  const Link& busy = net.link(0);
  ASSERT_EQ(busy.lane_count, 2);
  // Two vehicles on the busy link's two lanes (10 and 5 m/s), one in a junction box (track
  // numbers past the lanes), none elsewhere.
  const std::vector<std::uint32_t> lane_of_slot = {
      busy.first_lane, busy.first_lane + 1, static_cast<std::uint32_t>(net.lanes().size() + 3)};
  const std::vector<double> speeds = {10.0, 5.0, 13.0};
  WorldView view;
  add_link_traffic_fields(net, lane_of_slot, speeds, view);

  const LinkField* congestion = view.link_fields.find("congestion");
  const LinkField* density = view.link_fields.find("density");
  ASSERT_NE(congestion, nullptr);
  ASSERT_NE(density, nullptr);
  ASSERT_EQ(congestion->values.size(), net.links().size());
  EXPECT_EQ(congestion->sense, FieldSense::kHigherIsBetter);
  EXPECT_EQ(density->sense, FieldSense::kHigherIsWorse);
  EXPECT_NEAR(congestion->values[0], 100.0 * 7.5 / kUrbanSpeedLimit, 1e-3);
  EXPECT_NEAR(density->values[0], 2.0 / (busy.length / 1000.0 * 2.0), 1e-3);
  for (LinkId l = 1; l < net.links().size(); ++l) {
    EXPECT_TRUE(std::isnan(congestion->values[l])) << l;
    EXPECT_EQ(density->values[l], 0.0f) << l;
  }
}

TEST(LinkTrafficFields, RepublishingReusesTheStorage) {
  const Network net = generate_grid(testing::small_grid(2));
  WorldView view;
  add_link_traffic_fields(net, {}, {}, view);
  const float* congestion_values = view.link_fields.find("congestion")->values.data();
  for (int i = 0; i < 3; ++i) {
    view.clear();
    add_link_traffic_fields(net, {}, {}, view);
  }
  EXPECT_EQ(view.link_fields.size(), 2u);
  EXPECT_EQ(view.link_fields.find("congestion")->values.data(), congestion_values);
}

// Publishing reads state only: the fields after the same run are bit-identical with 1 and 2
// threads (the state hashes themselves are covered by the determinism tests).
TEST(LinkTrafficFields, SameFieldsWhateverTheThreadCount) {
  auto fields_after_run = [](unsigned threads) {
    auto tw = testing::make_traffic_world(generate_grid(testing::small_grid(3)),
                                          testing::random_demand(3000.0), testing::urban_plan(),
                                          600.0, 1.0, threads);
    for (int i = 0; i < 300; ++i) tw->world->step();
    WorldView view;
    tw->world->snapshot(view);
    return view.link_fields.find("congestion")->values;
  };
  const std::vector<float> one = fields_after_run(1);
  const std::vector<float> two = fields_after_run(2);
  ASSERT_EQ(one.size(), two.size());
  std::size_t with_value = 0;
  for (float v : one) with_value += std::isnan(v) ? 0 : 1;
  EXPECT_GT(with_value, 10u);  // the run put vehicles on many links
  EXPECT_EQ(std::memcmp(one.data(), two.data(), one.size() * sizeof(float)), 0);
}

}  // namespace
}  // namespace citytwin
