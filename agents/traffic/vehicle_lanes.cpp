#include "agents/traffic/vehicle_lanes.hpp"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace citytwin {

// Every column of the slot table, listed once: resize and both copies go through it, so a new
// field cannot be forgotten in one of them.
template <class Dst, class Src, class F>
void VehicleSlots::for_each_column(Dst& d, Src& s, F&& f) {
  f(d.id, s.id);
  f(d.track, s.track);
  f(d.position, s.position);
  f(d.speed, s.speed);
  f(d.route, s.route);
  f(d.route_pos, s.route_pos);
  f(d.next_conn, s.next_conn);
  f(d.lane_mask, s.lane_mask);
  f(d.type, s.type);
  f(d.flags, s.flags);
}

void VehicleSlots::resize(std::size_t n) {
  for_each_column(*this, *this, [n](auto& column, auto&) { column.resize(n); });
}

void VehicleSlots::copy_slot(const VehicleSlots& s, std::size_t from, std::size_t to) {
  for_each_column(*this, s, [&](auto& dst, const auto& src) { dst[to] = src[from]; });
  flags[to] = static_cast<std::uint8_t>(flags[to] & ~kMoved);
}

void VehicleSlots::swap_slots(std::size_t a, std::size_t b) {
  for_each_column(*this, *this, [&](auto& column, auto&) { std::swap(column[a], column[b]); });
}

void VehicleLanes::swap_fronts(std::uint32_t a, std::uint32_t b) {
  const std::uint32_t fa = begin(a);
  const std::uint32_t fb = begin(b);
  slots_.swap_slots(fa, fb);
  std::swap(slots_.track[fa], slots_.track[fb]);  // the slots stay on their tracks
  for (const std::uint32_t t : {a, b}) {
    const std::uint32_t front = begin(t);
    const std::uint32_t last = end(t) - 1;
    ends_[t] = {slots_.position[front], slots_.speed[front],     slots_.position[last],
                slots_.speed[last],     slots_.next_conn[front], slots_.type[last]};
  }
}

void VehicleSlots::copy_run(const VehicleSlots& s, std::size_t from, std::size_t count,
                            std::size_t to) {
  // Plain loops, not std::copy_n: runs are mostly a handful of slots, where a memmove call per
  // column costs more than the copy.
  for_each_column(*this, s, [&](auto& dst, const auto& src) {
    auto* __restrict out = dst.data() + to;
    const auto* __restrict in = src.data() + from;
    for (std::size_t k = 0; k < count; ++k) out[k] = in[k];
  });
}

VehicleLanes::VehicleLanes(std::uint32_t track_count)
    : track_begin_(track_count + 1, 0),
      ends_(track_count),
      stay_count_(track_count, 0),
      incoming_count_(track_count, 0),
      incoming_begin_(track_count + 1, 0),
      new_begin_(track_count + 1, 0) {}

void VehicleLanes::classify(Executor& executor) {
  constexpr std::uint32_t kTracksPerChunk = 256;
  const std::uint32_t tracks = track_count();
  const std::uint32_t chunks = (tracks + kTracksPerChunk - 1) / kTracksPerChunk;
  begin_classify(chunks);
  executor.parallel_for(chunks, 1, [&](std::size_t b, std::size_t e) {
    for (std::size_t c = b; c < e; ++c) {
      const auto first = static_cast<std::uint32_t>(c) * kTracksPerChunk;
      classify_tracks(static_cast<std::uint32_t>(c), first,
                      std::min<std::uint32_t>(tracks, first + kTracksPerChunk));
    }
  });
  end_classify();
}

void VehicleLanes::begin_classify(std::uint32_t chunks) {
  chunk_movers_.resize(chunks);
  chunk_arrivals_.resize(chunks);
  for (std::uint32_t c = 0; c < chunks; ++c) {
    chunk_movers_[c].clear();
    chunk_arrivals_[c].clear();
  }
}

void VehicleLanes::classify_tracks(std::uint32_t chunk, std::uint32_t first_track,
                                   std::uint32_t end_track) {
  auto& movers = chunk_movers_[chunk];
  auto& arrivals = chunk_arrivals_[chunk];
  const std::uint8_t* const flags = slots_.flags.data();
  for (std::uint32_t t = first_track; t < end_track; ++t) {
    std::uint32_t stay = 0;
    std::uint32_t i = track_begin_[t];
    const std::uint32_t i_end = track_begin_[t + 1];
    // Eight flags at a time while nobody in them leaves (the common case): one load and one
    // test instead of eight.
    constexpr std::uint64_t kLeaving = 0x0101010101010101ull * (kArrived | kMoved);
    for (; i + 8 <= i_end; i += 8) {
      std::uint64_t eight;
      std::memcpy(&eight, flags + i, sizeof eight);
      if ((eight & kLeaving) != 0) break;
      stay += 8;
    }
    for (; i < i_end; ++i) {
      const auto leaving = static_cast<std::uint8_t>(flags[i] & (kArrived | kMoved));
      stay += leaving == 0;
      if (leaving == kMoved) movers.push_back(i);
      if ((leaving & kArrived) != 0) arrivals.push_back(i);
    }
    stay_count_[t] = stay;
  }
}

void VehicleLanes::end_classify() {
  movers_.clear();
  arrivals_.clear();
  for (std::size_t c = 0; c < chunk_movers_.size(); ++c) {
    movers_.insert(movers_.end(), chunk_movers_[c].begin(), chunk_movers_[c].end());
    arrivals_.insert(arrivals_.end(), chunk_arrivals_[c].begin(), chunk_arrivals_[c].end());
  }
  classified_ = true;
}

void VehicleLanes::take_out(std::uint32_t slot) {
  assert(classified_ && (slots_.flags[slot] & (kArrived | kMoved)) == 0);
  // The merge drops every kArrived slot; the track's stayer count must agree with it.
  slots_.flags[slot] |= kArrived;
  --stay_count_[slots_.track[slot]];
}

void VehicleLanes::repack(Executor& executor) {
  const std::uint32_t tracks = track_count();
  const auto n = static_cast<std::uint32_t>(slots_.size());

  // 1. Stayers per track, movers and arrivals (parallel).
  if (!classified_) classify(executor);
  classified_ = false;

  // 2. Movers and inserts, counted by their new track (serial, over the movers only: a few per
  // cent of the vehicles). incoming_count_ is all zeros between repacks.
  const auto incoming_total = static_cast<std::uint32_t>(movers_.size() + inserts_.size());
  for (const std::uint32_t i : movers_) ++incoming_count_[slots_.track[i]];
  for (std::size_t k = 0; k < inserts_.size(); ++k) ++incoming_count_[inserts_.track[k]];

  // 3. Where each track's incoming list and its vehicles start: two prefix sums over all tracks,
  // as a parallel scan over fixed chunks (integer sums: the same in any order), so the only
  // serial loop over tracks is the one over chunk totals.
  const std::uint32_t chunks = (tracks + kScanChunk - 1) / kScanChunk;
  scan_incoming_.assign(chunks + 1, 0);
  scan_vehicles_.assign(chunks + 1, 0);
  executor.parallel_for(chunks, 1, [&](std::size_t b, std::size_t e) {
    for (std::size_t c = b; c < e; ++c) {
      const auto first = static_cast<std::uint32_t>(c * kScanChunk);
      const std::uint32_t last = std::min(tracks, first + kScanChunk);
      std::uint32_t incoming = 0, vehicles = 0;
      for (std::uint32_t t = first; t < last; ++t) {
        incoming += incoming_count_[t];
        vehicles += stay_count_[t] + incoming_count_[t];
      }
      scan_incoming_[c + 1] = incoming;
      scan_vehicles_[c + 1] = vehicles;
    }
  });
  for (std::uint32_t c = 0; c < chunks; ++c) {
    scan_incoming_[c + 1] += scan_incoming_[c];
    scan_vehicles_[c + 1] += scan_vehicles_[c];
  }
  executor.parallel_for(chunks, 1, [&](std::size_t b, std::size_t e) {
    for (std::size_t c = b; c < e; ++c) {
      const auto first = static_cast<std::uint32_t>(c * kScanChunk);
      const std::uint32_t last = std::min(tracks, first + kScanChunk);
      std::uint32_t incoming = scan_incoming_[c], vehicles = scan_vehicles_[c];
      for (std::uint32_t t = first; t < last; ++t) {
        incoming_begin_[t] = incoming;
        new_begin_[t] = vehicles;
        incoming += incoming_count_[t];
        vehicles += stay_count_[t] + incoming_count_[t];
      }
    }
  });
  incoming_begin_[tracks] = incoming_total;
  new_begin_[tracks] = scan_vehicles_[chunks];
  // Bucketing: each track's list fills from its end, its count counting down to the zero the
  // next repack starts from; step 4 sorts each list front to back, so the order here is free.
  incoming_.resize(incoming_total);
  for (const std::uint32_t i : movers_) {
    const std::uint32_t t = slots_.track[i];
    incoming_[incoming_begin_[t] + --incoming_count_[t]] = i;
  }
  for (std::size_t k = 0; k < inserts_.size(); ++k) {
    const std::uint32_t t = inserts_.track[k];
    incoming_[incoming_begin_[t] + --incoming_count_[t]] = n + static_cast<std::uint32_t>(k);
  }
  auto position_of = [&](std::uint32_t source) {
    return source < n ? slots_.position[source] : inserts_.position[source - n];
  };
  auto id_of = [&](std::uint32_t source) {
    return source < n ? slots_.id[source] : inserts_.id[source - n];
  };
  auto front_first = [&](std::uint32_t a, std::uint32_t b) {
    const double pa = position_of(a);
    const double pb = position_of(b);
    return pa != pb ? pa > pb : id_of(a) < id_of(b);
  };
  next_.resize(new_begin_[tracks]);

  // 4. Merge stayers (already front to back) with the sorted incoming list, per track.
  executor.parallel_for(tracks, 512, [&](std::size_t b, std::size_t e) {
    // Runs of stayers are copied column by column; a run continues across track ends while
    // source and destination stay contiguous (between tracks where nobody left or came, slots
    // keep their offset), so most copies are long ones rather than a lane's worth each.
    std::uint32_t run_from = 0, run_to = 0, run_length = 0;
    auto copy_stayers = [&](std::uint32_t from, std::uint32_t count, std::uint32_t to) {
      if (run_length > 0 && run_from + run_length == from && run_to + run_length == to) {
        run_length += count;
        return;
      }
      if (run_length > 0) next_.copy_run(slots_, run_from, run_length, run_to);
      run_from = from;
      run_to = to;
      run_length = count;
    };
    for (std::size_t t = b; t < e; ++t) {
      std::uint32_t out = new_begin_[t];
      std::uint32_t i = track_begin_[t];
      const std::uint32_t i_end = track_begin_[t + 1];
      std::uint32_t k = incoming_begin_[t];
      const std::uint32_t k_end = incoming_begin_[t + 1];
      if (k_end - k > 1) {
        std::sort(incoming_.begin() + k, incoming_.begin() + k_end, front_first);
      }
      auto skip_leavers = [&] {
        while (i < i_end && (slots_.flags[i] & (kArrived | kMoved)) != 0) ++i;
      };
      skip_leavers();
      while (i < i_end || k < k_end) {
        const bool take_stayer = k == k_end || (i < i_end && front_first(i, incoming_[k]));
        if (take_stayer) {
          // The longest run of consecutive stayers that all go before the next incoming vehicle.
          std::uint32_t run_end = i + 1;
          while (run_end < i_end && (slots_.flags[run_end] & (kArrived | kMoved)) == 0 &&
                 (k == k_end || front_first(run_end, incoming_[k]))) {
            ++run_end;
          }
          copy_stayers(i, run_end - i, out);
          out += run_end - i;
          i = run_end;
          skip_leavers();
        } else {
          const std::uint32_t source = incoming_[k++];
          if (source < n) {
            next_.copy_slot(slots_, source, out++);
          } else {
            next_.copy_slot(inserts_, source - n, out++);
          }
        }
      }
    }
    if (run_length > 0) next_.copy_run(slots_, run_from, run_length, run_to);
    // The ends of the tracks just written (still in this worker's cache).
    for (std::size_t t = b; t < e; ++t) {
      if (new_begin_[t] == new_begin_[t + 1]) continue;
      const std::uint32_t front = new_begin_[t];
      const std::uint32_t last = new_begin_[t + 1] - 1;
      ends_[t] = {next_.position[front], next_.speed[front],     next_.position[last],
                  next_.speed[last],     next_.next_conn[front], next_.type[last]};
    }
  });

  std::swap(slots_, next_);
  std::swap(track_begin_, new_begin_);
  inserts_.resize(0);
  ++repack_count_;
}

}  // namespace citytwin
