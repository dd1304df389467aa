// Whole-network run: usage network <config.json> <duration_steps> [trips.csv]
// Tracks vehicle ids each step: created (getVehicles(true), includes those waiting to enter),
// running on a lane (getVehicles(false)), and disappearance (= trip finished).
// Duration definitions: t_first_seen / t_last are both "time after the step", so
// finish - created equals CityFlow's own (leave time - enterTime) used in getAverageTravelTime.
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include "engine/engine.h"
using namespace CityFlow;
int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage\n");
    return 1;
  }
  Engine eng(argv[1], 1);
  int T = atoi(argv[2]);
  FILE* trips = argc > 3 ? fopen(argv[3], "w") : nullptr;
  std::map<std::string, double> created, entered, finished;
  std::set<std::string> prev;
  for (int s = 0; s < T; ++s) {
    eng.nextStep();
    double now = eng.getCurrentTime();
    auto all = eng.getVehicles(true);
    auto run = eng.getVehicles(false);
    std::set<std::string> cur(all.begin(), all.end());
    for (auto& id : all)
      if (!created.count(id)) created[id] = now;
    for (auto& id : run)
      if (!entered.count(id)) entered[id] = now;
    for (auto& id : prev)
      if (!cur.count(id)) finished[id] = now;
    prev.swap(cur);
  }
  double now = eng.getCurrentTime();
  double sumC = 0, sumE = 0;
  int nE = 0;
  for (auto& f : finished) {
    sumC += f.second - created[f.first];
    if (entered.count(f.first)) {
      sumE += f.second - entered[f.first];
      nE++;
    }
    if (trips)
      fprintf(trips, "%s,%g,%g,%g\n", f.first.c_str(), created[f.first],
              entered.count(f.first) ? entered[f.first] : -1, f.second);
  }
  double sumAll = sumC;
  size_t nAll = finished.size();
  for (auto& id : prev) {
    sumAll += now - created[id];
    nAll++;
  }
  size_t waiting = prev.size() - eng.getVehicles(false).size();
  printf("time_s %g\n", now);
  printf("vehicles_created %zu\n", created.size());
  printf("vehicles_entered_lane %zu\n", entered.size());
  printf("trips_finished %zu\n", finished.size());
  printf("still_in_network_running %zu\n", eng.getVehicles(false).size());
  printf("still_waiting_to_enter %zu\n", waiting);
  printf("getVehicleCount %zu\n", eng.getVehicleCount());
  printf("getAverageTravelTime %.3f\n", eng.getAverageTravelTime());
  printf("my_avg_incl_unfinished %.3f\n", nAll ? sumAll / nAll : 0.0);
  printf("mean_finished_from_creation %.3f\n", finished.empty() ? 0.0 : sumC / finished.size());
  printf("mean_finished_from_lane_entry %.3f\n", nE ? sumE / nE : 0.0);
  if (trips) fclose(trips);
  fflush(stdout);
  _exit(0);
}
