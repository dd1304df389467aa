#include "render/vulkan/png_writer.hpp"

#include <stb_image_write.h>

#include "render/vulkan/render_error.hpp"
#include "sim/output/atomic_file.hpp"

namespace citytwin::render {

std::string encode_png(std::span<const std::uint8_t> rgba, std::uint32_t width,
                       std::uint32_t height) {
  if (rgba.size() != std::size_t{width} * height * 4) {
    throw RenderError("encode_png: pixel buffer does not match " + std::to_string(width) + "x" +
                      std::to_string(height));
  }
  std::string png;
  auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                               static_cast<std::size_t>(size));
  };
  const int ok =
      stbi_write_png_to_func(append, &png, static_cast<int>(width), static_cast<int>(height), 4,
                             rgba.data(), static_cast<int>(width * 4));
  if (ok == 0) throw RenderError("PNG encoding failed");
  return png;
}

void write_png(const std::filesystem::path& path, std::span<const std::uint8_t> rgba,
               std::uint32_t width, std::uint32_t height) {
  write_file_atomically(path, encode_png(rgba, width, height));
}

}  // namespace citytwin::render
