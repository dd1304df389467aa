#pragma once
// How every command that loads a scenario and builds its world reports failure: bad input (the
// scenario, its data, the arguments) is exit 2 with a located message, an output that cannot be
// written or an inconsistent build is exit 1. One place, so run, render and view agree.
#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "agents/world_builder.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/step/pipeline.hpp"
#include "tools/cli/exit_codes.hpp"

namespace citytwin::cli {

// Runs `body` (returning an exit code) and maps the shared failures; `command` names the
// subcommand in messages ("run", "render", ...).
template <class Body>
int with_scenario_errors(const char* command, const std::filesystem::path& scenario, Body&& body) {
  try {
    return body();
  } catch (const ScenarioError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitBadInput;
  } catch (const BuildError& e) {
    std::fprintf(stderr, "%s: error: %s\n", scenario.string().c_str(), e.what());
    return kExitBadInput;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "citytwin %s: error: %s\n", command, e.what());
    return kExitBadInput;
  } catch (const OutputError& e) {
    std::fprintf(stderr, "citytwin %s: error: %s\n", command, e.what());
    return kExitInternalError;
  } catch (const PipelineConflict& e) {
    std::fprintf(stderr, "citytwin %s: internal error: %s\n", command, e.what());
    return kExitInternalError;
  }
}

}  // namespace citytwin::cli
