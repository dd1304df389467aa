#pragma once
#include "tools/cli/bench_command.hpp"

namespace citytwin::cli {

// `citytwin bench --render --window`: the city view's frame time in a real window (GLFW +
// swapchain, under Xvfb on a machine without a display) with the dashboards drawn, on the
// bench's warm-started grids: what a viewer user sees, where `--render` alone measures the
// headless path. Needs a display (exit 2 without one). Returns the process exit code.
int bench_render_window_command(const BenchOptions& options);

}  // namespace citytwin::cli
