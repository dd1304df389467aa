#pragma once

namespace citytwin::cli {

// Process exit codes (documented in README): scripts rely on them.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInternalError = 1;
inline constexpr int kExitBadInput = 2;

}  // namespace citytwin::cli
