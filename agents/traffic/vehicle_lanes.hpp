#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "sim/core/huge_page_allocator.hpp"
#include "sim/step/executor.hpp"

namespace citytwin {

// Hot vehicle state, struct-of-arrays, packed by track: the vehicles of track t occupy slots
// [begin(t), end(t)) ordered front to back (position descending, then id ascending), so a
// vehicle's leader is the previous slot and its follower the next. Slots move every step (repack);
// `id` is the vehicle's stable identity (index into the cold per-vehicle tables).
//
// Everything the step reads or writes for most vehicles lives here, so one step touches memory
// sequentially; per-trip tallies that change rarely (distance at track ends, stops) are kept by
// vehicle id in TrafficSystem instead, so the per-step re-pack copies fewer bytes.
struct VehicleSlots {
  HugeVector<std::uint32_t> id;
  HugeVector<std::uint32_t> track;
  HugeVector<double> position;          // front bumper, metres from the track start
  HugeVector<double> speed;             // m/s
  HugeVector<std::uint32_t> route;      // route id
  HugeVector<std::uint16_t> route_pos;  // index of the current link in the route
  // Connection its lane offers toward the next link of its route (kNoId: none, or on a junction
  // path, or at the destination). Derived from track + route, cached because every phase asks.
  HugeVector<std::uint32_t> next_conn;
  // Bit k set: lane k of the current link continues the route (has a connection to the next
  // link, or the link is the destination). Cached with next_conn; 0 on junction paths.
  HugeVector<std::uint16_t> lane_mask;
  HugeVector<std::uint8_t> type;   // vehicle type index
  HugeVector<std::uint8_t> flags;  // VehicleFlag bits

  std::size_t size() const { return id.size(); }
  void resize(std::size_t n);
  // Copies slot `from` of `source` into slot `to` of this (clearing kMoved).
  void copy_slot(const VehicleSlots& source, std::size_t from, std::size_t to);
  // Copies slots [from, from + count) of `source` to [to, to + count) of this, field by field
  // (contiguous runs vectorise; most vehicles stay on their track, so repack is mostly this).
  void copy_run(const VehicleSlots& source, std::size_t from, std::size_t count, std::size_t to);
  // Exchanges every column of slots a and b.
  void swap_slots(std::size_t a, std::size_t b);

 private:
  template <class Dst, class Src, class F>
  static void for_each_column(Dst& destination, Src& source, F&& f);
};

enum VehicleFlag : std::uint8_t {
  kHalted = 1,       // speed below the halting threshold (for counting stops)
  kArrived = 2,      // reached its destination this step: removed at the next repack
  kMoved = 4,        // changed track this step (lane change or transfer)
  kWantsLeft = 8,    // must change left to continue its route and found no gap yet
  kWantsRight = 16,  // must change right to continue its route and found no gap yet
  kReroute = 32,     // stuck at the end of a lane that does not continue its route
  kChanging = 64,    // changes lane this step (the step's direction), applied after motion
  kNoWay = 128,  // with kReroute: no lane change can free it (one-lane link, no continuing lane)
};

// A track's front and last vehicle as the repack left them: what vehicles of other tracks look
// at while a parallel pass moves that track's vehicles (leader beyond the stop line, room behind
// a junction, gap acceptance against the first vehicle of a conflicting movement).
struct TrackEnds {
  double front_position;
  double front_speed;
  double last_position;
  double last_speed;
  std::uint32_t front_next_conn;
  std::uint8_t last_type;
};

// The packed store: slots plus the per-track index, and the repack that restores order after
// vehicles moved between tracks, arrived or were inserted.
class VehicleLanes {
 public:
  explicit VehicleLanes(std::uint32_t track_count);

  const VehicleSlots& slots() const { return slots_; }
  VehicleSlots& slots() { return slots_; }
  std::size_t size() const { return slots_.size(); }

  std::uint32_t begin(std::uint32_t track) const { return track_begin_[track]; }
  std::uint32_t end(std::uint32_t track) const { return track_begin_[track + 1]; }
  std::uint32_t count(std::uint32_t track) const { return end(track) - begin(track); }
  std::uint32_t track_count() const { return static_cast<std::uint32_t>(track_begin_.size() - 1); }

  // Front and last vehicle of a non-empty track, taken by the last repack (while the slots were in
  // cache, instead of another pass). A caller that changes those fields of a front or last
  // vehicle between repacks updates them with set_front_next_conn.
  const TrackEnds& ends(std::uint32_t track) const { return ends_[track]; }
  void set_front_next_conn(std::uint32_t track, std::uint32_t connection) {
    ends_[track].front_next_conn = connection;
  }

  // Between repacks: the front vehicles of two non-empty tracks trade tracks (every field but
  // `track` is exchanged, positions included), and both tracks' ends follow. The caller checks
  // that each front stays ahead of the other track's second vehicle.
  void swap_fronts(std::uint32_t a, std::uint32_t b);

  // Vehicles to insert at the next repack (their slot fields filled by the caller).
  VehicleSlots& pending_inserts() { return inserts_; }
  const VehicleSlots& pending_inserts() const { return inserts_; }

  // Sorts the slots after motion into stayers (counted per track), movers (changed track, kMoved)
  // and arrivals (kArrived), in parallel; movers() and arrivals() list slots in ascending order.
  // Valid until the next repack; repack() classifies itself when this was not called since.
  void classify(Executor& executor);
  // The same in three parts, for a caller that classifies tracks inside its own parallel pass
  // (the traffic step does it right after moving their vehicles): begin_classify, then
  // classify_tracks once per chunk (chunks are consecutive track ranges numbered in ascending
  // track order and cover every track; any split gives the same lists; chunks may run
  // concurrently), then end_classify.
  void begin_classify(std::uint32_t chunks);
  void classify_tracks(std::uint32_t chunk, std::uint32_t first_track, std::uint32_t end_track);
  void end_classify();
  std::span<const std::uint32_t> movers() const { return movers_; }
  std::span<const std::uint32_t> arrivals() const { return arrivals_; }
  // Between classifying and the repack: the vehicle in `slot`, which stays on its track, leaves
  // the network at the repack instead, without being listed in arrivals() (a teleport).
  void take_out(std::uint32_t slot);

  // Restores the packed order: drops arrived vehicles, moves vehicles whose `track` changed (and
  // the pending inserts) into their new tracks, and sorts each track front to back. Cost is O(N)
  // in parallel plus O(moved + tracks) serial; the result depends only on the state, never on
  // threads.
  void repack(Executor& executor);
  // Repacks so far: pending inserts and slot numbers from before a repack are stale after it.
  std::uint64_t repack_count() const { return repack_count_; }

 private:
  VehicleSlots slots_;
  VehicleSlots next_;
  VehicleSlots inserts_;
  std::vector<std::uint32_t> track_begin_;  // size track_count + 1
  std::vector<TrackEnds> ends_;             // size track_count
  // Scratch kept between steps so repack allocates nothing in steady state.
  std::vector<std::uint32_t> stay_count_;
  std::vector<std::uint32_t> incoming_count_;  // per track; all zero between repacks
  std::vector<std::uint32_t> incoming_begin_;
  std::vector<std::uint32_t> incoming_;  // encoded sources of moved/inserted vehicles, by track
  std::vector<std::uint32_t> new_begin_;
  // Prefix-sum scan: tracks per chunk, and each chunk's first incoming entry and first slot.
  static constexpr std::uint32_t kScanChunk = 8192;
  std::vector<std::uint32_t> scan_incoming_;
  std::vector<std::uint32_t> scan_vehicles_;
  // classify(): per chunk of tracks (fixed chunking, so the lists never depend on threads), then
  // concatenated in chunk order = ascending slot order.
  std::vector<std::vector<std::uint32_t>> chunk_movers_;
  std::vector<std::vector<std::uint32_t>> chunk_arrivals_;
  std::vector<std::uint32_t> movers_;
  std::vector<std::uint32_t> arrivals_;
  bool classified_ = false;
  std::uint64_t repack_count_ = 0;
};

}  // namespace citytwin
