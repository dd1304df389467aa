#include "sim/io/sumo_time.hpp"

#include <cmath>
#include <vector>

#include "sim/io/xml_reader.hpp"

namespace citytwin {

SumoTimeMs sumo_time_from_seconds(double seconds) {
  return static_cast<SumoTimeMs>(seconds * 1000.0 + (seconds >= 0.0 ? 0.5 : -0.5));
}

std::optional<SumoTimeMs> parse_sumo_time(std::string_view text) {
  // Limit far beyond any simulation (≈ 290 years) so the millisecond count cannot overflow.
  constexpr double kMaxSeconds = 9.0e9;
  auto seconds_field = [&](std::string_view field) -> std::optional<SumoTimeMs> {
    const auto value = xml::parse_number(field);
    if (!value || std::abs(*value) > kMaxSeconds) return std::nullopt;
    return sumo_time_from_seconds(*value);
  };
  if (text.find(':') == std::string_view::npos) return seconds_field(text);

  std::vector<std::string_view> fields;
  for (std::size_t start = 0;;) {
    const std::size_t colon = text.find(':', start);
    fields.push_back(text.substr(start, colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  // string2time: 3 fields = h:m:s, 4 fields = d:h:m:s; each field itself goes through string2time.
  static constexpr SumoTimeMs kScale3[] = {3600, 60, 1};
  static constexpr SumoTimeMs kScale4[] = {86400, 3600, 60, 1};
  const SumoTimeMs* scale = fields.size() == 3 ? kScale3 : fields.size() == 4 ? kScale4 : nullptr;
  if (scale == nullptr) return std::nullopt;
  SumoTimeMs total = 0;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto part = seconds_field(fields[i]);
    if (!part) return std::nullopt;
    total += scale[i] * *part;
  }
  return total;
}

}  // namespace citytwin
