#pragma once
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace citytwin {

// One row being filled by the systems' report_kpis; columns are fixed when the world starts.
class KpiRow {
 public:
  KpiRow(const std::vector<std::string>& columns, std::span<double> values)
      : columns_(columns), values_(values) {}
  // Sets a declared column; throws std::logic_error for an undeclared one (a programming error).
  void set(std::string_view column, double value);

 private:
  const std::vector<std::string>& columns_;
  std::span<double> values_;
};

// KPI time series: a row every recording interval, one column per declared KPI, in declaration
// order (so the CSV layout is stable across runs and thread counts).
class TimeSeries {
 public:
  void set_columns(std::vector<std::string> columns);
  const std::vector<std::string>& columns() const { return columns_; }

  // Appends a row of NaNs (NaN = not reported) stamped with `time` and returns it for filling; the
  // row stays valid until the next append.
  KpiRow append_row(double time);

  std::size_t row_count() const { return times_.size(); }
  double time(std::size_t row) const { return times_[row]; }
  double value(std::size_t row, std::size_t column) const {
    return values_[row * columns_.size() + column];
  }
  // Index of a column, or npos.
  std::size_t column_index(std::string_view name) const;
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // CSV with a header `time_s,<columns...>`; numbers in shortest round-trip form.
  std::string to_csv() const;

 private:
  std::vector<std::string> columns_;
  std::vector<double> times_;
  std::vector<double> values_;  // row-major
};

}  // namespace citytwin
