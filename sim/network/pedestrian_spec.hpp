#pragma once
// What a source says about the pedestrian layer, before it is checked and assembled into a
// PedestrianNetwork (sim/network/pedestrian_assembly.cpp). Importers fill it from their data
// (SUMO); pedestrian_derivation.cpp fills it from the road graph for sources without sidewalks.
// Vertices of the walking graph are not named here: elements name the walking areas at their ends
// and the assembler creates one vertex per walking area plus one per free end (kNoId).
#include <cstdint>
#include <string>
#include <vector>

#include "sim/network/network.hpp"

namespace citytwin {

// Dimensions used where the source gives none (derived layers, SUMO lanes without a width).
struct PedestrianDimensions {
  // Sidewalk width 2.5 m: the standard ("Regelbreite") side-area width of the German guideline for
  // pedestrian facilities (FGSV EFA 2002, taken up by RASt 06): 1.8 m for two people passing plus
  // safety room to the kerb and to buildings. SUMO's netconvert uses 2.0 m
  // (--default.sidewalk-width); 2.5 m is also what the renderer drew before the layer existed.
  double sidewalk_width = 2.5;
  // Crosswalk width (along the road) 3.0 m: NACTO Urban Street Design Guide, crosswalks at least
  // 10 ft (3.05 m) wide. SUMO's netconvert uses 4.0 m (--default.crossing-width).
  double crosswalk_width = 3.0;
  // The crosswalk's centre line lies this far beyond the end of the approach lanes, inside the
  // junction: 0.6 m clear of the stop line plus half the crosswalk width.
  double crosswalk_setback = 0.6 + 1.5;
};

struct PedestrianSpec {
  struct WalkingAreaSpec {
    NodeId node = kNoId;
    std::vector<Vec2> outline;  // at least one point; the centroid becomes the vertex position
  };
  struct SidewalkSpec {
    LinkId link = kNoId;
    LinkSide side = LinkSide::kRight;
    double width = 0.0;
    std::vector<Vec2> shape;  // at least two points, in the link's direction
    WalkingAreaId from_area = kNoId;
    WalkingAreaId to_area = kNoId;
  };
  struct CrosswalkSpec {
    NodeId node = kNoId;
    std::vector<LinkId> crossed_links;
    double width = 0.0;
    std::vector<Vec2> shape;  // across the road, from from_area's side to to_area's
    WalkingAreaId from_area = kNoId;
    WalkingAreaId to_area = kNoId;
    // The source's pedestrian signal per phase of the node's SignalProgram (SUMO); empty when the
    // source has none, then the assembler ties the crosswalk to vehicle signal groups by stage.
    std::vector<SignalState> program_states;
  };
  struct FootpathSpec {
    std::string name;
    double width = 0.0;
    std::vector<Vec2> shape;
    WalkingAreaId from_area = kNoId;
    WalkingAreaId to_area = kNoId;
  };

  std::vector<WalkingAreaSpec> walking_areas;
  std::vector<SidewalkSpec> sidewalks;
  std::vector<CrosswalkSpec> crosswalks;
  std::vector<FootpathSpec> footpaths;
};

}  // namespace citytwin
