#pragma once
// SUMO's time values, read as SUMO 1.15 reads them (utils/common/SUMOTime.cpp, string2time): plain
// seconds ("12.5"), or "H:M:S" / "D:H:M:S" with each field a number; "M:S" is rejected. SUMO keeps
// times as integer milliseconds (SUMOTime, TIME2STEPS rounds half away from zero), and so do flow
// expansions here, so that departures match SUMO's to the millisecond.
#include <cstdint>
#include <optional>
#include <string_view>

namespace citytwin {

using SumoTimeMs = std::int64_t;

// nullopt when the text is not a SUMO time (negative values are returned; callers decide).
std::optional<SumoTimeMs> parse_sumo_time(std::string_view text);

// TIME2STEPS: seconds to milliseconds, rounded half away from zero.
SumoTimeMs sumo_time_from_seconds(double seconds);

inline double sumo_time_seconds(SumoTimeMs ms) {
  return static_cast<double>(ms) / 1000.0;
}

}  // namespace citytwin
