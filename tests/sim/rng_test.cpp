#include "sim/core/rng.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <numeric>
#include <set>
#include <vector>

#include "agents/traffic/traffic_rng_streams.hpp"

namespace citytwin {
namespace {

std::vector<std::uint32_t> draws(CounterRng rng, int n) {
  std::vector<std::uint32_t> out;
  for (int i = 0; i < n; ++i) out.push_back(rng.next_u32());
  return out;
}

TEST(CounterRng, SameKeyGivesSameSequence) {
  EXPECT_EQ(draws(CounterRng(42, kDemandStream, 7, 100), 64),
            draws(CounterRng(42, kDemandStream, 7, 100), 64));
}

// Philox4x32-10 known-answer test from Random123's kat_vectors (counter and key all ones... the
// zero vector): guards against a silently different generator after a library update.
TEST(CounterRng, MatchesPhiloxKnownAnswerForZeroKeyAndCounter) {
  CounterRng rng(0, static_cast<RngStream>(0), 0, 0);
  const std::array<std::uint32_t, 4> expected = {0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu,
                                                 0x9b00dbd8u};
  for (auto word : expected) EXPECT_EQ(rng.next_u32(), word);
}

TEST(CounterRng, EveryKeyComponentChangesTheStream) {
  const auto base = draws(CounterRng(42, kDemandStream, 7, 100), 8);
  EXPECT_NE(base, draws(CounterRng(43, kDemandStream, 7, 100), 8));
  EXPECT_NE(base, draws(CounterRng(42, kRoutingStream, 7, 100), 8));
  EXPECT_NE(base, draws(CounterRng(42, kDemandStream, 8, 100), 8));
  EXPECT_NE(base, draws(CounterRng(42, kDemandStream, 7, 101), 8));
  EXPECT_NE(base, draws(CounterRng(42, kDemandStream, 7, 100 + (1ull << 32)), 8));
  EXPECT_NE(base, draws(CounterRng(42 + (1ull << 32), kDemandStream, 7, 100), 8));
}

TEST(CounterRng, LongSequencesDoNotRepeatBlocks) {
  CounterRng rng(1, RngStream::kTest, 0, 0);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 100000; ++i) seen.insert(rng.next_u64());
  EXPECT_EQ(seen.size(), 100000u);
}

TEST(CounterRng, UniformIsInUnitIntervalWithCorrectMoments) {
  // Mean 1/2 and variance 1/12 of U(0,1); with n = 200k the standard error of the mean is
  // 0.00065, so 0.003 is a > 4-sigma band.
  double sum = 0, sum_sq = 0;
  const int n = 200000;
  for (int agent = 0; agent < n; ++agent) {
    CounterRng rng(9, RngStream::kTest, static_cast<std::uint32_t>(agent), 5);
    const double u = rng.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum_sq += u * u;
  }
  const double mean = sum / n;
  EXPECT_NEAR(mean, 0.5, 0.003);
  EXPECT_NEAR(sum_sq / n - mean * mean, 1.0 / 12.0, 0.002);
}

TEST(CounterRng, NeighbouringAgentsAreUncorrelated) {
  // Pearson correlation of agent i's and agent i+1's first uniform over 100k agents: |r| < 0.015
  // (4 sigma for independent samples is 4/sqrt(n) = 0.0126).
  const int n = 100000;
  std::vector<double> u(n + 1);
  for (int i = 0; i <= n; ++i) u[i] = CounterRng(3, RngStream::kTest, i, 0).uniform();
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (int i = 0; i < n; ++i) {
    sx += u[i];
    sy += u[i + 1];
    sxx += u[i] * u[i];
    syy += u[i + 1] * u[i + 1];
    sxy += u[i] * u[i + 1];
  }
  const double r = (n * sxy - sx * sy) / std::sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
  EXPECT_LT(std::abs(r), 0.015);
}

TEST(CounterRng, StreamsOfOnePurposeDoNotShiftOthers) {
  // Drawing more from the routing stream leaves the demand stream untouched: the property that
  // gives common random numbers across what-if variants.
  CounterRng demand_a(5, kDemandStream, 1, 10);
  CounterRng routing(5, kRoutingStream, 1, 10);
  for (int i = 0; i < 1000; ++i) routing.next_u32();
  CounterRng demand_b(5, kDemandStream, 1, 10);
  EXPECT_EQ(draws(demand_a, 16), draws(demand_b, 16));
}

TEST(CounterRng, BelowIsUnbiased) {
  // Chi-square over 6 bins, 60k draws; the 99.9 % critical value for 5 degrees of freedom is 20.5.
  std::array<int, 6> counts{};
  CounterRng rng(11, RngStream::kTest, 0, 0);
  for (int i = 0; i < 60000; ++i) ++counts[rng.below(6)];
  double chi2 = 0;
  for (int c : counts) chi2 += (c - 10000.0) * (c - 10000.0) / 10000.0;
  EXPECT_LT(chi2, 20.5);
}

TEST(CounterRng, ExponentialHasTheRequestedMean) {
  // Mean of Exp(rate 0.5) is 2; standard error with n = 100k is 0.0063.
  CounterRng rng(12, RngStream::kTest, 0, 0);
  double sum = 0;
  for (int i = 0; i < 100000; ++i) sum += rng.exponential(0.5);
  EXPECT_NEAR(sum / 100000, 2.0, 0.03);
}

TEST(CounterRng, NormalHasZeroMeanUnitVariance) {
  CounterRng rng(13, RngStream::kTest, 0, 0);
  double sum = 0, sum_sq = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double z = rng.normal();
    sum += z;
    sum_sq += z * z;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.015);
  EXPECT_NEAR(sum_sq / n, 1.0, 0.02);
}

// A family's named stream is a pure function of its name: pinned here, because a changed value
// would silently change every run that draws from it.
static_assert(rng_stream("robots.orders") == static_cast<RngStream>(0x85ef271fu));
static_assert(rng_stream("sensors.noise") == static_cast<RngStream>(0x9b88e0ccu));

TEST(CounterRng, NamedStreamsStayClearOfFixedIdsAndOfEachOther) {
  for (const char* name : {"robots.orders", "robots.dispatch", "sensors.noise", "radio.loss"}) {
    EXPECT_GE(static_cast<std::uint32_t>(rng_stream(name)), 0x80000000u) << name;
  }
  EXPECT_NE(rng_stream("robots.orders"), rng_stream("robots.dispatch"));
  EXPECT_NE(draws(CounterRng(5, rng_stream("robots.orders"), 1, 10), 8),
            draws(CounterRng(5, rng_stream("robots.dispatch"), 1, 10), 8));
}

}  // namespace
}  // namespace citytwin
