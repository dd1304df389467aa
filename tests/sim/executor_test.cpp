#include "sim/step/executor.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace citytwin {
namespace {

double reduce_with(unsigned threads, const std::vector<double>& values) {
  Executor executor(threads);
  double result = 0;
  executor.execute([&] {
    result = executor.deterministic_reduce(
        values.size(), 64, 0.0,
        [&](std::size_t b, std::size_t e) {
          double s = 0;
          for (std::size_t i = b; i < e; ++i) s += values[i];
          return s;
        },
        [](double a, double b) { return a + b; });
  });
  return result;
}

TEST(Executor, DeterministicReduceIsBitIdenticalAcrossThreadCounts) {
  // Values of wildly different magnitude make float addition order-sensitive: any change in
  // association would change the bits.
  std::vector<double> values(100000);
  for (std::size_t i = 0; i < values.size(); ++i) {
    values[i] = std::sin(static_cast<double>(i)) * std::pow(10.0, static_cast<double>(i % 17));
  }
  const double one = reduce_with(1, values);
  EXPECT_EQ(one, reduce_with(2, values));
  EXPECT_EQ(one, reduce_with(8, values));
}

TEST(Executor, ParallelForVisitsEveryIndexOnce) {
  for (unsigned threads : {1u, 2u, 8u}) {
    Executor executor(threads);
    std::vector<int> hits(12345, 0);
    executor.execute([&] {
      executor.parallel_for(hits.size(), 100, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) ++hits[i];
      });
    });
    for (int h : hits) ASSERT_EQ(h, 1);
    EXPECT_EQ(executor.threads(), threads);
  }
}

}  // namespace
}  // namespace citytwin
