#pragma once
// A Manhattan grid like SUMO's `netgenerate --grid` (with `--grid.attach-length`).
//
// Layout (x east, y north, metres): junction (row r, col c) sits at (c * spacing, r * spacing);
// row 0 is the southmost row, col 0 the westmost column. When attach_length > 0, every fringe
// junction gets a boundary node attach_length beyond it on each fringe side it lies on (corner
// junctions get two); traffic enters and leaves the network there.
//
// Names (stable, so scenarios and tests can refer to them):
//   junctions       J_r{row}_c{col}            e.g. J_r0_c2
//   boundary nodes  B_N_c{col}, B_S_c{col}     beyond the north / south fringe of column col
//                   B_W_r{row}, B_E_r{row}     beyond the west / east fringe of row row
//   links           {from}->{to}               e.g. J_r0_c0->J_r0_c1, B_W_r0->J_r0_c0
// Ids: junctions row-major first, then B_N (by col), B_S, B_W (by row), B_E. Links come in
// opposite pairs (a->b, b->a): east-west roads row-major, then north-south roads, then the boundary
// roads in boundary-node order (boundary -> junction first).
//
// Every road is two-way with spec.lanes lanes per direction; links stop short of junctions by the
// crossing road's half-width plus a corner radius (the junction box the connections cross).
// Junctions are kSignal (four signal groups, see generator::wire_junction) when spec.signalised,
// kPriority otherwise; boundary nodes are kBoundary and have no connections.
#include "sim/network/network.hpp"
#include "sim/scenario/schema.hpp"

namespace citytwin {

// Throws NetworkError when the spec cannot give a valid network (no rows/cols/lanes, spacing too
// small for the junction boxes, ...).
Network generate_grid(const GridSpec& spec);

}  // namespace citytwin
