#pragma once
// Located scenario errors and the "did you mean" helper. Every problem the loader finds becomes one
// ScenarioError whose what() reads like a compiler diagnostic, so editors and CI logs can jump to
// it:
//   grid.yaml:7:12: error: network.grid.spacing: expected a length with a unit, e.g. '300 m', ...
#include <cstddef>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace citytwin {

class ScenarioError : public std::runtime_error {
 public:
  // line/column are 1-based; line == 0 means the error concerns the whole file (no position).
  // key_path is dotted ("network.grid.spacing", "demand.flows[2].rate"); empty when there is none.
  ScenarioError(std::string file, int line, int column, std::string key_path, std::string message);

  const std::string& file() const noexcept { return file_; }
  int line() const noexcept { return line_; }
  int column() const noexcept { return column_; }
  const std::string& key_path() const noexcept { return key_path_; }
  const std::string& message() const noexcept { return message_; }

 private:
  std::string file_;
  int line_;
  int column_;
  std::string key_path_;
  std::string message_;
};

// Formats "FILE:LINE:COL: error: KEY.PATH: MESSAGE" (or "FILE: error: MESSAGE" when line == 0).
std::string format_scenario_error(std::string_view file, int line, int column,
                                  std::string_view key_path, std::string_view message);

// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
// neighbouring characters each cost 1 ("duraton" -> "duration" is 1, "sepd" -> "spde" is 2).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo: distance <= 2,
// or <= a third of the word's length for long words. Ties go to the earliest candidate.
std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates);

// " (did you mean 'x'?)" or "" — ready to append to a message.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

// "a, b, c" — for messages that list the allowed values.
std::string join_names(std::span<const std::string_view> names);

}  // namespace citytwin
