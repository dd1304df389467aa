#!/usr/bin/env bash
# Installs dependencies, builds with a CMake preset and runs the whole test suite with CTest.
# Usage: tools/setup/run-tests.sh [PRESET [CTEST ARGS...]]
#        PRESET: release (default), debug, asan, tsan; CTEST ARGS e.g. -R Determinism
set -euo pipefail
cd "$(dirname "$0")/../.."
preset="${1:-release}"
shift || true

tools/setup/install-deps.sh --for-tests
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
ctest --preset "$preset" -j "$(nproc)" "$@"
