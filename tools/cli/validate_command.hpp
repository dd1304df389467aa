#pragma once
#include <filesystem>
#include <string>

namespace citytwin::cli {

// `citytwin validate`: loads the scenario (and every variant, or just the one named) and builds
// its network, reporting the first problem with its location. Returns the exit code.
int validate_command(const std::filesystem::path& scenario, const std::string& variant);

}  // namespace citytwin::cli
