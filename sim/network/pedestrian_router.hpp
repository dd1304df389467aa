#pragma once
// Shortest walking time over a Network's pedestrian layer (Dijkstra; ties between equal times go
// to the lower vertex id, and a vertex keeps the first predecessor that reached it, so routes do
// not depend on anything but the network and the parameters). Walking time is length / speed on
// every edge plus, on a signalised crosswalk, the expected wait for its green.
//
// Expected wait for a random arrival at a signal with cycle C and effective green g is
// (C - g)^2 / (2 C) (HCM 2010, pedestrian delay at signalised intersections, Eq. 18-5): red comes
// with probability (C - g) / C and then lasts (C - g) / 2 on average. g and C are taken from the
// best the network knows:
//   1. the crosswalk's own pedestrian signal in its node's program (SUMO crossings);
//   2. the node's program, green being the phases in which a signal group tied to the crosswalk
//      is green (imported plans without pedestrian signals);
//   3. the node's stage plan (SignalGroup::stage, generated networks): `assumed_cycle` split
//      equally among the node's stages, green in the stages of the tied groups;
//   4. signalised with no tied group: `untied_crossing_wait`.
// Unsignalised crosswalks cost `unsignalised_crossing_wait` on top of walking (0 by default:
// pedestrians have priority on a zebra).
//
// A router holds no search state: route() may be called from several threads at once. It
// allocates its search arrays per call (routes are asked for per trip, not per step).
#include <vector>

#include "sim/network/network.hpp"

namespace citytwin {

struct WalkingParams {
  // Mean free walking speed of adult pedestrians, 1.34 m/s (s.d. 0.26 m/s): Henderson 1971, "The
  // statistics of crowd fluids", Nature 229; the desired-speed distribution of Helbing & Molnar's
  // social force model (Phys. Rev. E 51, 1995).
  double walking_speed = 1.34;              // m/s, > 0
  double assumed_cycle = 90.0;              // s, cycle of a stage plan the network has no times for
  double untied_crossing_wait = 45.0;       // s, half of assumed_cycle: no stage is known to fit
  double unsignalised_crossing_wait = 0.0;  // s
};

// A point on the walking graph: `offset` metres along `edge` from its `from` vertex.
struct WalkPosition {
  WalkEdgeId edge = 0;
  double offset = 0.0;
};

struct WalkRoute {
  bool found = false;
  double time = 0.0;              // s, walking plus expected crossing waits
  double length = 0.0;            // m walked
  std::vector<WalkEdgeId> edges;  // in walking order (partial first/last edges for positions)
};

class PedestrianRouter {
 public:
  explicit PedestrianRouter(const Network& network, WalkingParams params = {});

  const WalkingParams& params() const { return params_; }
  // Expected wait before crossing (0 on unsignalised crosswalks unless the parameters say
  // otherwise).
  double crossing_wait(CrosswalkId crosswalk) const { return crossing_wait_[crosswalk]; }
  // Time to walk the whole edge, waits included.
  double edge_time(WalkEdgeId edge) const;

  WalkRoute route(WalkVertexId from, WalkVertexId to) const;
  WalkRoute route(WalkPosition from, WalkPosition to) const;
  // Walking time from `from` to every vertex (infinity where unreachable).
  std::vector<double> times_from(WalkVertexId from) const;

 private:
  struct Seed {
    WalkVertexId vertex;
    double time;
  };
  double expected_wait(const Crosswalk& crosswalk) const;
  // Dijkstra from the seeds until every vertex in `targets` is settled (all when empty).
  void search(std::span<const Seed> seeds, std::span<const WalkVertexId> targets,
              std::vector<double>& time, std::vector<WalkEdgeId>& via) const;
  std::vector<WalkEdgeId> path_to(WalkVertexId v, const std::vector<WalkEdgeId>& via) const;

  const Network& network_;
  const PedestrianNetwork& layer_;
  WalkingParams params_;
  std::vector<double> crossing_wait_;
};

}  // namespace citytwin
