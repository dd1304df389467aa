#pragma once
// Quantities with units, as people write them in scenario files ("300 m", "50 km/h", "90 s",
// "600 veh/h", "25 %"), parsed into SI doubles. Parsing never throws: it returns the value or a
// message, and the loader adds the file position and key path.
#include <cstdint>
#include <string>
#include <string_view>

namespace citytwin {

enum class Dimension : std::uint8_t { kLength, kDuration, kSpeed, kRate };

// "length", "duration", "speed", "rate".
std::string_view dimension_name(Dimension dimension);

// Allowed SI interval plus how to say it to a person ("between 1 ms and 60 s").
struct Bounds {
  double min;
  double max;
  bool min_inclusive = true;
  std::string_view description;
};

template <typename T>
struct ParseResult {
  T value{};
  std::string error;  // empty on success
  bool ok() const noexcept { return error.empty(); }
};

// A number followed by a unit of `dimension` (space optional), converted to SI:
// length m, km -> m; duration ms, s, min, h -> s; speed m/s, km/h, mph -> m/s;
// rate veh/s, veh/min, veh/h -> veh/s.
ParseResult<double> parse_quantity(std::string_view text, Dimension dimension);
ParseResult<double> parse_quantity(std::string_view text, Dimension dimension,
                                   const Bounds& bounds);

// A share: "25 %" -> 0.25, or a bare number in [0, 1].
ParseResult<double> parse_fraction(std::string_view text);

// A plain multiplier without unit ("1.5"), or a percentage ("150 %" -> 1.5).
ParseResult<double> parse_factor(std::string_view text, const Bounds& bounds);

// A whole number in [min, max]; no sign, fraction or exponent.
ParseResult<std::uint64_t> parse_count(std::string_view text, std::uint64_t min, std::uint64_t max);

// true/false/yes/no (any letter case).
ParseResult<bool> parse_bool(std::string_view text);

}  // namespace citytwin
