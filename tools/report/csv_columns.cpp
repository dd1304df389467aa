#include "tools/report/csv_columns.hpp"

#include <charconv>
#include <limits>
#include <stdexcept>

namespace citytwin::report {
namespace {

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> cells;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    cells.push_back(line.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) return cells;
    start = comma + 1;
  }
}

}  // namespace

std::size_t CsvColumns::find(std::string_view name) const {
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (names[c] == name) return c;
  }
  return names.size();
}

CsvColumns parse_numeric_csv(std::string_view text) {
  CsvColumns table;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    const auto cells = split(line);
    if (table.names.empty()) {
      for (const auto cell : cells) table.names.emplace_back(cell);
      table.values.resize(table.names.size());
      continue;
    }
    if (cells.size() != table.names.size()) {
      throw std::invalid_argument("line " + std::to_string(line_number) + ": " +
                                  std::to_string(cells.size()) + " cells, the header has " +
                                  std::to_string(table.names.size()));
    }
    for (std::size_t c = 0; c < cells.size(); ++c) {
      double value = std::numeric_limits<double>::quiet_NaN();
      if (!cells[c].empty()) {
        const auto [ptr, error] =
            std::from_chars(cells[c].data(), cells[c].data() + cells[c].size(), value);
        if (error != std::errc{} || ptr != cells[c].data() + cells[c].size()) {
          throw std::invalid_argument("line " + std::to_string(line_number) + ", column '" +
                                      table.names[c] + "': '" + std::string(cells[c]) +
                                      "' is not a number");
        }
      }
      table.values[c].push_back(value);
    }
  }
  return table;
}

}  // namespace citytwin::report
