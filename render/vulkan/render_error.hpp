#pragma once
#include <stdexcept>

namespace citytwin::render {

// Anything the renderer cannot do on this machine (no Vulkan loader or device, an API call that
// failed, an impossible target size). The message says what failed and, where known, the fix.
class RenderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace citytwin::render
