#pragma once
// A straight east-west arterial with side streets: a typical signal-coordination test bed.
//
// Layout (x east, y north, metres): arterial junction i sits at (i * spacing, 0). Boundary node
// B_W lies attach_length west of the first junction, B_E attach_length east of the last; each
// junction has a side street north to B_N_c{i} at (i * spacing, attach_length) and south to
// B_S_c{i} at (i * spacing, -attach_length).
//
// Names: junctions J_c{i}; boundary nodes B_W, B_E, B_N_c{i}, B_S_c{i}; links {from}->{to}.
// Ids: junctions west to east, then B_W, B_E, B_N_c*, B_S_c*. Links in opposite pairs: the
// arterial west to east (B_W->J_c0 first), then side streets junction by junction (north, south).
//
// Arterial links have spec.lanes lanes per direction at speed_limit, side streets side_lanes at
// side_speed_limit. Lane use and signal groups as in generator::wire_junction (the arterial is the
// EW axis). Junctions are kSignal when spec.signalised, else kPriority.
#include "sim/network/network.hpp"
#include "sim/scenario/schema.hpp"

namespace citytwin {

// Throws NetworkError when the spec cannot give a valid network.
Network generate_corridor(const CorridorSpec& spec);

}  // namespace citytwin
