// citytwin: the command-line front end. Each subcommand's options are defined in
// cli_commands.cpp and its work lives in its own file; this one lists the commands, parses and
// maps failures to exit codes (0 ok, 2 bad input, 1 internal error).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "sim/version.hpp"
#include "tools/cli/cli_commands.hpp"
#include "tools/cli/exit_codes.hpp"

namespace {

int dispatch(int argc, char** argv) {
  using namespace citytwin::cli;
  CLI::App app{"citytwin — a parallel agent-based smart-city digital twin"};
  app.set_version_flag("--version", std::string("citytwin ") + citytwin::kVersion);
  app.require_subcommand(1);
  // In the order `citytwin --help` lists them.
  const std::vector<CliCommand> commands = {
      add_run_cli(app),     add_validate_cli(app), add_bench_cli(app), add_import_cli(app),
#ifdef CITYTWIN_HAVE_RENDER
      add_render_cli(app),  add_view_cli(app),
#endif
      add_compare_cli(app),
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  for (const CliCommand& command : commands) {
    if (command.command->parsed()) return command.run();
  }
  return kExitInternalError;  // require_subcommand(1): not reached
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return dispatch(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "citytwin: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "citytwin: internal error (unknown exception)\n");
  }
  return citytwin::cli::kExitInternalError;
}
