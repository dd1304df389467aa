#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "sim/network/network.hpp"

namespace citytwin {

// A place a vehicle can be: a lane, or a connection's path through a junction box. Tracks
// [0, lane_count) are the network's lanes (same ids), tracks [lane_count, track_count) its
// connections (id - lane_count). Flattened once from the Network so the hot loops index plain
// arrays instead of chasing structs.
class TrackLayout {
 public:
  explicit TrackLayout(const Network& network);

  std::uint32_t lane_count() const { return lane_count_; }
  std::uint32_t track_count() const { return static_cast<std::uint32_t>(length_.size()); }
  bool is_connection(std::uint32_t track) const { return track >= lane_count_; }
  std::uint32_t connection_track(ConnectionId c) const { return lane_count_ + c; }
  ConnectionId connection_of(std::uint32_t track) const { return track - lane_count_; }

  double length(std::uint32_t track) const { return length_[track]; }
  double speed_limit(std::uint32_t track) const { return speed_limit_[track]; }
  // The link a lane belongs to (for connections: the link they lead to).
  LinkId link(std::uint32_t track) const { return link_[track]; }

  // Connections that conflict with `c` (crossing paths or merging into one lane), and whether `c`
  // must yield to each when both may go.
  struct Conflict {
    ConnectionId other;
    bool yields;  // c yields to `other`
  };
  std::span<const Conflict> conflicts(ConnectionId c) const {
    return {conflicts_.data() + conflict_begin_[c], conflicts_.data() + conflict_begin_[c + 1]};
  }

  // The connections that lead into `lane` (ascending ids).
  std::span<const ConnectionId> connections_into(LaneId lane) const {
    return {into_.data() + into_begin_[lane], into_.data() + into_begin_[lane + 1]};
  }

  // Turn table, so the step never scans connection lists. The connection `lane` offers toward
  // link `next` (the first in the lane's connection order), kNoId when it has none.
  ConnectionId connection_toward(LaneId lane, LinkId next) const {
    const std::uint32_t j = successor_index(link_[lane], next);
    return j == kNoId ? kNoId : toward_[toward_begin_[lane] + j];
  }
  // Bit k set: lane k of `link` (k < 16) has a connection toward `next`.
  std::uint16_t lanes_toward(LinkId link, LinkId next) const {
    const std::uint32_t j = successor_index(link, next);
    return j == kNoId ? 0 : successor_mask_[successor_begin_[link] + j];
  }

 private:
  // Position of `next` among the links reachable from `link` (a handful: a linear scan).
  std::uint32_t successor_index(LinkId link, LinkId next) const {
    for (std::uint32_t j = successor_begin_[link]; j < successor_begin_[link + 1]; ++j) {
      if (successor_[j] == next) return j - successor_begin_[link];
    }
    return kNoId;
  }
  void build_turn_table(const Network& network);

  std::uint32_t lane_count_;
  std::vector<double> length_;
  std::vector<double> speed_limit_;
  std::vector<LinkId> link_;
  std::vector<std::uint32_t> conflict_begin_;
  std::vector<Conflict> conflicts_;
  // Per link: the links its lanes connect to (successor_begin_ indexed by link), the lane mask
  // toward each; per lane: the connection toward each successor of its link.
  std::vector<std::uint32_t> successor_begin_;
  std::vector<LinkId> successor_;
  std::vector<std::uint16_t> successor_mask_;
  std::vector<std::uint32_t> into_begin_;  // per lane, into into_
  std::vector<ConnectionId> into_;
  std::vector<std::uint32_t> toward_begin_;
  std::vector<ConnectionId> toward_;
};

}  // namespace citytwin
