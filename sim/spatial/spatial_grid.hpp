#pragma once
// Uniform-grid index over points (agent positions), rebuilt from scratch every step.
//
// Storage is CSR (compressed sparse rows): one array of item indices grouped by cell, plus one
// offset per cell, filled by a counting sort. Why:
//  - cache: a query walks a few contiguous runs of indices and of copied positions, instead of
//    chasing per-cell vectors or linked lists scattered over the heap;
//  - no allocation: the buffers are reused across rebuilds, so a steady-state step allocates
//    nothing (per-agent-per-step allocation is banned by the design);
//  - determinism: the counting sort is stable, so items in a cell are in ascending index order
//    regardless of how (or on how many threads) the positions were produced, and queries return
//    indices in ascending order.
// Positions outside [min, max] are clamped into the edge cells, so they are still found (their
// true distance is what is tested).
#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "sim/network/geometry.hpp"

namespace citytwin {

class SpatialGrid {
 public:
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

  // Indexes positions[0..n). cell_size > 0; max >= min. Throws std::invalid_argument otherwise,
  // or when the grid would need more than kMaxCells cells.
  void build(std::span<const Vec2> positions, double cell_size, Vec2 min, Vec2 max);

  // Replaces the contents of `out` (any container with clear/push_back/begin/end of uint32_t,
  // e.g. std::vector<std::uint32_t> reused across calls) with the indices of all positions within
  // distance r of `centre` (boundary included), in ascending order.
  template <typename Out>
  void query_radius(Vec2 centre, double r, Out& out) const;

  // Index of the position closest to p (ties: the lowest index); kNone when the grid is empty.
  std::uint32_t nearest(Vec2 p) const;

  std::size_t size() const { return sorted_indices_.size(); }
  std::uint32_t columns() const { return columns_; }
  std::uint32_t rows() const { return rows_; }

  static constexpr std::size_t kMaxCells = std::size_t{1} << 24;

 private:
  struct CellRange {
    std::uint32_t x0, y0, x1, y1;  // inclusive
  };
  std::uint32_t column_of(double x) const;
  std::uint32_t row_of(double y) const;
  std::uint32_t cell_of(Vec2 p) const { return row_of(p.y) * columns_ + column_of(p.x); }
  CellRange cells_overlapping(Vec2 lo, Vec2 hi) const;

  double cell_size_ = 1.0;
  double inverse_cell_size_ = 1.0;
  Vec2 min_;
  std::uint32_t columns_ = 0;
  std::uint32_t rows_ = 0;
  std::vector<std::uint32_t>
      cell_start_;  // size cells + 1: items of cell c are [start[c], start[c+1])
  std::vector<std::uint32_t>
      sorted_indices_;                    // item indices grouped by cell, ascending within a cell
  std::vector<Vec2> sorted_positions_;    // positions in the same order, for cache-friendly tests
  std::vector<std::uint32_t> item_cell_;  // scratch: cell of each item during build
};

template <typename Out>
void SpatialGrid::query_radius(Vec2 centre, double r, Out& out) const {
  out.clear();
  if (sorted_indices_.empty() || !(r >= 0.0)) return;
  const double r2 = r * r;
  const CellRange range =
      cells_overlapping({centre.x - r, centre.y - r}, {centre.x + r, centre.y + r});
  for (std::uint32_t y = range.y0; y <= range.y1; ++y) {
    // Cells of one row are adjacent in CSR, so the whole row span is one contiguous run.
    const std::uint32_t begin = cell_start_[y * columns_ + range.x0];
    const std::uint32_t end = cell_start_[y * columns_ + range.x1 + 1];
    for (std::uint32_t k = begin; k < end; ++k) {
      const Vec2 d = sorted_positions_[k] - centre;
      if (d.x * d.x + d.y * d.y <= r2) out.push_back(sorted_indices_[k]);
    }
  }
  // Runs from different cells interleave; sort the (small) result for a deterministic order.
  std::sort(out.begin(), out.end());
}

}  // namespace citytwin
