#pragma once
// The bytes of a scenario file must be UTF-8 text before YAML sees them: binary files, UTF-16 and
// stray control bytes get a clear located message instead of a confusing YAML syntax error.
#include <string>
#include <string_view>

namespace citytwin::yaml {

// Throws ScenarioError at the first NUL, control byte (other than tab, CR, LF) or malformed UTF-8
// sequence (overlong forms and surrogates included). Columns count characters, 1-based.
void check_text(std::string_view text, const std::string& file_name);

}  // namespace citytwin::yaml
