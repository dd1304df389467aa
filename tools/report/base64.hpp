#pragma once
#include <string>
#include <string_view>

namespace citytwin::report {

// Standard base64 (RFC 4648, with '=' padding): how the report inlines a PNG as a data: URL.
std::string base64_encode(std::string_view bytes);

}  // namespace citytwin::report
