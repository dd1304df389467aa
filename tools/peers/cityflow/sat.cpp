// Saturation-discharge / free-flow driver for CityFlow (links against CityFlow engine objects).
// usage: sat <config.json> <intersection_id> <in_lane_id> <green_at_s> <end_s> [out.csv
// [green_id...]]
//   any further ids are intersections held at phase 1 from t=0 (e.g. downstream signals).
//   phase 0 (all red) is held until green_at_s, then phase 1 (through green) is set.
//   Each step records vehicles leaving <in_lane_id> (stop-line crossing).
//   Output lines: crossing index, vehicle id, step-end time - green onset (integer),
//   interpolated crossing time (t_end - distance_on_link/speed), speed at step end.
//   Also logs per-step speed of the first vehicle created (for free-flow/acceleration).
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include "engine/engine.h"
using namespace CityFlow;
int main(int argc, char** argv) {
  if (argc < 6) {
    fprintf(stderr, "usage\n");
    return 1;
  }
  std::string cfg = argv[1], inter = argv[2], lane = argv[3];
  int greenAt = atoi(argv[4]), endT = atoi(argv[5]);
  FILE* out = argc > 6 ? fopen(argv[6], "w") : stdout;
  Engine eng(cfg, 1);
  eng.setTrafficLightPhase(inter, 0);
  for (int a = 7; a < argc; ++a) eng.setTrafficLightPhase(argv[a], 1);
  std::set<std::string> prev;
  int n = 0;
  std::string first;
  fprintf(out, "# kind,idx,vehicle,t_int,t_interp,speed\n");
  for (int t = 0; t < endT; ++t) {
    if (t == greenAt) {
      eng.setTrafficLightPhase(inter, 1);
      fprintf(out, "queue_at_green,%zu\n", prev.size());
      auto lv0 = eng.getLaneVehicles();
      for (auto& id : lv0[lane]) {
        auto info = eng.getVehicleInfo(id);
        fprintf(out, "qpos,%s,%s,%s\n", id.c_str(), info["distance"].c_str(),
                info["speed"].c_str());
      }
    }
    eng.nextStep();
    double now = eng.getCurrentTime();
    auto lv = eng.getLaneVehicles();
    std::set<std::string> cur(lv[lane].begin(), lv[lane].end());
    // lone-vehicle trace: first vehicle ever seen
    auto all = eng.getVehicles(false);
    if (first.empty() && !all.empty()) first = all[0];
    if (!first.empty()) {
      try {
        auto info = eng.getVehicleInfo(first);
        if (info["running"] == "1")
          fprintf(out, "trace,%g,%s,%s,%s\n", now, first.c_str(), info["drivable"].c_str(),
                  info["speed"].c_str());
      } catch (...) {
      }
    }
    for (auto& id : prev)
      if (!cur.count(id)) {
        ++n;
        double d = -1, v = 0;
        try {
          auto info = eng.getVehicleInfo(id);
          if (info["drivable"] != lane) {
            d = atof(info["distance"].c_str());
            v = atof(info["speed"].c_str());
          }
        } catch (...) {
        }
        double ti = (v > 0 && d >= 0) ? now - d / v : now;
        fprintf(out, "cross,%d,%s,%g,%.3f,%.3f\n", n, id.c_str(), now - greenAt, ti - greenAt, v);
      }
    prev = cur;
  }
  fprintf(out, "done,%d\n", n);
  if (out != stdout) fclose(out);
  fflush(stdout);
  _exit(0);  // skip destructor (thread join) for robustness
}
