#include "sim/core/handle.hpp"

#include <gtest/gtest.h>

namespace citytwin {
namespace {
struct VehicleTag;
struct RobotTag;

TEST(HandlePool, StaleHandlesAreRejectedAfterReuse) {
  HandlePool<VehicleTag> pool;
  const auto a = pool.allocate();
  const auto b = pool.allocate();
  EXPECT_TRUE(pool.release(a));
  EXPECT_FALSE(pool.is_live(a));
  EXPECT_FALSE(pool.release(a));  // double release is refused
  const auto c = pool.allocate();
  EXPECT_EQ(c.index, a.index);  // slot reused
  EXPECT_NE(c.generation, a.generation);
  EXPECT_FALSE(pool.is_live(a));
  EXPECT_TRUE(pool.is_live(b));
  EXPECT_TRUE(pool.is_live(c));
  EXPECT_EQ(pool.live_count(), 2u);
}

TEST(HandlePool, ReusesLowestIndexWhateverTheReleaseOrder) {
  HandlePool<VehicleTag> p1, p2;
  std::vector<Handle<VehicleTag>> h1, h2;
  for (int i = 0; i < 5; ++i) {
    h1.push_back(p1.allocate());
    h2.push_back(p2.allocate());
  }
  p1.release(h1[3]);
  p1.release(h1[1]);
  p2.release(h2[1]);
  p2.release(h2[3]);
  EXPECT_EQ(p1.allocate().index, 1u);
  EXPECT_EQ(p2.allocate().index, 1u);
  EXPECT_EQ(p1.allocate().index, 3u);
  EXPECT_EQ(p2.allocate().index, 3u);
}

TEST(HandlePool, NullHandleIsNeverLive) {
  HandlePool<RobotTag> pool;
  Handle<RobotTag> null;
  EXPECT_TRUE(null.is_null());
  EXPECT_FALSE(pool.is_live(null));
  EXPECT_FALSE(pool.release(null));
  static_assert(!std::is_same_v<Handle<RobotTag>, Handle<VehicleTag>>);
}

}  // namespace
}  // namespace citytwin
