#pragma once
// The scenario as plain data: what the YAML loader produces and the builder (agents/) consumes.
// The kernel's sections are fields; each family's section lives in `sections` under its key.
// All quantities are stored in SI units (metres, seconds, m/s, vehicles per second, fractions
// 0..1); the loader converts from the units written in the file. Every key is documented in
// scenarios/README.md.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/network/road_class.hpp"
#include "sim/scenario/driver_spread.hpp"
#include "sim/scenario/scenario_sections.hpp"

namespace citytwin {

// Where a scenario comes from: the real deployment and its data (shown in reports and the viewer).
struct SourceSpec {
  std::string deployment;  // e.g. "Jinan, Shandong: 12 signalised intersections"
  std::string data;        // dataset and provenance
  std::string date;        // date of the data collection or of the dataset release
  std::string licence;     // licence or terms of use note
  std::string notes;       // what was approximated
};

struct SimulationSpec {
  double step = 1.0;         // s, fixed step
  double duration = 3600.0;  // s
  double warmup = 0.0;       // s, excluded from KPIs
  std::uint64_t seed = 1;
  std::uint32_t threads = 0;  // 0 = all hardware threads
};

// Generated grid: rows x cols signalised (or priority) junctions, `spacing` apart, two-way links,
// plus boundary links of `attach_length` on the fringe where traffic enters and leaves.
struct GridSpec {
  std::uint32_t rows = 3;
  std::uint32_t cols = 3;
  double spacing = 300.0;        // m
  double attach_length = 300.0;  // m; 0 = no fringe links
  std::uint32_t lanes = 2;       // per direction
  double speed_limit = 13.89;    // m/s
  bool signalised = true;
};

// Generated corridor: a straight arterial of `junctions` junctions with side streets.
struct CorridorSpec {
  std::uint32_t junctions = 5;
  double spacing = 400.0;        // m
  double attach_length = 300.0;  // m
  std::uint32_t lanes = 2;       // arterial lanes per direction
  std::uint32_t side_lanes = 1;  // side-street lanes per direction
  double speed_limit = 16.67;    // m/s
  double side_speed_limit = 11.11;
  bool signalised = true;
};

enum class NetworkFormat : std::uint8_t { kGrid, kCorridor, kCityFlow, kSumo, kOsm };

struct NetworkSpec {
  NetworkFormat format = NetworkFormat::kGrid;
  GridSpec grid;               // format == kGrid
  CorridorSpec corridor;       // format == kCorridor
  std::filesystem::path file;  // kCityFlow (roadnet.json), kSumo (.net.xml), kOsm (.osm); absolute
};

enum class Headways : std::uint8_t { kPoisson, kUniform };

// A stream of vehicles from one place to another. `from`/`to` name boundary nodes or links.
struct FlowSpec {
  std::string name;
  std::string from;
  std::string to;
  double rate = 0.0;   // vehicles per second
  double begin = 0.0;  // s
  double end = 0.0;    // s; 0 = simulation end
  Headways headways = Headways::kPoisson;
  std::string vehicle_type = "car";
};

// Traffic from every boundary entry to every boundary exit, at a total rate (generated grids).
struct RandomDemandSpec {
  double rate = 0.0;  // vehicles per second over the whole network
  double begin = 0.0;
  double end = 0.0;           // 0 = simulation end
  double min_distance = 0.0;  // m, straight-line between entry and exit
  std::string vehicle_type = "car";
};

// An origin-destination matrix entry: `trips` vehicles spread over [begin, end) from zone `from` to
// zone `to`; each trip picks its origin among the members of `from` and its destination among the
// members of `to`, uniformly (pairs with no route are never picked).
struct OdSpec {
  std::string from;                        // zone name (DemandSpec::zones)
  std::string to;                          // zone name
  std::uint32_t trips = 0;                 // vehicles over the window, before DemandSpec::scale
  double begin = 0.0;                      // s
  double end = 0.0;                        // s; 0 = simulation end
  Headways headways = Headways::kPoisson;  // poisson: random times; uniform: evenly spaced
  std::string vehicle_type = "car";
};

// One vehicle at a fixed time (not scaled by DemandSpec::scale).
struct TripSpec {
  double depart = 0.0;           // s
  std::string from;              // boundary node or link
  std::string to;                // boundary node or link
  std::vector<std::string> via;  // link names to pass in order
  std::string vehicle_type = "car";
};

// A vehicle type beyond the built-in classes (car, bus, truck, shuttle), as importers find them in
// CityFlow vehicle parameters or SUMO vTypes: the class's defaults with the values given here.
struct VehicleTypeSpec {
  std::string name;                              // unique; trips and flows name it in vehicle_type
  std::string base = "car";                      // class whose defaults fill what is not given
  std::optional<double> length;                  // m
  std::optional<double> max_speed;               // m/s, IDM v0
  std::optional<double> acceleration;            // m/s², IDM a
  std::optional<double> deceleration;            // m/s², IDM b (comfortable)
  std::optional<double> emergency_deceleration;  // m/s²
  std::optional<double> min_gap;                 // m, IDM s0
  std::optional<double> headway;                 // s, IDM T
  // How its drivers differ (agents/traffic/vehicle_type.hpp, DriverSpread): mean and standard
  // deviation of the per-vehicle speed factor, and dawdling (SUMO's sigma, 0..1). Absent: 1, 0, 0.
  std::optional<double> speed_factor;
  std::optional<double> speed_deviation;
  std::optional<double> dawdling;
  // Never changes lanes for speed into a lane that does not continue its route (CityFlow's
  // vehicles); otherwise only within keep_lane_near_end of the lane's end (SUMO LC2013's).
  bool keeps_route_lanes = false;
  // The lanes it may use (road_class.hpp); absent: its base's (car passenger, bus and shuttle
  // bus, truck truck).
  std::optional<RoadClass> road_class;
};

// What happens to a trip (explicit or from a file) whose origin cannot reach its destination.
enum class UnroutableTrips : std::uint8_t {
  kError,  // the scenario is refused, naming the trip (the default: a typo should not vanish)
  kSkip,   // the trip is dropped and counted in the import report (SUMO's --ignore-route-errors)
};

struct DemandSpec {
  std::vector<VehicleTypeSpec> vehicle_types;
  std::vector<FlowSpec> flows;
  std::optional<RandomDemandSpec> random;
  // Named groups of places (boundary nodes or links) that od entries draw from.
  std::map<std::string, std::vector<std::string>> zones;
  std::vector<OdSpec> od;
  std::vector<TripSpec> trips;
  std::vector<std::filesystem::path> files;  // CityFlow flow.json / SUMO .rou.xml; absolute
  double scale = 1.0;  // multiplies every rate and od count, not trips (what-if demand ×)
  UnroutableTrips unroutable = UnroutableTrips::kError;
};

struct OutputsSpec {
  std::filesystem::path directory;  // absolute; empty = "out/<scenario name>"
  double interval = 60.0;           // s between time-series rows
  bool timeseries = true;
  bool trips = true;
  bool tripinfo = false;  // SUMO-compatible tripinfo.xml
};

struct Scenario {
  std::string name;
  std::string description;
  std::filesystem::path
      file;  // the YAML file it was loaded from (absolute), empty if built in code
  SourceSpec source;
  SimulationSpec simulation;
  NetworkSpec network;
  // Demand stays a kernel section: the importers (sim/io) read demand files into it.
  DemandSpec demand;
  OutputsSpec outputs;
  // The families' sections by top-level key (e.g. "signals", "routing"), each decoded by the
  // family that registered the key (sim/family/family_registry.hpp).
  ScenarioSections sections;
  std::vector<std::string> variants;  // names of the variants the file defines
  std::string applied_variant;        // the one applied, empty for the baseline
  // Hex XXH3-64 of the bytes of every file read (top file first, then its includes, depth first)
  // plus the applied variant name: two runs with equal hashes ran the same scenario text.
  std::string content_hash;
};

}  // namespace citytwin
