#pragma once
// Reading a PNG a test wrote (pictures of the city): RGBA8 rows top to bottom.
#include <gtest/gtest.h>
#include <stb_image.h>

#include <cstdint>
#include <filesystem>
#include <vector>

namespace citytwin::testing {

struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;
};

// An unreadable file is a test failure (and an empty image).
inline Image load_png(const std::filesystem::path& path) {
  Image image;
  int channels = 0;
  stbi_uc* data = stbi_load(path.string().c_str(), &image.width, &image.height, &channels, 4);
  if (data == nullptr) {
    ADD_FAILURE() << path << " is not a readable PNG: " << stbi_failure_reason();
    return image;
  }
  image.rgba.assign(data, data + std::size_t(image.width) * image.height * 4);
  stbi_image_free(data);
  return image;
}

}  // namespace citytwin::testing
