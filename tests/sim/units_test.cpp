// Quantities with units: every unit converts to SI, and every kind of mistake gets its message.
#include "sim/scenario/units.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace citytwin {
namespace {

struct GoodQuantity {
  const char* text;
  Dimension dimension;
  double si;
};

class UnitsGoodTest : public ::testing::TestWithParam<GoodQuantity> {};

TEST_P(UnitsGoodTest, ConvertsToSi) {
  const auto result = parse_quantity(GetParam().text, GetParam().dimension);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_DOUBLE_EQ(result.value, GetParam().si) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(Units, UnitsGoodTest,
                         ::testing::Values(GoodQuantity{"300 m", Dimension::kLength, 300.0},
                                           GoodQuantity{"300m", Dimension::kLength, 300.0},
                                           GoodQuantity{"  1.5 km ", Dimension::kLength, 1500.0},
                                           GoodQuantity{".5 km", Dimension::kLength, 500.0},
                                           GoodQuantity{"2. m", Dimension::kLength, 2.0},
                                           GoodQuantity{"1e3 m", Dimension::kLength, 1000.0},
                                           GoodQuantity{"+4 m", Dimension::kLength, 4.0},
                                           GoodQuantity{"-4 m", Dimension::kLength, -4.0},
                                           GoodQuantity{"90 s", Dimension::kDuration, 90.0},
                                           GoodQuantity{"250 ms", Dimension::kDuration, 0.25},
                                           GoodQuantity{"1.5 min", Dimension::kDuration, 90.0},
                                           GoodQuantity{"2 h", Dimension::kDuration, 7200.0},
                                           GoodQuantity{"1h", Dimension::kDuration, 3600.0},
                                           GoodQuantity{"10 m/s", Dimension::kSpeed, 10.0},
                                           GoodQuantity{"36 km/h", Dimension::kSpeed, 10.0},
                                           GoodQuantity{"50km/h", Dimension::kSpeed, 50.0 / 3.6},
                                           GoodQuantity{"60 mph", Dimension::kSpeed, 26.8224},
                                           GoodQuantity{"3600 veh/h", Dimension::kRate, 1.0},
                                           GoodQuantity{"12000 veh/h", Dimension::kRate,
                                                        12000.0 / 3600.0},
                                           GoodQuantity{"30 veh/min", Dimension::kRate, 0.5},
                                           GoodQuantity{"2 veh/s", Dimension::kRate, 2.0}));

struct BadQuantity {
  const char* text;
  Dimension dimension;
  const char* error;
};

class UnitsBadTest : public ::testing::TestWithParam<BadQuantity> {};

TEST_P(UnitsBadTest, ExplainsTheMistake) {
  const auto result = parse_quantity(GetParam().text, GetParam().dimension);
  EXPECT_EQ(result.error, GetParam().error) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Units, UnitsBadTest,
    ::testing::Values(
        BadQuantity{"90", Dimension::kDuration,
                    "expected a duration with a unit, e.g. '90 s', found '90' (no unit)"},
        BadQuantity{"300 m", Dimension::kSpeed,
                    "expected a speed (km/h, m/s, mph), found a length '300 m'"},
        BadQuantity{"5 s", Dimension::kLength, "expected a length (m, km), found a duration '5 s'"},
        BadQuantity{"1 veh/h", Dimension::kDuration,
                    "expected a duration (ms, s, min, h), found a rate '1 veh/h'"},
        BadQuantity{"300 furlongs", Dimension::kLength,
                    "expected a length with a unit, e.g. '300 m', found '300 furlongs' (unknown "
                    "unit 'furlongs')"},
        BadQuantity{"50 kmh", Dimension::kSpeed,
                    "expected a speed with a unit, e.g. '50 km/h', found '50 kmh' (unknown unit "
                    "'kmh', did you mean 'km/h'?)"},
        BadQuantity{"10 sec", Dimension::kDuration,
                    "expected a duration with a unit, e.g. '90 s', found '10 sec' (unknown unit "
                    "'sec', did you mean 's'?)"},
        BadQuantity{"600 veh/hr", Dimension::kRate,
                    "expected a rate with a unit, e.g. '600 veh/h', found '600 veh/hr' (unknown "
                    "unit 'veh/hr', did you mean 'veh/h'?)"},
        BadQuantity{"fast", Dimension::kSpeed,
                    "expected a speed with a unit, e.g. '50 km/h', found 'fast'"},
        BadQuantity{"", Dimension::kLength,
                    "expected a length with a unit, e.g. '300 m', found ''"},
        BadQuantity{"m", Dimension::kLength,
                    "expected a length with a unit, e.g. '300 m', found 'm'"},
        BadQuantity{"nan m", Dimension::kLength, "'nan' is not a finite number"},
        BadQuantity{".NaN s", Dimension::kDuration, "'.NaN' is not a finite number"},
        BadQuantity{"inf s", Dimension::kDuration, "'inf' is not a finite number"},
        BadQuantity{"-.inf s", Dimension::kDuration, "'-.inf' is not a finite number"},
        BadQuantity{"1e400 m", Dimension::kLength, "'1e400' is too large to represent"},
        BadQuantity{"1e-400 m", Dimension::kLength,
                    "'1e-400' is too small to represent (it would be 0)"},
        BadQuantity{"1e308 km", Dimension::kLength, "'1e308 km' is too large to represent"},
        BadQuantity{"1..5 m", Dimension::kLength,
                    "expected a length with a unit, e.g. '300 m', found '1..5 m' (unknown unit "
                    "'.5 m')"}));

TEST(UnitsRangeTest, RejectsValuesOutsideTheCallersBounds) {
  constexpr Bounds kPositive{0.0, 100.0, false, "greater than 0 s and at most 100 s"};
  EXPECT_EQ(parse_quantity("-5 s", Dimension::kDuration, kPositive).error,
            "duration must be greater than 0 s and at most 100 s, found '-5 s'");
  EXPECT_EQ(parse_quantity("0 s", Dimension::kDuration, kPositive).error,
            "duration must be greater than 0 s and at most 100 s, found '0 s'");
  EXPECT_EQ(parse_quantity("2 min", Dimension::kDuration, kPositive).error,
            "duration must be greater than 0 s and at most 100 s, found '2 min'");
  EXPECT_TRUE(parse_quantity("100 s", Dimension::kDuration, kPositive).ok());
  EXPECT_TRUE(parse_quantity("1 ms", Dimension::kDuration, kPositive).ok());
}

TEST(UnitsFractionTest, AcceptsPercentOrBareShare) {
  EXPECT_DOUBLE_EQ(parse_fraction("25 %").value, 0.25);
  EXPECT_DOUBLE_EQ(parse_fraction("25%").value, 0.25);
  EXPECT_DOUBLE_EQ(parse_fraction("0.4").value, 0.4);
  EXPECT_DOUBLE_EQ(parse_fraction("1").value, 1.0);
  EXPECT_EQ(parse_fraction("150 %").error,
            "fraction must be between 0 and 1 (or 0 % and 100 %), found '150 %'");
  EXPECT_EQ(parse_fraction("1.5").error,
            "fraction must be between 0 and 1 (or 0 % and 100 %), found '1.5'");
  EXPECT_EQ(parse_fraction("half").error,
            "expected a number such as '0.5' or a percentage such as '50 %', found 'half'");
  EXPECT_EQ(parse_fraction("50 m").error,
            "expected a number such as '0.5' or a percentage such as '50 %', found '50 m'");
  EXPECT_EQ(parse_fraction("nan").error, "'nan' is not a finite number");
}

TEST(UnitsFactorTest, AcceptsMultiplierOrPercent) {
  constexpr Bounds kScale{0.0, 100.0, true, "between 0 and 100"};
  EXPECT_DOUBLE_EQ(parse_factor("1.5", kScale).value, 1.5);
  EXPECT_DOUBLE_EQ(parse_factor("150 %", kScale).value, 1.5);
  EXPECT_EQ(parse_factor("-1", kScale).error, "factor must be between 0 and 100, found '-1'");
}

struct CountCase {
  const char* text;
  std::uint64_t min;
  std::uint64_t max;
  std::uint64_t value;
  const char* error;
};

class UnitsCountTest : public ::testing::TestWithParam<CountCase> {};

TEST_P(UnitsCountTest, ParsesWholeNumbersInRange) {
  const auto result = parse_count(GetParam().text, GetParam().min, GetParam().max);
  EXPECT_EQ(result.error, GetParam().error) << GetParam().text;
  if (result.ok()) {
    EXPECT_EQ(result.value, GetParam().value);
  }
}

constexpr std::uint64_t kU64Max = std::numeric_limits<std::uint64_t>::max();

INSTANTIATE_TEST_SUITE_P(
    Units, UnitsCountTest,
    ::testing::Values(CountCase{"10", 1, 1000, 10, ""}, CountCase{" 7 ", 1, 8, 7, ""},
                      CountCase{"18446744073709551615", 0, kU64Max, kU64Max, ""},
                      CountCase{"0", 1, 8, 0, "must be between 1 and 8, found '0'"},
                      CountCase{"9", 1, 8, 0, "must be between 1 and 8, found '9'"},
                      CountCase{"-3", 1, 8, 0, "must be between 1 and 8, found '-3'"},
                      CountCase{"3.5", 1, 8, 0, "expected a whole number, found '3.5'"},
                      CountCase{"1e3", 1, 8, 0, "expected a whole number, found '1e3'"},
                      CountCase{"three", 1, 8, 0, "expected a whole number, found 'three'"},
                      CountCase{"", 1, 8, 0, "expected a whole number, found ''"},
                      CountCase{"99999999999999999999", 1, 1000, 0,
                                "'99999999999999999999' is too large (must be between 1 and 1000)"},
                      CountCase{"18446744073709551616", 0, kU64Max, 0,
                                "'18446744073709551616' is too large (must be between 0 and "
                                "18446744073709551615)"}));

TEST(UnitsBoolTest, AcceptsTrueFalseYesNo) {
  EXPECT_TRUE(parse_bool("true").value);
  EXPECT_TRUE(parse_bool("Yes").value);
  EXPECT_FALSE(parse_bool("FALSE").value);
  EXPECT_FALSE(parse_bool("no").value);
  EXPECT_TRUE(parse_bool("no").ok());
  EXPECT_EQ(parse_bool("on").error, "expected true/false (or yes/no), found 'on'");
  EXPECT_EQ(parse_bool("1").error, "expected true/false (or yes/no), found '1'");
}

}  // namespace
}  // namespace citytwin
