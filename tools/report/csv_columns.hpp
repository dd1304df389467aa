#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace citytwin::report {

// A numeric CSV such as timeseries.csv, by column: a header line of names, then one number per
// cell. Empty cells (a KPI not reported in that row) read as NaN.
struct CsvColumns {
  std::vector<std::string> names;
  std::vector<std::vector<double>> values;  // values[column][row]
  std::size_t rows() const { return values.empty() ? 0 : values.front().size(); }
  // Index of a column, or names.size() if absent.
  std::size_t find(std::string_view name) const;
};

// Throws std::invalid_argument naming the line and column of a cell that is not a number or a
// row whose cell count differs from the header's.
CsvColumns parse_numeric_csv(std::string_view text);

}  // namespace citytwin::report
