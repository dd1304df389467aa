#include "sim/scenario/units.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <system_error>
#include <vector>

#include "sim/scenario/diagnostics.hpp"

namespace citytwin {
namespace {

struct Unit {
  std::string_view symbol;
  Dimension dimension;
  double to_si;
};

constexpr std::array kUnits{
    Unit{"m", Dimension::kLength, 1.0},
    Unit{"km", Dimension::kLength, 1000.0},
    Unit{"s", Dimension::kDuration, 1.0},
    Unit{"ms", Dimension::kDuration, 0.001},
    Unit{"min", Dimension::kDuration, 60.0},
    Unit{"h", Dimension::kDuration, 3600.0},
    Unit{"m/s", Dimension::kSpeed, 1.0},
    Unit{"km/h", Dimension::kSpeed, 1000.0 / 3600.0},
    Unit{"mph", Dimension::kSpeed, 1609.344 / 3600.0},
    Unit{"veh/s", Dimension::kRate, 1.0},
    Unit{"veh/min", Dimension::kRate, 1.0 / 60.0},
    Unit{"veh/h", Dimension::kRate, 1.0 / 3600.0},
};

std::string_view example(Dimension dimension) {
  switch (dimension) {
    case Dimension::kLength:
      return "300 m";
    case Dimension::kDuration:
      return "90 s";
    case Dimension::kSpeed:
      return "50 km/h";
    case Dimension::kRate:
      return "600 veh/h";
  }
  return "";
}

std::string_view unit_list(Dimension dimension) {
  switch (dimension) {
    case Dimension::kLength:
      return "m, km";
    case Dimension::kDuration:
      return "ms, s, min, h";
    case Dimension::kSpeed:
      return "km/h, m/s, mph";
    case Dimension::kRate:
      return "veh/h, veh/min, veh/s";
  }
  return "";
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

bool starts_with_word(std::string_view text, std::string_view word) {
  if (text.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) return false;
  }
  return true;
}

// Length of the leading number: [+-] digits [. digits] [e [+-] digits], or nan/inf spelled any
// way YAML or C would (".nan", "inf", "infinity"), so those are named as non-finite, not as junk.
std::size_t number_prefix_length(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  const std::string_view rest = text.substr(i);
  for (std::string_view word : {".nan", ".inf", "infinity", "nan", "inf"}) {
    if (starts_with_word(rest, word)) return i + word.size();
  }
  const auto is_digit = [&](std::size_t k) {
    return k < text.size() && std::isdigit(static_cast<unsigned char>(text[k]));
  };
  const std::size_t digits_start = i;
  while (is_digit(i)) ++i;
  bool any_digits = i > digits_start;
  if (i < text.size() && text[i] == '.') {
    const std::size_t after_point = i + 1;
    std::size_t k = after_point;
    while (is_digit(k)) ++k;
    if (k > after_point || any_digits) {
      any_digits = any_digits || k > after_point;
      i = k;
    }
  }
  if (!any_digits) return 0;
  // Take an exponent only when digits follow, so "5 elephants" keeps its "e".
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t k = i + 1;
    if (k < text.size() && (text[k] == '+' || text[k] == '-')) ++k;
    if (is_digit(k)) {
      while (is_digit(k)) ++k;
      i = k;
    }
  }
  return i;
}

// Parses a complete number token; the error names the token.
ParseResult<double> parse_number(std::string_view token) {
  ParseResult<double> result;
  std::string_view digits = token;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  const std::string_view magnitude =
      !digits.empty() && digits.front() == '-' ? digits.substr(1) : digits;
  // YAML spells them ".nan" and ".inf"; from_chars only knows "nan" and "inf" (caught below).
  if (magnitude.starts_with('.') &&
      (magnitude.size() == 1 || !std::isdigit(static_cast<unsigned char>(magnitude[1])))) {
    result.error = "'" + std::string(token) + "' is not a finite number";
    return result;
  }
  const auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), result.value);
  if (ec == std::errc::result_out_of_range) {
    // from_chars reports both overflow and underflow; the exponent's sign tells which.
    const bool tiny =
        digits.find("e-") != std::string_view::npos || digits.find("E-") != std::string_view::npos;
    result.error =
        "'" + std::string(token) +
        (tiny ? "' is too small to represent (it would be 0)" : "' is too large to represent");
    return result;
  }
  if (ec != std::errc() || end != digits.data() + digits.size()) {
    result.error = "'" + std::string(token) + "' is not a number";
    return result;
  }
  if (!std::isfinite(result.value)) {
    result.error = "'" + std::string(token) + "' is not a finite number";
  }
  return result;
}

struct Split {
  std::string_view number;
  std::string_view unit;
};

Split split_number_and_unit(std::string_view text) {
  const std::size_t length = number_prefix_length(text);
  return {text.substr(0, length), trim(text.substr(length))};
}

const Unit* find_unit(std::string_view symbol) {
  for (const Unit& unit : kUnits) {
    if (unit.symbol == symbol) return &unit;
  }
  return nullptr;
}

std::string expected_phrase(Dimension dimension) {
  return "expected a " + std::string(dimension_name(dimension)) + " with a unit, e.g. '" +
         std::string(example(dimension)) + "'";
}

std::string out_of_range(std::string_view what, std::string_view text, const Bounds& bounds) {
  return std::string(what) + " must be " + std::string(bounds.description) + ", found '" +
         std::string(text) + "'";
}

bool within(double value, const Bounds& bounds) {
  const bool above_min = bounds.min_inclusive ? value >= bounds.min : value > bounds.min;
  return above_min && value <= bounds.max;
}

}  // namespace

std::string_view dimension_name(Dimension dimension) {
  switch (dimension) {
    case Dimension::kLength:
      return "length";
    case Dimension::kDuration:
      return "duration";
    case Dimension::kSpeed:
      return "speed";
    case Dimension::kRate:
      return "rate";
  }
  return "quantity";
}

ParseResult<double> parse_quantity(std::string_view raw, Dimension dimension) {
  ParseResult<double> result;
  const std::string_view text = trim(raw);
  const std::string shown(text);
  const Split split = split_number_and_unit(text);
  if (split.number.empty()) {
    result.error = expected_phrase(dimension) + ", found '" + shown + "'";
    return result;
  }
  const ParseResult<double> number = parse_number(split.number);
  if (!number.ok()) {
    result.error = number.error;
    return result;
  }
  if (split.unit.empty()) {
    result.error = expected_phrase(dimension) + ", found '" + shown + "' (no unit)";
    return result;
  }
  const Unit* unit = find_unit(split.unit);
  if (unit == nullptr) {
    result.error = expected_phrase(dimension) + ", found '" + shown + "' (unknown unit '" +
                   std::string(split.unit) + "'";
    std::vector<std::string_view> same_dimension;
    for (const Unit& candidate : kUnits) {
      if (candidate.dimension == dimension) same_dimension.push_back(candidate.symbol);
    }
    if (const auto match = closest_match(split.unit, same_dimension)) {
      result.error += ", did you mean '" + std::string(*match) + "'?";
    }
    result.error += ")";
    return result;
  }
  if (unit->dimension != dimension) {
    result.error = "expected a " + std::string(dimension_name(dimension)) + " (" +
                   std::string(unit_list(dimension)) + "), found a " +
                   std::string(dimension_name(unit->dimension)) + " '" + shown + "'";
    return result;
  }
  result.value = number.value * unit->to_si;
  if (!std::isfinite(result.value)) {
    result.error = "'" + shown + "' is too large to represent";
  }
  return result;
}

ParseResult<double> parse_quantity(std::string_view text, Dimension dimension,
                                   const Bounds& bounds) {
  ParseResult<double> result = parse_quantity(text, dimension);
  if (result.ok() && !within(result.value, bounds)) {
    result.error = out_of_range(dimension_name(dimension), trim(text), bounds);
  }
  return result;
}

ParseResult<double> parse_fraction(std::string_view raw) {
  static constexpr Bounds kShare{0.0, 1.0, true, "between 0 and 1 (or 0 % and 100 %)"};
  ParseResult<double> result = parse_factor(raw, kShare);
  if (!result.ok() && result.error.starts_with("factor")) {
    result.error.replace(0, 6, "fraction");
  }
  return result;
}

ParseResult<double> parse_factor(std::string_view raw, const Bounds& bounds) {
  ParseResult<double> result;
  const std::string_view text = trim(raw);
  const Split split = split_number_and_unit(text);
  if (split.number.empty() || (!split.unit.empty() && split.unit != "%")) {
    result.error = "expected a number such as '0.5' or a percentage such as '50 %', found '" +
                   std::string(text) + "'";
    return result;
  }
  const ParseResult<double> number = parse_number(split.number);
  if (!number.ok()) {
    result.error = number.error;
    return result;
  }
  result.value = split.unit == "%" ? number.value / 100.0 : number.value;
  if (!within(result.value, bounds)) {
    result.error = out_of_range("factor", text, bounds);
  }
  return result;
}

ParseResult<std::uint64_t> parse_count(std::string_view raw, std::uint64_t min, std::uint64_t max) {
  ParseResult<std::uint64_t> result;
  const std::string_view text = trim(raw);
  const std::string range = "between " + std::to_string(min) + " and " + std::to_string(max);
  const std::string found = ", found '" + std::string(text) + "'";
  const bool all_digits =
      !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
  if (!all_digits) {
    // A negative whole number is a range problem, not a format problem: say so.
    const bool negative_integer = text.size() > 1 && text.front() == '-' &&
                                  text.find_first_not_of("0123456789", 1) == std::string_view::npos;
    result.error = negative_integer ? "must be " + range + found
                                    : "expected a whole number, found '" + std::string(text) + "'";
    return result;
  }
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), result.value);
  if (ec == std::errc::result_out_of_range) {
    result.error = "'" + std::string(text) + "' is too large (must be " + range + ")";
    return result;
  }
  if (ec != std::errc() || end != text.data() + text.size()) {
    result.error = "expected a whole number, found '" + std::string(text) + "'";
    return result;
  }
  if (result.value < min || result.value > max) result.error = "must be " + range + found;
  return result;
}

ParseResult<bool> parse_bool(std::string_view raw) {
  ParseResult<bool> result;
  std::string lower;
  for (char c : trim(raw)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "true" || lower == "yes") {
    result.value = true;
  } else if (lower == "false" || lower == "no") {
    result.value = false;
  } else {
    result.error = "expected true/false (or yes/no), found '" + std::string(trim(raw)) + "'";
  }
  return result;
}

}  // namespace citytwin
