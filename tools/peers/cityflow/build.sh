#!/bin/sh
# Build CityFlow engine objects (from src/, untouched) and the drivers. -j1 sequential.
set -e
WORK="${CITYFLOW_WORK:-/tmp/cityflow-work}"; cd "$WORK"
CXXFLAGS="-std=c++11 -O2 -DRAPIDJSON_HAS_STDSTRING=1 -Isrc/extern/milo -Irapidjson/include -Isrc/src"
for f in utility/utility utility/barrier engine/archive engine/engine flow/flow roadnet/roadnet roadnet/trafficlight vehicle/router vehicle/vehicle vehicle/lanechange; do
  o=obj/$(echo $f | tr / _).o
  [ -f $o ] && [ $o -nt src/src/$f.cpp ] || g++ $CXXFLAGS -c src/src/$f.cpp -o $o
done
for d in sat network; do
  [ -f $d.cpp ] && g++ $CXXFLAGS $d.cpp obj/*.o -o $d -pthread
done
echo built
