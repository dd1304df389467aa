// compute_best_lanes: a change the road has room for is left to the link where it is needed (the
// lane choice looks one link ahead, as before); a change on links too short for it is prepared
// links in advance, over a chain of short links, as SUMO's LC2013 "best lanes" are.
#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "agents/traffic/best_lanes.hpp"
#include "sim/network/network_builder.hpp"

namespace citytwin {
namespace {

constexpr double kSpeed = 50.0 / 3.6;  // m/s

// A straight chain of three-lane links A -> B -> C -> D of the given lengths; each lane goes on
// into the same lane of the next link, except that only lane 0 of C (the right lane) leads to D.
struct Chain {
  Network network;
  std::array<LinkId, 4> links{};

  explicit Chain(const std::array<double, 4>& lengths) {
    NetworkBuilder b;
    double x = 0.0;
    std::array<NodeId, 5> nodes{};
    nodes[0] = b.add_node("n0", {x, 0.0}, NodeControl::kBoundary);
    for (int k = 0; k < 4; ++k) {
      x += lengths[k] + 20.0;
      nodes[k + 1] = b.add_node("n" + std::to_string(k + 1), {x, 0.0},
                                k == 3 ? NodeControl::kBoundary : NodeControl::kPriority);
    }
    const char* names[] = {"A", "B", "C", "D"};
    double start = 0.0;
    for (int k = 0; k < 4; ++k) {
      const std::vector<Vec2> shape = {{start + 10.0, 0.0}, {start + 10.0 + lengths[k], 0.0}};
      links[k] = b.add_link(names[k], nodes[k], nodes[k + 1], 3, kSpeed, shape);
      start += lengths[k] + 20.0;
    }
    for (int k = 0; k < 2; ++k) {
      for (std::uint32_t lane = 0; lane < 3; ++lane) {
        b.add_connection(b.lane(links[k], lane), b.lane(links[k + 1], lane), Turn::kStraight);
      }
    }
    b.add_connection(b.lane(links[2], 0), b.lane(links[3], 0), Turn::kStraight);
    network = b.build();
  }

  std::array<BestLanes, 4> best() const {
    const TrackLayout layout(network);
    std::array<BestLanes, 4> out{};
    compute_best_lanes(network, layout, links, out);
    return out;
  }
};

TEST(BestLanes, OnLongLinksOnlyTheLinkBeforeTheTurnPrefersItsLane) {
  const auto best = Chain({300.0, 300.0, 300.0, 300.0}).best();
  EXPECT_EQ(best[3].strategic, 0b111);  // destination: any lane
  EXPECT_EQ(best[2].strategic, 0b001);  // only the right lane of C leads to D
  EXPECT_EQ(best[1].strategic, 0b001);  // land on C in the lane that goes on (one link ahead)
  // Two links ahead the change can still be made on B or C: A's lanes are all as good.
  EXPECT_EQ(best[0].strategic, 0b111);
  EXPECT_EQ(best[0].landing, 0b111);
}

TEST(BestLanes, AChainOfShortLinksIsPreparedLinksAhead) {
  // B and C are 15 m: no room to change on either, so the right lane must be taken on A.
  const auto best = Chain({300.0, 15.0, 15.0, 300.0}).best();
  EXPECT_EQ(best[2].strategic, 0b001);
  EXPECT_EQ(best[1].strategic, 0b001);
  EXPECT_EQ(best[1].landing, 0b001);
  EXPECT_EQ(best[0].strategic, 0b001);
}

TEST(BestLanes, LandingLanesAreThoseWithoutCrampedChangesAhead) {
  // Long links: landing anywhere on B is as good (the change can be made on B or C), so B's
  // landing lanes are its lanes toward C (all); with C short, B must be left in the right lane.
  EXPECT_EQ(Chain({300.0, 300.0, 300.0, 300.0}).best()[1].landing, 0b111);
  EXPECT_EQ(Chain({300.0, 300.0, 300.0, 300.0}).best()[2].landing, 0b001);
  EXPECT_EQ(Chain({300.0, 300.0, 15.0, 300.0}).best()[1].strategic, 0b001);
}

TEST(BestLanes, DistanceFromAMaskCountsLanes) {
  EXPECT_EQ(lanes_from_mask(0b100, 0), 2u);
  EXPECT_EQ(lanes_from_mask(0b101, 1), 1u);
  EXPECT_EQ(lanes_from_mask(0b010, 1), 0u);
  EXPECT_EQ(lanes_from_mask(0, 3), 0xFFu);
}

}  // namespace
}  // namespace citytwin
