#pragma once
// Runs the real citytwin executable in a child process and captures its exit code and output,
// so CLI tests check exactly what a user or script sees.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace citytwin::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Where and how the child runs: its working directory (empty: the test's) and variables set for
// it only, as `env` takes them (e.g. "PATH=/nonexistent"; quote values yourself).
struct CliContext {
  std::filesystem::path working_dir;
  std::string environment;
};

// `args` is appended to the executable path as is (quote it yourself).
inline CliResult run_cli(const std::string& args, const CliContext& context = {}) {
  static int counter = 0;
  const auto base =
      std::filesystem::temp_directory_path() /
      ("citytwin-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::string prefix;
  if (!context.working_dir.empty()) prefix += "cd '" + context.working_dir.string() + "' && ";
  // `env` is found through the test's PATH; the child then sees the changed one.
  if (!context.environment.empty()) prefix += "env " + context.environment + " ";
  const std::string command = prefix + std::string(CITYTWIN_CLI_PATH) + " " + args + " >" +
                              base.string() + ".out 2>" + base.string() + ".err </dev/null";
  const int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_all(base.string() + ".out");
  result.err = read_all(base.string() + ".err");
  std::filesystem::remove(base.string() + ".out");
  std::filesystem::remove(base.string() + ".err");
  return result;
}

}  // namespace citytwin::testing
