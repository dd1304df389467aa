#pragma once
// How a crosswalk relates to the vehicle side of its junction: which connections drive through it
// (what a junction blocker must stop while someone is on it) and which signal groups' green lets
// pedestrians cross.
#include <span>
#include <vector>

#include "sim/network/network.hpp"

namespace citytwin {

// The connections among `candidates` (connections of the crosswalk's node) whose path through the
// junction touches the crosswalk's band: its centre line `shape` widened by `width` / 2 on each
// side. Ascending ids.
std::vector<ConnectionId> connections_crossing(const Network& roads,
                                               std::span<const ConnectionId> candidates,
                                               std::span<const Vec2> shape, double width);

// The signal groups of `node` whose green lets pedestrians use the crosswalk, ascending; empty at
// nodes that are not signalised. The rule (no pedestrian signals in the data): pedestrians walk
// with the vehicle stage whose through movements run parallel to them.
//   1. A group is a candidate when none of its straight connections crosses the crosswalk.
//   2. With the source's own pedestrian signal (`program_states`, one per phase of the node's
//      program) a candidate must show green in every phase in which the crosswalk does. Without
//      it, a candidate's stage must be "clean": no group green in that stage (SignalGroup::stage)
//      has a straight connection crossing the crosswalk.
//   3. Candidates with a straight connection (the parallel through movements) are preferred; only
//      where none exists (a T junction's through road) are turn-only groups used.
// Turning connections green together with the tied groups may still cross the crosswalk: they
// are the movements that must yield to pedestrians (as at any signalised junction without an
// exclusive pedestrian stage); `crossed` lists them along with the rest.
std::vector<SignalGroupId> crosswalk_signal_groups(const Network& roads, NodeId node,
                                                   std::span<const ConnectionId> crossed,
                                                   std::span<const SignalState> program_states);

}  // namespace citytwin
