#pragma once
// Importers for networks and demand that users already have. Each turns a file into citytwin's
// own model (Network through NetworkBuilder; demand as DemandSpec trips and vehicle types), so a
// scenario that names a CityFlow or SUMO file runs on the same engine as a generated grid.
//
// Mapping rules shared by all importers:
// - Nodes at the network's edge where traffic enters or leaves (CityFlow "virtual" intersections,
//   SUMO dead ends with one road in or out) become NodeControl::kBoundary; signalised junctions
//   kSignal with one SignalGroup per source signal index (SUMO linkIndex, CityFlow roadLink);
//   others kPriority. SUMO connections with linkIndex -1 are not controlled by the light (at a
//   signalised node always green, as its other uncontrolled movements); rail crossings and rail
//   signals, whose lights close the road only for trains, are kPriority with unsignalised road
//   connections (no trains run in citytwin).
// - SUMO junctions' right-of-way is SUMO's own: each <request> row's foes and response become the
//   node's Network::right_of_way (who conflicts with whom, who gives way), used instead of
//   citytwin's geometric rules; a table that does not fit the junction's connections is reported
//   and the geometric rules stay there. CityFlow has no such table: geometry decides.
// - Lanes no road vehicle may use (rail, tram, bicycle, sidewalk by allow/disallow) are no road
//   lanes; an edge left without one is no link, so cars never route over tracks.
// - Link and lane lengths and speed limits are the source's (NetworkBuilder::set_link_length,
//   set_lane_speed_limit); lane 0 is the rightmost lane.
// - A source signal plan becomes the node's SignalProgram (used when the scenario says
//   `signals: {control: from_network}`); each group's `stage` is the index of the first phase in
//   which it is green, so `control: fixed_time` still has a sensible default plan.
// - Demand becomes TripSpecs with from = first link, to = last link, via = the links between (so
// the
//   source route is followed exactly), and VehicleTypeSpecs for the source vehicle parameters.
#include <filesystem>

#include "sim/io/import_report.hpp"
#include "sim/network/network.hpp"
#include "sim/scenario/schema.hpp"

namespace citytwin {

// CityFlow roadnet.json (intersections, roads with points and lanes, roadLinks with laneLinks,
// trafficLight lightphases).
Network import_cityflow_roadnet(const std::filesystem::path& file, ImportReport& report);

// CityFlow flow.json (vehicle parameters, route as road ids, interval, startTime, endTime): each
// entry's vehicles depart at startTime, startTime + interval, ... up to endTime. A flow with
// endTime -1 (or none: CityFlow's default, "until the simulation ends") runs while the departures
// are before `until`, the simulation's duration in s. Appends to `demand`.
void import_cityflow_flow(const std::filesystem::path& file, const Network& network,
                          DemandSpec& demand, ImportReport& report, double until);

// SUMO .net.xml (edges, lanes with shapes, lengths and speeds, junctions, connections, tlLogic).
Network import_sumo_network(const std::filesystem::path& file, ImportReport& report);

// SUMO .rou.xml (vType, route, vehicle, flow, trip). Appends to `demand`. `seed` is the run's
// seed (run_seed): probability flows are drawn with it, as SUMO draws them with its --seed.
void import_sumo_routes(const std::filesystem::path& file, const Network& network,
                        std::uint64_t seed, DemandSpec& demand, ImportReport& report);

}  // namespace citytwin
