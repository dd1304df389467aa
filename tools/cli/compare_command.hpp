#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace citytwin::cli {

struct CompareOptions {
  std::filesystem::path scenario;
  std::vector<std::string> variants;  // compared with the base scenario, in this order
  std::optional<unsigned> threads;
  std::optional<std::uint64_t> seed;
  std::optional<std::filesystem::path> out;  // default out/<scenario name>-compare
  std::optional<std::string> until;
};

// `citytwin compare`: runs the base scenario and each variant headless with one seed (common
// random numbers: the same random draws for the same agent, step and purpose, so differences
// come from the variant, not from noise), writes each run's output folder under the comparison
// folder plus compare.csv (tidy: metric, run, value, baseline, delta, delta_pct), and prints the
// table side by side. Returns the process exit code.
int compare_command(const CompareOptions& options);

}  // namespace citytwin::cli
