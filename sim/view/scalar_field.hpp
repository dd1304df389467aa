#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <ranges>
#include <string>
#include <string_view>
#include <vector>

// Scalar fields that systems publish into a WorldView for the view to draw as overlays
// (congestion per link now; air quality, radio coverage, order density later). The kernel knows
// no field by name: a system adds what it measures, the renderer draws any field the same way.
namespace citytwin {

// Which end of the colour scale is the good one, so every overlay reads alike (green = fine).
enum class FieldSense : std::uint8_t { kHigherIsBetter, kHigherIsWorse };

// What a field is and how to colour it. Values outside [range_min, range_max] are drawn at the
// nearer end; a NaN value means "no data here" and is not drawn.
struct FieldInfo {
  std::string name;  // stable key, e.g. "congestion"; `citytwin render --overlay NAME`
  std::string unit;  // shown in the legend, e.g. "% of free speed"
  float range_min = 0.0f;
  float range_max = 1.0f;
  FieldSense sense = FieldSense::kHigherIsWorse;
};

inline constexpr float kNoFieldValue = std::numeric_limits<float>::quiet_NaN();

// One value per link, indexed by LinkId.
struct LinkField : FieldInfo {
  std::vector<float> values;
};

// A regular grid over the city plane: cell (ix, iy) covers
// [origin_x + ix * cell_size, origin_x + (ix + 1) * cell_size) x [origin_y + iy * cell_size, ...),
// values row by row (iy major): values[iy * nx + ix].
struct GridField : FieldInfo {
  double origin_x = 0.0;   // m
  double origin_y = 0.0;   // m
  double cell_size = 1.0;  // m
  std::uint32_t nx = 0;
  std::uint32_t ny = 0;
  std::vector<float> values;

  float at(std::uint32_t ix, std::uint32_t iy) const { return values[std::size_t{iy} * nx + ix]; }
};

// The fields of one snapshot. Publishing reuses the storage of the previous snapshot: clear()
// keeps every field's strings and value vectors, add() hands the next one back, so a system that
// publishes the same fields every time allocates nothing in steady state. Fields live in a deque so
// that a reference from add() stays valid while later fields are added.
template <class Field>
class FieldList {
 public:
  void clear() { live_ = 0; }

  // A field to fill, named `name`; its other members hold whatever the slot held before (assign
  // them all; `values.assign(n, x)` keeps capacity).
  Field& add(std::string_view name) {
    if (live_ == storage_.size()) storage_.emplace_back();
    Field& field = storage_[live_++];
    field.name.assign(name);
    return field;
  }

  // The live fields, in the order they were added.
  auto all() const {
    return std::ranges::subrange(storage_.begin(),
                                 storage_.begin() + static_cast<std::ptrdiff_t>(live_));
  }
  std::size_t size() const { return live_; }
  bool empty() const { return live_ == 0; }

  // nullptr if no live field has that name.
  const Field* find(std::string_view name) const {
    for (const Field& field : all()) {
      if (field.name == name) return &field;
    }
    return nullptr;
  }

 private:
  std::deque<Field> storage_;
  std::size_t live_ = 0;
};

}  // namespace citytwin
