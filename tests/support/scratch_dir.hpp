#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace citytwin::testing {

// A fresh, empty folder for one test, unique to this test process and test name: ctest runs tests
// in parallel (-j), so a fixed name would let one test rewrite the files another is reading.
// Removed when the test passes; kept after a failure so the files can be looked at.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& tag = "") {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = "citytwin-";
    if (info != nullptr) name += std::string(info->test_suite_name()) + "." + info->name();
    for (char& c : name) {
      if (c == '/') c = '_';  // parameterised test names carry a slash
    }
    if (!tag.empty()) name += "-" + tag;
    path_ = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    if (info == nullptr || !info->result()->Failed()) {
      std::error_code ignored;
      std::filesystem::remove_all(path_, ignored);
    }
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace citytwin::testing
