// The frame sequence's background PNG writer: order, completeness and failures.
#include <gtest/gtest.h>
#include <stb_image.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/output/atomic_file.hpp"
#include "support/scratch_dir.hpp"
#include "tools/cli/png_write_queue.hpp"

namespace citytwin {
namespace {

using testing::ScratchDir;

std::filesystem::path frame_path(const ScratchDir& dir, int i) {
  std::string name = "f";
  name += std::to_string(i);
  name += ".png";
  return dir / name;
}

std::vector<std::uint8_t> solid(std::uint32_t w, std::uint32_t h, std::uint8_t grey) {
  std::vector<std::uint8_t> rgba(std::size_t{w} * h * 4, grey);
  for (std::size_t i = 3; i < rgba.size(); i += 4) rgba[i] = 255;
  return rgba;
}

TEST(PngWriteQueue, WritesEveryImageWithItsContent) {
  const ScratchDir dir;
  {
    cli::PngWriteQueue queue(2);
    for (int i = 0; i < 6; ++i) {
      queue.push(frame_path(dir, i), solid(16, 8, std::uint8_t(i * 40)), 16, 8);
    }
    queue.finish();
  }
  for (int i = 0; i < 6; ++i) {
    int w = 0;
    int h = 0;
    int channels = 0;
    const auto path = frame_path(dir, i).string();
    stbi_uc* data = stbi_load(path.c_str(), &w, &h, &channels, 4);
    ASSERT_NE(data, nullptr) << path;
    EXPECT_EQ(w, 16);
    EXPECT_EQ(h, 8);
    EXPECT_EQ(data[0], i * 40) << path;
    stbi_image_free(data);
  }
}

TEST(PngWriteQueue, AFailedWriteIsReportedByFinish) {
  const ScratchDir dir;
  std::ofstream(dir / "not-a-folder") << "x";  // a file where a folder would have to be
  cli::PngWriteQueue queue(1);
  queue.push(dir / "not-a-folder" / "f.png", solid(4, 4, 0), 4, 4);
  EXPECT_THROW(
      {
        // Later pushes may already see the failure; finish() must at the latest.
        queue.push(dir / "ok.png", solid(4, 4, 0), 4, 4);
        queue.finish();
      },
      OutputError);
}

}  // namespace
}  // namespace citytwin
