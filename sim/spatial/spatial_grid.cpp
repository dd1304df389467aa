#include "sim/spatial/spatial_grid.hpp"

#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace citytwin {

namespace {

bool is_finite(Vec2 v) {
  return std::isfinite(v.x) && std::isfinite(v.y);
}

// Cells needed to cover `extent` (at least one, so a degenerate box still works).
double cells_for(double extent, double cell_size) {
  return std::max(1.0, std::ceil(extent / cell_size));
}

}  // namespace

void SpatialGrid::build(std::span<const Vec2> positions, double cell_size, Vec2 min, Vec2 max) {
  if (!(cell_size > 0.0) || !std::isfinite(cell_size)) {
    throw std::invalid_argument("SpatialGrid: cell_size must be positive and finite");
  }
  if (!is_finite(min) || !is_finite(max) || max.x < min.x || max.y < min.y) {
    throw std::invalid_argument("SpatialGrid: bounds must be finite with max >= min");
  }
  const double columns = cells_for(max.x - min.x, cell_size);
  const double rows = cells_for(max.y - min.y, cell_size);
  if (columns * rows > static_cast<double>(kMaxCells)) {
    throw std::invalid_argument("SpatialGrid: too many cells; use a larger cell_size");
  }
  if (positions.size() >= kNone) throw std::invalid_argument("SpatialGrid: too many positions");

  cell_size_ = cell_size;
  inverse_cell_size_ = 1.0 / cell_size;
  min_ = min;
  columns_ = static_cast<std::uint32_t>(columns);
  rows_ = static_cast<std::uint32_t>(rows);
  const std::size_t cell_count = std::size_t{columns_} * rows_;
  const std::size_t n = positions.size();

  // Counting sort. resize/assign keep capacity, so rebuilding with as many items or fewer
  // allocates nothing.
  item_cell_.resize(n);
  cell_start_.assign(cell_count + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    item_cell_[i] = cell_of(positions[i]);
    ++cell_start_[item_cell_[i] + 1];
  }
  for (std::size_t c = 1; c <= cell_count; ++c) cell_start_[c] += cell_start_[c - 1];

  // Scatter in ascending item order, using cell_start_[c] as cell c's write cursor; afterwards
  // each cursor has advanced to the start of the next cell, so shift the array back by one.
  sorted_indices_.resize(n);
  sorted_positions_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t slot = cell_start_[item_cell_[i]]++;
    sorted_indices_[slot] = static_cast<std::uint32_t>(i);
    sorted_positions_[slot] = positions[i];
  }
  for (std::size_t c = cell_count; c > 0; --c) cell_start_[c] = cell_start_[c - 1];
  cell_start_[0] = 0;
}

std::uint32_t SpatialGrid::column_of(double x) const {
  const double t = (x - min_.x) * inverse_cell_size_;
  if (!(t > 0.0)) return 0;  // also catches NaN
  if (t >= columns_) return columns_ - 1;
  return static_cast<std::uint32_t>(t);
}

std::uint32_t SpatialGrid::row_of(double y) const {
  const double t = (y - min_.y) * inverse_cell_size_;
  if (!(t > 0.0)) return 0;
  if (t >= rows_) return rows_ - 1;
  return static_cast<std::uint32_t>(t);
}

SpatialGrid::CellRange SpatialGrid::cells_overlapping(Vec2 lo, Vec2 hi) const {
  return {column_of(lo.x), row_of(lo.y), column_of(hi.x), row_of(hi.y)};
}

std::uint32_t SpatialGrid::nearest(Vec2 p) const {
  if (sorted_indices_.empty()) return kNone;
  const std::int64_t cx = column_of(p.x);
  const std::int64_t cy = row_of(p.y);
  const std::int64_t columns = columns_;
  const std::int64_t rows = rows_;
  // Beyond this ring every cell lies outside the grid.
  const std::int64_t last_ring = std::max({cx, columns - 1 - cx, cy, rows - 1 - cy});

  std::uint32_t best = kNone;
  double best_d2 = std::numeric_limits<double>::infinity();
  auto scan_cell = [&](std::int64_t x, std::int64_t y) {
    if (x < 0 || x >= columns || y < 0 || y >= rows) return;
    const std::size_t cell = static_cast<std::size_t>(y * columns + x);
    for (std::uint32_t k = cell_start_[cell]; k < cell_start_[cell + 1]; ++k) {
      const Vec2 d = sorted_positions_[k] - p;
      const double d2 = d.x * d.x + d.y * d.y;
      const std::uint32_t index = sorted_indices_[k];
      if (d2 < best_d2 || (d2 == best_d2 && index < best)) {
        best_d2 = d2;
        best = index;
      }
    }
  };

  for (std::int64_t ring = 0; ring <= last_ring; ++ring) {
    // Any item in ring k is at least (k - 1) cell sizes from p along one axis (edge cells only
    // stretch outwards, away from p's clamped cell), so once that exceeds the best distance no
    // later ring can win or tie.
    if (best != kNone && ring >= 1) {
      const double bound = static_cast<double>(ring - 1) * cell_size_;
      if (bound * bound > best_d2) break;
    }
    for (std::int64_t y = cy - ring; y <= cy + ring; ++y) {
      if (y == cy - ring || y == cy + ring) {
        for (std::int64_t x = cx - ring; x <= cx + ring; ++x) scan_cell(x, y);
      } else {
        scan_cell(cx - ring, y);
        if (ring > 0) scan_cell(cx + ring, y);
      }
    }
  }
  return best;
}

}  // namespace citytwin
