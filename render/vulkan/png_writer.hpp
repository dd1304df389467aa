#pragma once
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

namespace citytwin::render {

// PNG bytes of an RGBA8 image (rows top to bottom), encoded with stb_image_write.
std::string encode_png(std::span<const std::uint8_t> rgba, std::uint32_t width,
                       std::uint32_t height);

// Encodes and writes atomically (temporary file + rename): readers never see a torn PNG.
// Throws OutputError naming the path.
void write_png(const std::filesystem::path& path, std::span<const std::uint8_t> rgba,
               std::uint32_t width, std::uint32_t height);

}  // namespace citytwin::render
