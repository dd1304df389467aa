// network: an inline generated grid or corridor, or a network file (CityFlow, SUMO, OpenStreetMap).
#include "sim/scenario/decode.hpp"
#include "sim/scenario/decode_context.hpp"

namespace citytwin::scenario_detail {
namespace {

constexpr std::uint64_t kMaxJunctionsPerSide = 1000;
constexpr std::uint64_t kMaxLanes = 8;
constexpr Bounds kSpacing{1.0, 100'000.0, true, "between 1 m and 100 km"};
constexpr Bounds kAttachLength{0.0, 100'000.0, true, "between 0 m and 100 km"};
constexpr Bounds kSpeedLimit{1000.0 / 3600.0, 300'000.0 / 3600.0, true,
                             "between 1 km/h and 300 km/h"};

void decode_grid(const yaml::Node& node, GridSpec& grid) {
  const MappingReader reader(
      node, "network.grid",
      {"rows", "cols", "spacing", "attach_length", "lanes", "speed_limit", "signalised"});
  reader.read_count("rows", 1, kMaxJunctionsPerSide, grid.rows);
  reader.read_count("cols", 1, kMaxJunctionsPerSide, grid.cols);
  reader.read_quantity("spacing", Dimension::kLength, kSpacing, grid.spacing);
  reader.read_quantity("attach_length", Dimension::kLength, kAttachLength, grid.attach_length);
  reader.read_count("lanes", 1, kMaxLanes, grid.lanes);
  reader.read_quantity("speed_limit", Dimension::kSpeed, kSpeedLimit, grid.speed_limit);
  reader.read_bool("signalised", grid.signalised);
}

void decode_corridor(const yaml::Node& node, CorridorSpec& corridor) {
  const MappingReader reader(node, "network.corridor",
                             {"junctions", "spacing", "attach_length", "lanes", "side_lanes",
                              "speed_limit", "side_speed_limit", "signalised"});
  reader.read_count("junctions", 1, kMaxJunctionsPerSide, corridor.junctions);
  reader.read_quantity("spacing", Dimension::kLength, kSpacing, corridor.spacing);
  reader.read_quantity("attach_length", Dimension::kLength, kAttachLength, corridor.attach_length);
  reader.read_count("lanes", 1, kMaxLanes, corridor.lanes);
  reader.read_count("side_lanes", 1, kMaxLanes, corridor.side_lanes);
  reader.read_quantity("speed_limit", Dimension::kSpeed, kSpeedLimit, corridor.speed_limit);
  reader.read_quantity("side_speed_limit", Dimension::kSpeed, kSpeedLimit,
                       corridor.side_speed_limit);
  reader.read_bool("signalised", corridor.signalised);
}

bool is_file_format(NetworkFormat format) {
  return format == NetworkFormat::kCityFlow || format == NetworkFormat::kSumo ||
         format == NetworkFormat::kOsm;
}

}  // namespace

void decode_network(const yaml::Node& node, NetworkSpec& network) {
  const MappingReader reader(node, "network", {"format", "grid", "corridor", "file"});
  reader.read_choice("format",
                     {std::pair{std::string_view("grid"), NetworkFormat::kGrid},
                      std::pair{std::string_view("corridor"), NetworkFormat::kCorridor},
                      std::pair{std::string_view("cityflow"), NetworkFormat::kCityFlow},
                      std::pair{std::string_view("sumo"), NetworkFormat::kSumo},
                      std::pair{std::string_view("osm"), NetworkFormat::kOsm}},
                     network.format);
  // Both generator blocks are decoded even when unused, so a typo in one is never silently kept
  // for the day a variant switches the format.
  if (const yaml::Node* grid = reader.value("grid")) decode_grid(*grid, network.grid);
  if (const yaml::Node* corridor = reader.value("corridor")) {
    decode_corridor(*corridor, network.corridor);
  }
  reader.read_path("file", true, network.file);
  if (is_file_format(network.format) && network.file.empty()) {
    const yaml::Node& format = reader.require("format");
    fail_at(format, "network.format",
            "format '" + format.scalar + "' reads a network file: add 'network.file'");
  }
}

}  // namespace citytwin::scenario_detail
