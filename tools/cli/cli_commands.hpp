#pragma once
// The citytwin subcommands as the command line defines them: one function per command adds its
// options to the app and returns what runs when that command is the one given. main.cpp only
// lists them, parses and maps failures to exit codes.
#include <CLI/CLI.hpp>

#include <functional>

namespace citytwin::cli {

struct CliCommand {
  CLI::App* command = nullptr;
  std::function<int()> run;  // reads the options parsed into the command
};

CliCommand add_run_cli(CLI::App& app);
CliCommand add_validate_cli(CLI::App& app);
CliCommand add_bench_cli(CLI::App& app);
CliCommand add_import_cli(CLI::App& app);
CliCommand add_compare_cli(CLI::App& app);
#ifdef CITYTWIN_HAVE_RENDER
// tools/cli/cli_render_commands.cpp: only in builds with the renderer.
CliCommand add_render_cli(CLI::App& app);
CliCommand add_view_cli(CLI::App& app);
#endif

}  // namespace citytwin::cli
