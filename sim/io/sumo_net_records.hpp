#pragma once
// The parts of a SUMO .net.xml the importer uses, as read (sumo_net_reader.cpp) and before mapping
// (sumo_network.cpp). Each record keeps its location so checks that need the whole file (unknown
// edges, state lengths) still point at the line to fix.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/io/xml_reader.hpp"
#include "sim/network/geometry.hpp"
#include "sim/network/road_class.hpp"
#include "sim/network/signal_state.hpp"

namespace citytwin::sumo {

// Who may use a lane, from its allow/disallow lists.
enum class LaneAccess : std::uint8_t {
  kAll,         // passenger cars allowed (ordinary lane)
  kRestricted,  // some road vehicles but not passenger cars (bus lane, truck lane, ...)
  kNone,        // no road vehicle (sidewalk, bike lane, rail, tram)
};

struct Lane {
  std::string id;
  double speed = 0.0;   // m/s
  double length = 0.0;  // m
  double width = 3.2;   // m (SUMO's default when absent)
  std::vector<Vec2> shape;
  LaneAccess access = LaneAccess::kAll;
  RoadClasses road_classes = kAllRoadClasses;  // citytwin's classes among those allowed
  bool pedestrians = false;                    // allow/disallow let class "pedestrian" walk on it
  xml::Location where;
};

enum class EdgeFunction : std::uint8_t { kNormal, kInternal, kCrossing, kWalkingArea };

struct Edge {
  std::string id;
  std::string from;
  std::string to;
  bool special = false;  // function internal, crossing or walkingarea
  EdgeFunction function = EdgeFunction::kNormal;
  std::vector<std::string> crossing_edges;  // function crossing: the edges it crosses
  // Normal edges: every lane. Crossings and walking areas: their one lane (shape, width, length).
  // Internal edges: none (not read).
  std::vector<Lane> lanes;
  xml::Location where;
};

// One row of a junction's right-of-way matrix: <request index response foes>. Bit strings are
// kept as written: their last character is link 0 (SUMO writes them right to left).
struct Request {
  std::size_t index = 0;
  std::string response;  // '1' at link j: this link gives way to link j
  std::string foes;      // '1' at link j: the two links conflict (cross or merge)
  bool cont = false;     // the link has a waiting position inside the junction (internal junction)
};

struct Junction {
  std::string id;
  std::string type;
  Vec2 position;
  bool has_request = false;            // any <request> children
  std::vector<Request> requests;       // in file order
  std::vector<std::string> inc_lanes;  // incLanes: link indices follow their order
  xml::Location where;
};

struct Connection {
  std::string from;
  std::string to;
  std::size_t from_lane = 0;
  std::size_t to_lane = 0;
  std::string dir;
  std::string via;    // first internal lane (":<junction>_<k>_<l>": link index k + l), or empty
  char state = '\0';  // right-of-way state (M m = s w Z o O, or G g r y... at traffic lights)
  std::string tl;     // the traffic light controlling it; empty when none does
  std::optional<std::size_t> link_index;
  // linkIndex="-1": the connection passes a traffic light's junction without being controlled by
  // it (netconvert writes this for the tracks through a rail crossing). `tl` is then empty and
  // the light's id is kept here for the import report.
  std::string uncontrolled_tl;
  xml::Location where;
};

struct Phase {
  double duration = 0.0;  // s
  // minDur / maxDur (actuated programs); absent: SUMO's defaults (minDur = duration; maxDur =
  // duration without a minDur, else unbounded).
  std::optional<double> min_duration;  // s
  std::optional<double> max_duration;  // s
  std::string state;
  xml::Location where;
};

struct TlLogic {
  std::string id;
  std::string type;  // static, actuated, delay_based, NEMA, ...
  std::string program_id;
  double offset = 0.0;  // s, SUMO's meaning (the first phase starts at time `offset`)
  std::vector<Phase> phases;
  std::map<std::string, std::string> params;  // <param key= value=> inside the tlLogic
  xml::Location where;
};

struct NetRecords {
  std::vector<Edge> edges;  // file order, special edges included (connections name them)
  std::vector<Junction> junctions;
  std::vector<Connection> connections;
  std::vector<TlLogic> tl_logics;
  // Internal lanes (":<junction>_<k>_<l>", inside junction boxes, not imported): their speed in
  // m/s, the turning speed netconvert gave the movement (connections name them in `via`).
  std::unordered_map<std::string, double> internal_lane_speed;
  std::size_t roundabouts = 0;  // <roundabout> elements (not read; counted for the report)
};

// SUMO's signal state characters as citytwin shows them: G g s green (s: right on red after
// stopping), y Y amber, u red-amber, o O off, anything else (r) red.
inline SignalState signal_state_of(char c) {
  switch (c) {
    case 'G':
    case 'g':
    case 's':
      return SignalState::kGreen;
    case 'y':
    case 'Y':
      return SignalState::kAmber;
    case 'u':
      return SignalState::kRedAmber;
    case 'o':
    case 'O':
      return SignalState::kOff;
    default:
      return SignalState::kRed;
  }
}

// Reads and checks everything that can be checked element by element (required attributes,
// numbers, lane order, duplicate ids, state characters). Throws ImportError.
NetRecords read_sumo_net(const std::filesystem::path& file);

}  // namespace citytwin::sumo
