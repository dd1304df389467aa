#pragma once
#include <string>
#include <string_view>

namespace citytwin {

// Text made safe inside XML/HTML element content and double-quoted attributes.
std::string xml_escape(std::string_view text);

}  // namespace citytwin
