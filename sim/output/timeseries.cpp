#include "sim/output/timeseries.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace citytwin {

void KpiRow::set(std::string_view column, double value) {
  const auto it = std::find(columns_.begin(), columns_.end(), column);
  if (it == columns_.end()) {
    throw std::logic_error("KPI column '" + std::string(column) + "' was not declared");
  }
  values_[static_cast<std::size_t>(it - columns_.begin())] = value;
}

void TimeSeries::set_columns(std::vector<std::string> columns) {
  columns_ = std::move(columns);
  times_.clear();
  values_.clear();
}

KpiRow TimeSeries::append_row(double time) {
  times_.push_back(time);
  values_.resize(values_.size() + columns_.size(), std::numeric_limits<double>::quiet_NaN());
  return KpiRow(columns_, std::span<double>(values_).last(columns_.size()));
}

std::size_t TimeSeries::column_index(std::string_view name) const {
  const auto it = std::find(columns_.begin(), columns_.end(), name);
  return it == columns_.end() ? npos : static_cast<std::size_t>(it - columns_.begin());
}

std::string TimeSeries::to_csv() const {
  std::string out = "time_s";
  for (const auto& c : columns_) out += "," + c;
  out += "\n";
  char buffer[64];
  auto append_number = [&](double v) {
    if (std::isnan(v)) return;  // empty cell: not reported
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, result.ptr);
  };
  for (std::size_t r = 0; r < times_.size(); ++r) {
    append_number(times_[r]);
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      out += ",";
      append_number(value(r, c));
    }
    out += "\n";
  }
  return out;
}

}  // namespace citytwin
