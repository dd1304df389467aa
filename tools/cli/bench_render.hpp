#pragma once
#include "tools/cli/bench_command.hpp"

namespace citytwin::cli {

// `citytwin bench --render`: for each size, the warm-started grid of `bench` (bench_warm_start.hpp)
// after the warm-up steps, its WorldView rendered headless (offscreen, lavapipe on GPU-less
// machines) `frames` times at 1280x720 from three cameras: the whole city, a district (0.5 px/m)
// and a street (3 px/m) at the city centre. Prints per camera the frame time (median, p90: record,
// GPU work and read-back of the pixels), the instances drawn and whether the agent layer was
// density cells (level of detail). `--no-lod` forces sprites, to measure what the level of detail
// saves. Returns the process exit code.
int bench_render_command(const BenchOptions& options);

}  // namespace citytwin::cli
