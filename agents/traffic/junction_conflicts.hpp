#pragma once
#include <vector>

#include "sim/network/network.hpp"

namespace citytwin {

// One conflict between two movements of a junction, from the point of view of `connection`.
struct MovementConflict {
  ConnectionId connection;
  ConnectionId other;
  bool yields;  // `connection` gives way to `other` when both may go
};

// Finds every pair of connections of a node whose paths cross or that merge into one lane, and
// decides who gives way:
//  - signalised nodes: only movements that can be green together need rules; a left turn yields
//    to the opposing through and right-turn traffic, a right turn yields to through traffic it
//    merges with; otherwise the lower-ranked movement yields.
//  - priority nodes: the major road (higher speed limit, then more lanes) has priority; on equal
//    roads the one coming from the right has priority (right-hand traffic rule).
//  - all-way stops: everyone yields to whoever is already in the junction (both sides yield).
// Movements from the same approach never conflict (they are side by side).
// Nodes whose right-of-way came with the source network (Node::right_of_way_from_source, SUMO's
// <request> tables) use that table instead: its conflicts and who yields, nothing geometric.
std::vector<MovementConflict> find_movement_conflicts(const Network& network);

}  // namespace citytwin
