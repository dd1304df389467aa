#!/usr/bin/env bash
# Installs citytwin's build, test and run dependencies from Debian 12 packages.
# Idempotent: does nothing (and needs no network) when everything is already installed.
# Usage: tools/setup/install-deps.sh [--for-tests] [--with-peers]
#        --for-tests adds SUMO's netgenerate and netconvert (package sumo): the importer tests make
#        networks with them, so none of those tests is skipped on a fresh machine; and the networks
#        Debian ships under /usr/share/sumo/tools (package sumo-tools, only recommended by sumo,
#        which --no-install-recommends leaves out) for the SUMO corpus test (tests/corpus), with
#        the OSM file and type map (/usr/share/sumo/data/typemap) its netconvert case reads
#        --with-peers adds Eclipse SUMO and its tools for the side-by-side comparison scripts
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git clang-format
  # kernel and CLI libraries
  libtbb-dev libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libxxhash-dev
  librandom123-dev libsqlite3-dev libpugixml-dev libglm-dev libstb-dev libexpat1-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # renderer: Vulkan (Mesa lavapipe on machines without a GPU), GLFW, Dear ImGui, shader compiler,
  # and a virtual display for the window tests
  libvulkan-dev mesa-vulkan-drivers vulkan-tools vulkan-validationlayers glslc libglfw3-dev
  libimgui-dev xvfb xauth
)
for option in "$@"; do
  case "$option" in
    --for-tests) packages+=(sumo sumo-tools) ;;
    --with-peers) packages+=(sumo sumo-tools python3-sympy) ;;
    *) echo "install-deps: unknown option $option" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
