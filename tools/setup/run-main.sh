#!/usr/bin/env bash
# Installs dependencies, builds the release preset and runs citytwin's main job: the viewer on the
# Jinan deployment (12 signalised intersections, camera-counted flows) when a display is
# available, otherwise a headless run of the default scenario that prints where its
# report is (summary.json and the self-contained report.html with plots). Extra arguments are passed to `citytwin run` (e.g. --threads 2 --until "600 s").
set -euo pipefail
cd "$(dirname "$0")/../.."

tools/setup/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target citytwin

scenario=scenarios/grid_default.yaml
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]] && ./build/release/tools/citytwin --help 2>/dev/null | grep -q '^ *view'; then
  exec ./build/release/tools/citytwin view scenarios/jinan_3x4.yaml
fi
exec ./build/release/tools/citytwin run "$scenario" --out out/grid_default --report "$@"
