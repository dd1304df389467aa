#include "sim/io/sumo_speed_factor.hpp"

#include <charconv>
#include <cmath>
#include <vector>

namespace citytwin {
namespace {

std::optional<double> number(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::optional<SumoSpeedFactor> parse_sumo_speed_factor(std::string_view text) {
  SumoSpeedFactor factor;
  if (const auto plain = number(text)) {
    if (!(*plain > 0.0)) return std::nullopt;
    factor.mean = *plain;
    return factor;
  }
  const std::size_t open = text.find('(');
  if (open == std::string_view::npos || text.empty() || text.back() != ')') return std::nullopt;
  const std::string_view name = text.substr(0, open);
  std::vector<double> values;
  std::string_view rest = text.substr(open + 1, text.size() - open - 2);
  while (true) {
    const std::size_t comma = rest.find(',');
    const auto value = number(rest.substr(0, comma));
    if (!value) return std::nullopt;
    values.push_back(*value);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  const bool normal = name == "norm" && values.size() == 2;
  const bool capped = name == "normc" && values.size() == 4;
  if (!(normal || capped) || !(values[0] > 0.0) || values[1] < 0.0) return std::nullopt;
  factor.mean = values[0];
  factor.deviation = values[1];
  if (capped) factor.default_bounds = values[2] == 0.2 && values[3] == 2.0;
  // norm(...) has no bounds in SUMO; citytwin's [0.2, 2] differ from none only in the far tails.
  return factor;
}

}  // namespace citytwin
