#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "agents/contracts/junction_blockers.hpp"
#include "agents/contracts/lane_observations.hpp"
#include "agents/contracts/road_vehicles.hpp"
#include "agents/contracts/signal_indications.hpp"
#include "agents/contracts/speed_advice.hpp"
#include "agents/traffic/best_lanes.hpp"
#include "agents/traffic/demand.hpp"
#include "agents/traffic/idm.hpp"
#include "agents/traffic/route_trees.hpp"
#include "agents/traffic/router.hpp"
#include "agents/traffic/track_layout.hpp"
#include "agents/traffic/trip_log.hpp"
#include "agents/traffic/vehicle_lanes.hpp"
#include "agents/traffic/vehicle_type.hpp"
#include "sim/step/system.hpp"

namespace citytwin {

class StepContext;

struct TrafficConfig {
  double halting_speed = 0.1;  // m/s: below this a vehicle counts as halted (SUMO's value)
  double critical_gap_permissive_left = 4.1;  // s, HCM left turn from the major road
  double critical_gap_minor_right = 6.2;      // s, HCM right turn from the minor road
  double critical_gap_minor_through = 6.5;    // s, HCM through movement from the minor road
  double critical_gap_minor_left = 7.1;       // s, HCM left turn from the minor road
  double lane_change_start_margin = 10.0;     // m: no lane change right after entering a lane
  double kpi_window = 60.0;                   // s over which the throughput column counts arrivals
  // m: no discretionary change away from the lanes that continue the route this close to the
  // lane end
  double keep_lane_near_end = 200.0;
  // s a vehicle halted at the line in a lane that does not go its way waits for a gap into one
  // that does before it takes a turn its lane allows (a missed turn, then a new route).
  double missed_turn_after = 60.0;
  double reroute_interval = 0.0;  // s between re-routing rounds on current travel times; 0 = off
  // Departing vehicles take the fastest route on the link speeds of the last
  // kDepartureSpeedWindow seconds (sampled every kDepartureSpeedSample s) instead of free flow.
  bool route_departures_on_current_times = false;
  // s a vehicle may stand first on its lane or junction path before it is teleported further
  // along its route (SUMO's --time-to-teleport, see traffic_teleport.cpp); 0 = never.
  double teleport_after = 0.0;
  // s: a gridlock is a cycle of tracks whose front vehicles have each stood this long waiting on
  // the next (room, yield, lane change: traffic_gridlock.cpp), looked for every gridlock_check
  // s; 0 = never.
  double gridlock_after = 0.0;
  double gridlock_check = 10.0;
  // Resolution of a gridlock found: false, counted only; true, the front vehicle of its lowest
  // track is teleported (as above), which gives the rest of the cycle room.
  bool gridlock_teleport = false;
  // Seed of each driver's own draws (its speed factor, DriverSpread): the run's seed.
  std::uint64_t driver_seed = 1;
};

// Teleports so far by why the vehicle stood (SUMO's three "waited too long" reasons).
struct TeleportCounts {
  std::uint64_t jam = 0;         // the lane its turn leads into had no room
  std::uint64_t yield = 0;       // room ahead, but not allowed to go (signal, priority, box)
  std::uint64_t wrong_lane = 0;  // on a lane without a turn toward its route (missed change)
  std::uint64_t total() const { return jam + yield + wrong_lane; }
};

// Road traffic: inserts vehicles from the departure schedule, moves them with IDM along their
// routes, changes lanes with MOBIL, obeys signals, yields at junctions, and records every trip.
//
// Shared resources (agents/contracts): reads SignalIndications, SpeedAdvice and JunctionBlockers
// in act (and spends SpeedAdvice's caps after its drive); publishes RoadVehicles (its own columns,
// no copy) after every repack, and the ground truth of LaneObservations in exchange when some
// system reads them.
//
// Step, in the kernel's phases:
//   decide: lane-change decisions (applied after motion) and the track ends other tracks' vehicles
//           look at (parallel), then re-routing of stuck vehicles (serial)
//   act:    one parallel pass per link: every vehicle's acceleration and the furthest point it may
//           reach this step, then its motion across track ends; then insertion, teleports and
//           gridlock looks when the scenario asks for them (serial), arrivals and the repack
//           (parallel + ordered merge)
//   exchange: KPI counts
// Vehicles never overlap: every advance is clamped to the leader's rear as it was at the start of
// the step, and leaders never move backwards; vehicles entering one lane from different junction
// paths in the same step are put one behind the other by a serial pass after the motion.
class TrafficSystem final : public System {
 public:
  TrafficSystem(std::shared_ptr<const Network> network, std::vector<VehicleType> types,
                std::vector<std::string> type_names, std::vector<Departure> departures,
                TrafficConfig config = {});

  std::string_view name() const override { return "traffic"; }
  void connect(Resources& resources) override;
  void declare(SystemDeclaration& declaration) const override;
  void run(Phase phase, StepContext& context) override;
  void hash_state(StateHasher& hasher) const override;
  void report_kpis(KpiRow& row) const override;
  void report_totals(Totals& totals) const override;
  void fill_view(WorldView& view) const override;
  void write_outputs(const OutputRequest& request) const override;
  // Knob: demand x (departures still to come), see set_demand_scale.
  void declare_knobs(KnobList& knobs) const override;
  // Inspector: a picked vehicle (place, trip so far, route ahead); a picked junction's queues.
  void describe(const InspectTarget& target, Inspection& inspection) const override;

  // Puts a vehicle straight onto a lane (tests, benchmarks, warm starts), bypassing the insertion
  // queue: front bumper at `position` on `lane`, which must belong to `origin`. It joins the
  // network at the next step. Returns false (and adds nothing) when there is no route, the spot
  // is off the lane, or it would overlap a vehicle already placed or driving there.
  bool place_vehicle(LinkId origin, LinkId destination, LaneId lane, double position, double speed,
                     std::uint8_t type, double now = 0.0);

  // What-if: scales the demand still to come. From the next step on, each scheduled departure
  // that falls due becomes floor(scale) vehicles plus one more with probability frac(scale),
  // drawn from (seed, departure index), so a given scale always keeps the same departures
  // whatever the thread count; 1 is the schedule as generated (no draws). Copies are new
  // vehicles with the original's origin, destination, route and type. Call between steps (a
  // Command). Throws std::invalid_argument outside [0, kMaxDemandScale].
  static constexpr double kMaxDemandScale = 4.0;
  void set_demand_scale(double scale);
  double demand_scale() const { return demand_scale_; }
  // Scheduled departures a scale below 1 dropped, and copies a scale above 1 added, so far.
  std::uint64_t departures_dropped() const { return departures_dropped_; }
  std::uint64_t departures_added() const { return departures_added_; }

  // Introspection for tests, benchmarks and the viewer.
  const VehicleLanes& vehicles() const { return lanes_; }
  const TrackLayout& layout() const { return layout_; }
  const std::vector<TripRecord>& trips() const { return trips_; }
  std::uint64_t inserted() const { return inserted_; }
  std::uint64_t arrived() const { return arrived_; }
  std::uint64_t waiting_to_insert() const { return waiting_count_; }
  // Teleports so far (0 unless TrafficConfig::teleport_after is set), and the vehicles removed
  // from the network by a teleport that have neither re-entered nor arrived yet.
  std::uint64_t teleported() const { return teleports_.total(); }
  const TeleportCounts& teleports() const { return teleports_; }
  std::uint64_t in_transit() const { return transit_.size(); }
  // Gridlocks found (each counted once while it lasts) and teleports that resolved one.
  std::uint64_t gridlocks_detected() const { return gridlocks_detected_; }
  std::uint64_t gridlocks_resolved() const { return gridlocks_resolved_; }
  std::uint64_t vehicle_updates() const { return vehicle_updates_; }
  std::uint64_t reroutes() const { return reroutes_; }
  std::uint64_t lane_swaps() const { return lane_swaps_; }
  // Vehicles that entered a lane from a junction path on top of another entering it in the same
  // step and were held back behind it (traffic_merges.cpp).
  std::uint64_t merges_held_back() const { return merges_held_back_; }
  std::uint64_t dynamic_reroutes() const { return dynamic_reroutes_; }
  // Speed caps applied so far (vehicle-steps), and steps whose caps were dropped because their
  // rows had moved on (stale).
  std::uint64_t speed_caps_applied() const { return speed_caps_applied_; }
  std::uint64_t speed_caps_stale() const { return speed_caps_stale_; }
  const VehicleType& type(std::uint8_t index) const { return types_[index]; }
  // Metres the vehicle in `slot` has driven since it was inserted.
  double distance_driven(std::uint32_t slot) const {
    return trip_distance_[lanes_.slots().id[slot]] + lanes_.slots().position[slot];
  }
  // Smallest bumper-to-bumper gap between consecutive vehicles on any track (+inf if none).
  double min_gap() const;

 private:
  // decide
  // Queues the departures due by `until` and inserts waiting vehicles where the entry lanes have
  // room after this step's motion (called in act, before the re-pack).
  void insert_departures(double until, std::uint64_t seed);
  // Appends a copy of departure `d` as a new vehicle (not scheduled) and returns its id.
  std::uint32_t clone_departure(std::uint32_t d);
  void decide_lane_changes(const StepContext& context);
  void decide_lane_changes_on(std::uint32_t track, int dir, double step_seconds);
  // Flags the lane's front vehicle for a missed-turn re-route when it stands at the line of a
  // lane that does not go its way and no lane change can get it out.
  void flag_front_without_way(std::uint32_t track, double step_seconds);
  // The stretch at the start of `lane` where no vehicle changes into or out of it (m).
  double entry_zone(std::uint32_t lane, double step_seconds) const;
  // What route_id would build on a miss for one re-routing attempt, computed ahead in parallel
  // (the tree walks and free-flow sums are the costly part, and read-only) so the serial part
  // only looks up and appends. `planned` false: not computed, route_id builds it itself.
  struct PlannedRoute {
    bool planned = false;
    std::uint32_t chunk = 0;  // links in planned_links_[chunk][begin, begin + count)
    std::uint32_t begin = 0;
    std::uint32_t count = 0;
    double free_flow = 0.0;
  };
  static constexpr std::uint32_t kPlannedAttempts = 4;  // per stuck vehicle
  void reroute_stuck_vehicles(Executor& executor, double now, double step_seconds);
  // Whether the vehicle in `slot` (on `track`) stands at the line in a lane that does not go its
  // way.
  bool stuck_at_line(std::uint32_t slot, std::uint32_t track) const;
  // Whether no vehicle can enter `lane` from a junction this step (its incoming paths empty and
  // no front near the end of their lanes).
  bool entry_quiet(std::uint32_t lane, double step_seconds) const;
  // The vehicle that would come off connection `c` first: the front of its path, else the front
  // of its lane; `distance` m from the connection's end (the start of the lane it leads into).
  struct Arrival {
    double distance;
    double speed;
    bool on_path;
  };
  std::optional<Arrival> nearest_arrival(ConnectionId c) const;
  // m a vehicle coming over connection `c` at `speed` may advance in one step (+2 m): at most
  // its speed plus the largest acceleration of any type, at most 1.2x its lane's limit.
  double arrival_reach(ConnectionId c, double speed, double step_seconds) const;
  // Whether every vehicle about to enter `lane` from a junction (the front of each incoming path,
  // else the front of its lane) is far enough behind the point `rear` m into the lane to stay
  // clear of it this step and stop behind it at a comfortable deceleration.
  bool entry_clear_behind(std::uint32_t lane, double rear, double step_seconds) const;
  // Whether some movement out of `lane` may go now (unsignalised, green or amber).
  bool lane_may_go(std::uint32_t lane) const;
  // Lets the stuck front of `track` trade places with the stuck front beside it that needs this
  // lane (each blocks the other's gap); true if they swapped.
  bool swap_stuck_fronts(std::uint32_t track);
  // Fills plans[0, kPlannedAttempts) for the vehicle in `slot`, links into planned_links_[chunk].
  void plan_reroute(std::uint32_t slot, std::uint32_t chunk, PlannedRoute* plans,
                    std::vector<LinkId>& scratch);
  void reroute_stuck_vehicle(std::uint32_t slot, const PlannedRoute* plans);
  void reroute_on_current_times();
  // Every routing group's trees route on these link costs (empty: free flow) from now on, and
  // the shared route tables start over.
  void set_route_costs(std::span<const double> seconds_per_link);
  // link_speed_: the mean speed of the vehicles on each link's lanes now (its speed limit where
  // there are none).
  void measure_link_speeds();
  // route_departures_on_current_times: every kDepartureSpeedSample s, a sample of the links' mean
  // speeds (the speed limit where empty); departures are routed on their average over the last
  // kDepartureSpeedWindow s (SUMO's rerouting device: speeds averaged over 180 s).
  static constexpr double kDepartureSpeedSample = 10.0;
  static constexpr std::size_t kDepartureSpeedSamples = 18;
  void sample_departure_costs(double now, double step_seconds);
  // Acceleration and furthest reachable front position of every vehicle on `track`, into
  // accel[slot - base] and limit[slot - base]. Reads this track, the other lanes of its link and,
  // for vehicles beyond the stop line, only other tracks' ends (VehicleLanes::ends: other
  // links move concurrently).
  void decide_longitudinal_on(std::uint32_t track, int dir, std::uint32_t base, double* accel,
                              double* limit) const;
  // The seams other systems steer traffic through, read at the start of act: this step's speed
  // caps by slot (speed_cap_ stays null when no caps came: the hot loops then skip caps) and
  // the blocked junction movements. After the drive the caps are spent.
  void take_shared_inputs(const StepContext& context);
  void spend_speed_caps(const StepContext& context);
  // Points RoadVehicles at the columns as the last repack left them.
  void publish_vehicles(const StepContext& context);
  // Counts, per lane, the vehicles on it and those standing (parallel over lanes).
  void observe_lanes(const StepContext& context);

  // The neighbouring lanes whose vehicles may ask to merge in front of vehicles of `track`.
  struct CourtesyLanes {
    static constexpr std::uint32_t kMaxAsking = 64;
    bool active[2] = {false, false};  // right, left neighbour
    // The asking vehicles of each neighbour lane (slots, front to back) and a cursor that only
    // moves back as the vehicles of this lane are visited front to back.
    std::uint32_t asking[2][kMaxAsking];
    std::uint32_t count[2] = {0, 0};
    std::uint32_t cursor[2] = {0, 0};
  };
  CourtesyLanes courtesy_lanes(std::uint32_t track) const;
  // A vehicle that must change lanes to continue its route and found no gap does not drive past
  // the slow vehicle just ahead in the lane it must enter when near the lane end, and anywhere on
  // the lane drops back behind a moving vehicle there that blocks its gap: the acceleration that
  // does so (+inf when none applies). `cursors` (right, left neighbour; kNoId = not started)
  // carry the walk along the target lanes from one vehicle of the lane to the next.
  double join_queue_accel(std::uint32_t slot, std::uint32_t track, double v0,
                          std::uint32_t* cursors) const;
  // Whether the vehicle in `slot` drops back to let `beside`, the first vehicle of its target lane
  // not ahead of it, pass (see join_queue_accel).
  bool yields_to_neighbour(std::uint32_t slot, std::uint32_t beside, bool target_on_left) const;
  // gap / leader_speed: what the vehicle already follows (its acceleration is at most the IDM
  // value for them), so asking vehicles that cannot lower it are skipped.
  double courtesy_accel(std::uint32_t slot, double v0, double gap, double leader_speed,
                        CourtesyLanes& lanes) const;
  void describe_vehicle(std::uint32_t id, Inspection& inspection) const;
  void describe_junction(NodeId node, Inspection& inspection) const;
  // act
  struct StepSums {
    double speed = 0.0;
    double loss = 0.0;
    double halted = 0.0;
    void add(const StepSums& other) {
      speed += other.speed;
      loss += other.loss;
      halted += other.halted;
    }
  };
  // drive_chunks_ for a network (see there).
  static std::vector<std::uint32_t> drive_chunks(const TrackLayout& layout, const Network& network);
  // Decides and moves every vehicle, a link at a time (decisions for all its lanes first, then
  // motion: lane changes and mergers read the neighbouring lanes' start-of-step state), and
  // classifies the tracks for the repack.
  void drive(const StepContext& context);
  // Updates the drive pass logs while it moves a chunk's vehicles and applies at the end of the
  // chunk: each reads a table that outgrows the cache at 1M vehicles (per-trip tallies by vehicle
  // id; the route tables behind a vehicle's cached next connection), and a miss inside the pass
  // stalls everything behind it, where a tight loop of them overlaps. Nothing in the pass reads
  // what they change before the chunk ends.
  struct TripTally {
    std::uint32_t id;
    bool new_stop;    // true: one more stop; false: `distance` more metres
    double distance;  // the length of a track the vehicle left
  };
  // A vehicle that crossed the end of a junction path into a lane this step, and where it
  // started the step (on that path, or on the lane before it).
  struct MergeEntrant {
    std::uint32_t slot;
    std::uint32_t path;
    std::uint32_t start_track;
    double start_position;
  };
  struct DeferredUpdates {
    std::vector<TripTally> tallies;            // trip_distance_, trip_stops_
    std::vector<std::uint32_t> route_refresh;  // slots whose next_conn, lane_mask are stale
    std::vector<MergeEntrant> entrants;        // kept per chunk for hold_back_merge_overlaps
  };
  // Ballistic motion of slots [b, e) with accel[slot - b], limit[slot - b]; the KPI sums.
  StepSums integrate_slots(std::uint32_t b, std::uint32_t e, const double* accel,
                           const double* limit, int dir, double dt, DeferredUpdates& deferred);
  void apply_deferred(const DeferredUpdates& deferred);
  // traffic_merges.cpp, serial after the drive pass: vehicles that entered one lane from
  // different junction paths in the same step each kept clear of the lane's last vehicle but not
  // of each other; the rear ones are held back behind the front ones (onto their path if the
  // lane has no room), and counted.
  void hold_back_merge_overlaps(double dt);
  // Puts entrant `e` at `allowed` (lane coordinates: negative is that far before the lane on its
  // path, no further back than it started) at no more than `leader_speed`; returns where it is.
  double hold_back(const MergeEntrant& e, double allowed, double leader_speed, double dt);
  void record_arrivals(double now, double step_seconds);
  // The trip record of vehicle `id` arriving at `now` having driven `distance` metres.
  TripRecord finish_trip(std::uint32_t id, std::uint8_t type, double now, double distance) const;

  // teleport (traffic_teleport.cpp), in act after insertion: front vehicles standing longer
  // than teleport_after leave their track and re-enter further along their route.
  struct Transit {
    std::uint32_t id;
    std::uint32_t route;
    std::uint16_t pos;  // index in the route of the next link to try to enter
    std::uint8_t type;
    double due;  // s: when it reaches the start of route link `pos`
  };
  void teleport_stuck_vehicles(double until);
  // Takes the front vehicle of `track` out of the network into transit_ (counted by reason).
  void teleport_front(std::uint32_t track, double until);
  // Moves transit_[k] on along its route until it enters a link with room, arrives at the end of
  // its route, or is due later than `until`. Returns true when it left transit.
  bool advance_transit(Transit& transit, double until);
  // Room at the start of `lane` after this step's motion and the inserts queued so far (m).
  double room_at_start(std::uint32_t lane) const;
  void prepare_entering_rears();
  // After this step's motion, before the re-pack (insertion and teleports): vehicles that moved
  // into a lane this step still sit in their old track's segment; entering_rear_ gets the lowest
  // rear among them per lane.
  void collect_entering_rears();
  // Room at the start of `lane` left by those and by the last vehicle that stays on it (m).
  double room_behind_motion(std::uint32_t lane) const;
  // Teleports or gridlock detection are on (they act on halted_since_, which is always kept).
  bool tracks_waiting() const {
    return config_.teleport_after > 0.0 || config_.gridlock_after > 0.0;
  }
  // gridlock (traffic_gridlock.cpp): appends to wait_edges_ the tracks the front of `track`
  // waits for (none unless it has stood gridlock_after), and one look for cycles.
  void collect_waits(std::uint32_t track, double until);
  void detect_gridlocks(double until);
  void reduce_kpis(const StepContext& context);
  // Routing groups, routers and route tables from the types' road classes (constructor).
  void set_up_routing_groups();

  // The connection a vehicle on lane `lane` takes toward the next link of its route (kNoId when
  // the lane has none: the vehicle must change lanes first, or it is at its destination). When
  // the lane has several toward the next link, the one landing nearest that link's landing lanes
  // (best_lanes.hpp; the first in connection order on ties).
  ConnectionId next_connection(std::uint32_t lane, std::uint32_t route, std::uint16_t pos) const;
  // Strategic lane mask of the link at route position `pos`: its best lanes along the whole
  // route (compute_best_lanes, once per route). A subset of the lanes toward the next link (all
  // lanes at the destination).
  std::uint16_t strategic_lanes(std::uint32_t route, std::uint16_t pos) const {
    return route_best_lanes_[route_begin_[route] + pos].strategic;
  }
  // Recomputes a slot's next_conn and lane_mask from its track and route (after it changed link
  // or route; a lane change within a link only changes next_conn).
  void refresh_route_cache(VehicleSlots& slots, std::size_t slot) const;
  bool at_destination(std::uint32_t route, std::uint16_t pos) const {
    return pos + 1u >= route_length_[route];
  }
  LinkId route_link(std::uint32_t route, std::uint16_t pos) const {
    return route_links_[route_begin_[route] + pos];
  }
  LinkId route_destination(std::uint32_t route) const {
    return route_link(route, static_cast<std::uint16_t>(route_length_[route] - 1u));
  }
  // The link that connection `k` of `lane` turns into (the re-routing attempts' waypoints).
  LinkId turn_target(const Lane& lane, std::uint32_t k) const {
    return network_->lane(network_->connection(lane.first_connection + k).to_lane).link;
  }
  // May the front vehicle of a lane enter connection `c` now? (signal, box space, conflicts)
  bool may_enter(ConnectionId c, std::uint32_t slot, double distance_to_line) const;
  double critical_gap(ConnectionId c) const;
  static constexpr std::uint32_t kNoRoute = 0xFFFFFFFFu;
  // The id of the route origin -> (via...) -> destination, creating it on first use; kNoRoute
  // when there is none. Routes without waypoints are shared per OD pair.
  // The route route_id would return without building one (read-only); kNoRoute if none is known.
  // `via` kNoId: no waypoint.
  // Routes belong to a routing group (routing_group_of): the road class whose lanes they keep to.
  std::uint32_t known_route(std::uint8_t group, LinkId origin, LinkId destination,
                            LinkId via) const;
  // `plan`, when given and planned, holds the links and free-flow time to use on a miss.
  std::uint32_t route_id(std::uint8_t group, LinkId origin, LinkId destination,
                         std::span<const LinkId> via, const PlannedRoute* plan = nullptr);
  // The routing group of vehicle type `type`, and of route `route`.
  std::uint8_t group_of_type(std::uint8_t type) const { return type_group_[type]; }
  std::uint8_t group_of_route(std::uint32_t route) const { return route_group_[route]; }
  // Lanes of `link` (bit k = lane k) closed to the road class of routing group `group`; 0 on
  // networks without reserved lanes.
  std::uint16_t closed_lanes(LinkId link, std::uint8_t group) const;
  // Whether a vehicle of routing group `group` may drive connection `c`.
  bool group_may_use(const Connection& c, std::uint8_t group) const {
    return !reserved_lanes_ || connection_allows(*network_, c, group_class_[group]);
  }
  // Leader search in another lane: first slot of `track` at or behind `position` (end if none).
  std::uint32_t first_behind(std::uint32_t track, double position) const;
  // Drivers (DriverSpread): vehicle `vehicle`'s speed factor, drawn when it is created; the IDM v0
  // of the vehicle in `slot` on a track with this limit (cruise_speed), and its ideal speed there.
  float draw_speed_factor(std::uint32_t vehicle, std::uint8_t type) const;
  double speed_factor_of(std::uint32_t vehicle) const {
    return drivers_vary_ ? speed_factor_[vehicle] : 1.0;
  }
  double desired_speed(const VehicleSlots& s, std::uint32_t slot, double limit) const {
    const VehicleType& type = types_[s.type[slot]];
    if (!drivers_vary_) return std::min(type.idm.desired_speed, limit);
    return cruise_speed(type, speed_factor_[s.id[slot]], limit);
  }
  double ideal_speed_of(const VehicleSlots& s, std::uint32_t slot, double limit) const {
    const VehicleType& type = types_[s.type[slot]];
    if (!drivers_vary_) return std::min(type.idm.desired_speed, limit);
    return ideal_speed(type, speed_factor_[s.id[slot]], limit);
  }

  std::shared_ptr<const Network> network_;
  TrackLayout layout_;
  std::vector<VehicleType> types_;
  std::vector<IdmKernel> idm_;     // per type, for the hot path
  double max_acceleration_ = 0.0;  // m/s², the largest IDM a of any type
  std::vector<std::string> type_names_;
  std::vector<Departure> departures_;
  TrafficConfig config_;
  Resource<SignalIndications> indications_;
  Resource<SpeedAdvice> speed_advice_;
  Resource<JunctionBlockers> blockers_;
  Resource<RoadVehicles> road_vehicles_;
  Resource<LaneObservations> observations_;
  // This step's view of them (set in take_shared_inputs, read by the drive pass).
  const SignalState* signal_state_ = nullptr;
  std::vector<SignalState> shown_now_, shown_before_;  // this step's and the previous step's
  const JunctionBlockers* blocked_ = nullptr;          // null: nothing blocked this step
  const double* speed_cap_ = nullptr;  // per slot (SpeedAdvice's column); null: no caps this step
  std::uint64_t speed_caps_applied_ = 0;
  std::uint64_t speed_caps_stale_ = 0;
  // Routing per road class: on a network that reserves lanes for some classes (bus lanes,
  // delivery-only streets) each class in use is a routing group with its own graph of the
  // connections it may drive; otherwise one group for every type.
  bool reserved_lanes_ = false;
  std::vector<std::uint8_t> type_group_;  // per vehicle type
  std::vector<RoadClass> group_class_;    // per group
  std::vector<Router> routers_;           // per group: waypoint routes, free-flow times
  std::vector<RouteTrees> route_trees_;   // per group: every other route
  std::vector<LinkId> route_scratch_;

  VehicleLanes lanes_;
  // drive(): chunks of whole links (then of junction paths) in ascending track order, fixed by
  // the network so the KPI sums never depend on threads; chunk c is tracks
  // [drive_chunks_[c], drive_chunks_[c + 1]).
  std::vector<std::uint32_t> drive_chunks_;
  std::vector<StepSums> chunk_sums_;
  std::vector<std::vector<MergeEntrant>> chunk_entrants_;  // per drive chunk, this step's
  std::vector<MergeEntrant> entrants_;      // those sharing a lane with another, by lane
  std::vector<std::uint32_t> merge_stamp_;  // per lane: the pass that last counted its entrants
  std::vector<std::uint8_t> merge_count_;   // per lane: 1, or 2 for two or more
  std::uint32_t merge_pass_ = 0;
  std::vector<std::uint32_t> wanting_;   // per lane: vehicles asking to leave it (courtesy)
  std::vector<std::uint32_t> stuck_;     // per lane: vehicles flagged kReroute this step
  std::vector<std::uint32_t> changing_;  // per lane: vehicles changing out of it this step
  std::vector<double> entering_rear_;  // per lane: lowest rear of vehicles that moved in this step

  // Routes: unique link sequences shared by vehicles.
  std::vector<LinkId> route_links_;
  std::vector<BestLanes> route_best_lanes_;  // per route link (compute_best_lanes)
  std::vector<std::uint32_t> route_begin_;
  std::vector<std::uint16_t> route_length_;
  std::vector<double> route_free_flow_;
  std::vector<std::uint8_t> route_group_;
  // Per routing group: shared routes by OD pair, and by waypoint then OD pair.
  std::vector<std::unordered_map<std::uint64_t, std::uint32_t>> route_by_od_;
  std::vector<std::unordered_map<std::uint64_t, std::unordered_map<std::uint64_t, std::uint32_t>>>
      route_by_od_via_;

  // Cold per-vehicle data, indexed by vehicle id (= departure index).
  std::vector<double> inserted_at_;
  // Distance driven = trip_distance_[id] + the front's position on its current track: each track
  // left through its end adds its length; insertion starts it at minus the start position.
  HugeVector<double> trip_distance_;
  HugeVector<std::uint16_t> trip_stops_;  // times the vehicle came to a halt
  bool drivers_vary_ = false;             // some type's DriverSpread varies(): speed_factor_ used
  std::vector<float> speed_factor_;       // per vehicle, when drivers_vary_
  std::vector<std::uint8_t> departure_type_;
  std::vector<std::uint32_t> departure_route_;

  // Insertion: departures not yet due, and per origin link the due ones waiting for space.
  std::size_t next_departure_ = 0;
  std::size_t scheduled_count_ = 0;  // departures_[0, scheduled_count_) is the demand schedule
  std::vector<std::vector<std::uint32_t>>
      waiting_;  // per link, departure indices in order of arrival
  std::vector<std::uint32_t> waiting_head_;
  std::vector<LinkId> links_with_waiting_;
  // place_vehicle: the pending inserts of each lane as a chain (newest first), so a warm start of
  // N vehicles checks each against its own lane's only, not against all N.
  void index_pending_places();
  std::vector<std::uint32_t> placed_head_;      // per lane: newest pending insert, kNoId if none
  std::vector<std::uint32_t> placed_previous_;  // per pending insert: the one before on its lane
  std::vector<std::uint32_t> placed_lanes_;     // lanes whose head is set
  std::uint64_t placed_repack_ = 0;             // VehicleLanes::repack_count the chains belong to
  std::uint64_t waiting_count_ = 0;
  double demand_scale_ = 1.0;
  std::uint64_t departures_dropped_ = 0;
  std::uint64_t departures_added_ = 0;

  // Teleports (all empty and zero while teleport_after is 0). Per vehicle id: when it last came
  // to a halt (valid while its kHalted is set) and how often it was teleported.
  std::vector<double> halted_since_;
  // Stop signs (Connection::stop_first): per vehicle id, the connection and route position it
  // last halted at the line for (stop_key), so it may then enter; sized only when the network
  // has stop signs.
  bool stop_signs_ = false;
  std::vector<std::uint64_t> stopped_at_;
  // A vehicle held at a line stands about IDM's s0 short of it: within s0 and this many metres
  // more it has stopped at the line.
  static constexpr double kStopLineReach = 1.0;
  // m/s: slower than this counts as having stopped. IDM closes in on a line it must stop at
  // asymptotically (below 1 m/s for several seconds, where Krauss brakes to 0 in one step), so
  // a full halt would hold a driver several seconds longer than SUMO's.
  static constexpr double kStopSpeed = 1.0;
  void note_stop_at_line(std::uint32_t slot, double position);
  static std::uint64_t stop_key(ConnectionId c, std::uint16_t route_pos) {
    return (static_cast<std::uint64_t>(c) << 16) | route_pos;
  }
  std::vector<std::uint16_t> trip_teleports_;
  std::vector<Transit> transit_;  // in order of teleport
  TeleportCounts teleports_;
  double step_start_ = 0.0;             // now, for the drive pass (halted_since_)
  std::uint32_t transit_arrivals_ = 0;  // arrivals out of transit this step (KPI window)
  // Gridlock detection scratch (per track) and the cycles found by the last look, by lowest track.
  std::vector<std::uint32_t> wait_begin_;  // track t waits for wait_edges_[begin[t], begin[t+1])
  std::vector<std::uint32_t> wait_edges_;
  std::vector<std::uint8_t> walk_mark_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> walk_stack_;  // track, next wait to follow
  std::vector<std::uint32_t> gridlock_keys_;
  std::vector<std::uint32_t> previous_gridlock_keys_;
  double next_gridlock_check_ = 0.0;
  std::uint64_t gridlocks_detected_ = 0;
  std::uint64_t gridlocks_resolved_ = 0;

  std::vector<TripRecord> trips_;
  std::uint64_t inserted_ = 0;
  std::uint64_t arrived_ = 0;
  std::uint64_t vehicle_updates_ = 0;
  std::uint64_t reroutes_ = 0;
  std::uint64_t lane_swaps_ = 0;        // stuck fronts side by side that traded lanes
  std::uint64_t merges_held_back_ = 0;  // see hold_back_merge_overlaps
  // reroute_stuck_vehicles scratch, kept between steps so it allocates nothing in steady state.
  std::vector<std::uint32_t> stuck_slots_;
  std::vector<PlannedRoute> planned_;               // kPlannedAttempts per stuck vehicle
  std::vector<std::vector<LinkId>> planned_links_;  // per chunk of stuck vehicles
  std::uint64_t dynamic_reroutes_ = 0;
  std::vector<double> link_cost_;  // scratch for re-routing rounds
  // route_departures_on_current_times: the last samples, kDepartureSpeedSamples rows of one speed
  // per link (a ring), how many are filled, and the costs departures are routed on (empty: free
  // flow).
  std::vector<double> departure_speed_samples_;
  std::size_t departure_samples_taken_ = 0;
  std::vector<double> departure_costs_;
  std::vector<double> link_speed_;
  std::vector<std::uint32_t> link_vehicles_;  // measure_link_speeds scratch
  // Arrivals per step over the last kpi_window seconds (for the throughput column).
  std::vector<std::uint32_t> arrivals_ring_;
  std::size_t ring_cursor_ = 0;
  std::uint64_t arrivals_in_window_ = 0;

  // Reduced every step in exchange.
  double speed_sum_ = 0.0;
  double time_loss_total_ = 0.0;  // vehicle-seconds lost against the speed limit
  std::uint64_t halted_ = 0;
  std::uint64_t in_network_ = 0;
  std::uint64_t moved_ = 0;  // vehicles that drove this step
};

}  // namespace citytwin
