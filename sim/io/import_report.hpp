#pragma once
// What importers share: the error they throw for input they cannot read, and the report of what
// they had to skip or approximate (printed by `citytwin import` and `citytwin run`, never silent).
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace citytwin {

// Input an importer cannot read. The message is complete and located, in the form
//   FILE:LINE:COL: error: what was found, what was expected     (XML, and JSON syntax errors)
//   FILE: error: at /json/pointer: what was found, what was expected   (JSON structure)
class ImportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ImportReport {
  // One line per kind of thing left out, with a count and the first few ids, e.g.
  // "12 pedestrian lanes (allow=\"pedestrian\") skipped: -E1_0, E2_0, ...".
  std::vector<std::string> skipped;
  // Modelling simplifications that change behaviour, e.g. "internal junction lanes replaced by
  // connection curves".
  std::vector<std::string> approximated;
  // Counts for the summary line.
  std::size_t nodes = 0;
  std::size_t links = 0;
  std::size_t lanes = 0;
  std::size_t connections = 0;
  std::size_t signal_programs = 0;
  std::size_t vehicles = 0;  // demand importers: vehicles (trips) produced
};

// Hard limits every importer enforces before it allocates: a file larger than this, nesting deeper,
// or more elements of one kind than this is refused with an ImportError naming the limit.
inline constexpr std::size_t kMaxImportFileBytes = 512ull << 20;  // 512 MiB
inline constexpr std::size_t kMaxImportDepth = 64;
inline constexpr std::size_t kMaxImportElements = 20'000'000;

}  // namespace citytwin
