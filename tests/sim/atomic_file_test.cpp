#include "sim/output/atomic_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace citytwin {
namespace {

std::filesystem::path fresh_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("citytwin-atomic-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(AtomicFile, CreatesParentsAndReplacesWholeFiles) {
  const auto dir = fresh_dir("replace");
  const auto file = dir / "a" / "b" / "summary.json";
  write_file_atomically(file, "first");
  EXPECT_EQ(slurp(file), "first");
  write_file_atomically(file, "second, longer content");
  EXPECT_EQ(slurp(file), "second, longer content");
  // No temporaries left behind.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(file.parent_path())) {
    ++entries;
  }
  EXPECT_EQ(entries, 1u);
  std::filesystem::remove_all(dir);
}

TEST(AtomicFile, ReportsUnwritablePlacesWithThePath) {
  const auto dir = fresh_dir("blocked");
  std::filesystem::create_directories(dir);
  const auto blocker = dir / "not-a-dir";
  write_file_atomically(blocker, "x");  // a file where a directory is needed
  try {
    write_file_atomically(blocker / "out.csv", "y");
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("not-a-dir"), std::string::npos) << e.what();
  }
  EXPECT_EQ(slurp(blocker), "x");  // the existing file is untouched
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace citytwin
