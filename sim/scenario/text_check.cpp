#include "sim/scenario/text_check.hpp"

#include "sim/scenario/diagnostics.hpp"

namespace citytwin::yaml {
namespace {

// Length of the UTF-8 sequence starting at text[i], or 0 if it is malformed (overlong forms,
// surrogates and code points above U+10FFFF included).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned char min_second = 0x80, max_second = 0xBF;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) min_second = 0xA0;
    if (lead == 0xED) max_second = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) min_second = 0x90;
    if (lead == 0xF4) max_second = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < min_second || byte(i + 1) > max_second) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

std::string hex_byte(unsigned char value) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  return std::string("0x") + kDigits[value >> 4] + kDigits[value & 15];
}

}  // namespace

void check_text(std::string_view text, const std::string& file_name) {
  if (text.starts_with("\xFE\xFF") || text.starts_with("\xFF\xFE")) {
    throw ScenarioError(file_name, 1, 1, "",
                        "UTF-16 text is not supported; save the file as UTF-8");
  }
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++line;
      column = 1;
      ++i;
      continue;
    }
    if (byte == 0) {
      throw ScenarioError(file_name, line, column, "", "not a text file (NUL byte)");
    }
    if ((byte < 0x20 && byte != '\t' && byte != '\r') || byte == 0x7F) {
      throw ScenarioError(file_name, line, column, "",
                          "not a text file (control byte " + hex_byte(byte) + ")");
    }
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      throw ScenarioError(file_name, line, column, "",
                          "invalid UTF-8 (byte " + hex_byte(byte) + "); save the file as UTF-8");
    }
    i += length;
    ++column;
  }
}

}  // namespace citytwin::yaml
