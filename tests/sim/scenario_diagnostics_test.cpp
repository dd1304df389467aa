// The error format and the "did you mean" helper.
#include "sim/scenario/diagnostics.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string_view>

namespace citytwin {
namespace {

TEST(ScenarioDiagnosticsTest, FormatsLikeACompiler) {
  const ScenarioError located("grid.yaml", 7, 12, "network.grid.spacing", "bad");
  EXPECT_STREQ(located.what(), "grid.yaml:7:12: error: network.grid.spacing: bad");
  EXPECT_EQ(located.line(), 7);
  EXPECT_EQ(located.column(), 12);
  EXPECT_EQ(located.key_path(), "network.grid.spacing");
  EXPECT_EQ(located.message(), "bad");
  EXPECT_STREQ(ScenarioError("a.yaml", 1, 1, "", "empty").what(), "a.yaml:1:1: error: empty");
  EXPECT_STREQ(ScenarioError("a.yaml", 0, 0, "", "file not found").what(),
               "a.yaml: error: file not found");
}

TEST(ScenarioDiagnosticsTest, EditDistanceCountsTyposIncludingSwaps) {
  EXPECT_EQ(edit_distance("duration", "duration"), 0u);
  EXPECT_EQ(edit_distance("duraton", "duration"), 1u);
  EXPECT_EQ(edit_distance("durtaion", "duration"), 1u);  // swap of neighbours
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("ca", "abc"), 3u);  // optimal string alignment, not full Damerau
}

TEST(ScenarioDiagnosticsTest, SuggestsOnlyPlausibleTypos) {
  constexpr std::array<std::string_view, 5> kKeys{"step", "duration", "warmup", "seed", "threads"};
  EXPECT_EQ(did_you_mean("duraton", kKeys), " (did you mean 'duration'?)");
  EXPECT_EQ(did_you_mean("sede", kKeys), " (did you mean 'seed'?)");
  EXPECT_EQ(did_you_mean("threds", kKeys), " (did you mean 'threads'?)");
  EXPECT_EQ(did_you_mean("vehicles", kKeys), "");
  EXPECT_EQ(did_you_mean("x", kKeys), "");
  constexpr std::array<std::string_view, 2> kLong{"attach_length", "speed_limit"};
  EXPECT_EQ(did_you_mean("atach_lenght", kLong), " (did you mean 'attach_length'?)");
  EXPECT_EQ(did_you_mean("speedlimit", kLong), " (did you mean 'speed_limit'?)");
}

}  // namespace
}  // namespace citytwin
