#pragma once
// The pedestrian layer of a SUMO .net.xml (SUMO's pedestrian model, sumo.dlr.de/docs/Simulation/
// Pedestrians.html and Networks/PlainXML.html#pedestrian_crossings):
//   lanes allowing only pedestrians (allow="pedestrian") -> sidewalks of their edge's link, or
//                     footpaths when the edge has no lane for road vehicles
//   function="walkingarea" edges -> walking areas (their lane's shape is the area's outline)
//   function="crossing" edges    -> crosswalks across the links named in crossingEdges
//   connections sidewalk -> walkingarea -> crossing -> walkingarea -> sidewalk -> which element
//   ends
//                     at which walking area
//   the tl/linkIndex of a walkingarea -> crossing connection -> the crosswalk's own pedestrian
//                     signal, one state per phase of its node's imported program; the assembler
//                     ties it to the vehicle signal groups green whenever it is (crosswalk_rules)
// Elements at junctions the road import dropped are left out and reported.
#include <optional>
#include <string>
#include <vector>

#include "sim/io/import_report.hpp"
#include "sim/io/sumo_net_records.hpp"
#include "sim/network/pedestrian_spec.hpp"

namespace citytwin::sumo {

struct PedestrianImport {
  const std::string& file;
  const NetRecords& net;
  const std::vector<std::string>& node_junctions;      // NodeId -> SUMO junction id
  const std::vector<LinkId>& link_of_edge;             // per edge of `net`: its link or kNoId
  const std::vector<const TlLogic*>& program_of_node;  // per NodeId: its program's source or null
};

// The layer as the file gives it; nullopt when the file has no sidewalk, footpath, crossing or
// walking area (then the network derives one). Malformed records throw ImportError at their line.
std::optional<PedestrianSpec> pedestrian_spec(const PedestrianImport& in, ImportReport& report);

}  // namespace citytwin::sumo
