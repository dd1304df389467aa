#pragma once
#include <filesystem>
#include <stdexcept>
#include <string_view>

namespace citytwin {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes `content` to `path` so that readers (and a crash at any moment) see either the old file
// or the complete new one, never a torn write: a temporary file in the same directory is written,
// flushed to disk, then renamed over the target. Creates missing parent directories.
// Throws OutputError naming the path and the system error.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace citytwin
