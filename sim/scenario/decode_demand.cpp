// demand: explicit flows, random trips over the whole network, zones with od matrices between them,
// explicit trips, and demand files, with a global scale.
#include <unordered_map>

#include "sim/scenario/diagnostics.hpp"

#include "sim/scenario/decode.hpp"
#include "sim/scenario/decode_context.hpp"

namespace citytwin::scenario_detail {
namespace {

constexpr std::uint64_t kMaxFlows = 100'000;
constexpr std::uint64_t kMaxZones = 100'000;
constexpr std::uint64_t kMaxOdEntries = 1'000'000;
constexpr std::uint64_t kMaxTripsPerOd = 10'000'000;
constexpr std::uint64_t kMaxTrips = 1'000'000;
constexpr Bounds kScale{0.0, 100.0, true, "between 0 and 100"};
constexpr Bounds kFlowRate{0.0, 10.0, true, "between 0 veh/h and 36000 veh/h"};
constexpr Bounds kNetworkRate{0.0, 100.0, true, "between 0 veh/h and 360000 veh/h"};
constexpr Bounds kTime{0.0, kMaxDurationSeconds, true, "between 0 s and 720 h (30 days)"};
constexpr Bounds kDistance{0.0, 1'000'000.0, true, "between 0 m and 1000 km"};

void read_required_text(const MappingReader& reader, std::string_view key, std::string& out) {
  const yaml::Node& node = reader.require(key);
  out = scalar_text(node, reader.path_of(key), "a text");
  if (out.empty()) fail_at(node, reader.path_of(key), "expected a text, found an empty text");
}

// begin/end window of a flow or of random demand: end 0 means "until the simulation ends".
void check_window(const MappingReader& reader, double begin, double end,
                  const SimulationSpec& simulation) {
  if (begin >= simulation.duration) {
    fail_at(*reader.value("begin"), reader.path_of("begin"),
            "begin (" + format_seconds(begin) + ") is not before the end of the simulation (" +
                format_seconds(simulation.duration) + ")");
  }
  if (end != 0.0 && begin >= end) {
    fail_at(
        *reader.value("end"), reader.path_of("end"),
        "end (" + format_seconds(end) + ") must come after begin (" + format_seconds(begin) + ")");
  }
}

void read_vehicle_type(const MappingReader& reader, std::string& out) {
  if (reader.value("vehicle_type") == nullptr) return;
  read_required_text(reader, "vehicle_type", out);
}

FlowSpec decode_flow(const yaml::Node& node, const std::string& path, std::size_t index,
                     const SimulationSpec& simulation) {
  const MappingReader reader(
      node, path, {"name", "from", "to", "rate", "begin", "end", "headways", "vehicle_type"});
  FlowSpec flow;
  flow.name = "flow" + std::to_string(index);
  if (reader.value("name") != nullptr) read_required_text(reader, "name", flow.name);
  read_required_text(reader, "from", flow.from);
  read_required_text(reader, "to", flow.to);
  reader.require("rate");
  reader.read_quantity("rate", Dimension::kRate, kFlowRate, flow.rate);
  reader.read_quantity("begin", Dimension::kDuration, kTime, flow.begin);
  reader.read_quantity("end", Dimension::kDuration, kTime, flow.end);
  check_window(reader, flow.begin, flow.end, simulation);
  reader.read_choice("headways",
                     {std::pair{std::string_view("poisson"), Headways::kPoisson},
                      std::pair{std::string_view("uniform"), Headways::kUniform}},
                     flow.headways);
  read_vehicle_type(reader, flow.vehicle_type);
  return flow;
}

void decode_flows(const yaml::Node& node, const SimulationSpec& simulation,
                  std::vector<FlowSpec>& flows) {
  if (node.kind != yaml::Kind::kSequence) {
    fail_at(node, "demand.flows",
            "expected a sequence of flows, found " + std::string(kind_phrase(node.kind)));
  }
  if (node.items.size() > kMaxFlows) {
    fail_at(node, "demand.flows",
            "more than " + std::to_string(kMaxFlows) + " flows; use a demand file instead");
  }
  std::unordered_map<std::string, std::size_t> first_use;
  flows.clear();
  flows.reserve(node.items.size());
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const std::string path = "demand.flows[" + std::to_string(i) + "]";
    flows.push_back(decode_flow(*node.items[i], path, i, simulation));
    const auto [previous, inserted] = first_use.emplace(flows.back().name, i);
    if (!inserted) {
      const yaml::Node* name = node.items[i]->find("name")->value.get();
      fail_at(*name, path + ".name",
              "flow name '" + flows.back().name + "' is already used by demand.flows[" +
                  std::to_string(previous->second) + "]");
    }
  }
}

RandomDemandSpec decode_random(const yaml::Node& node, const SimulationSpec& simulation) {
  const MappingReader reader(node, "demand.random",
                             {"rate", "begin", "end", "min_distance", "vehicle_type"});
  RandomDemandSpec random;
  reader.require("rate");
  reader.read_quantity("rate", Dimension::kRate, kNetworkRate, random.rate);
  reader.read_quantity("begin", Dimension::kDuration, kTime, random.begin);
  reader.read_quantity("end", Dimension::kDuration, kTime, random.end);
  check_window(reader, random.begin, random.end, simulation);
  reader.read_quantity("min_distance", Dimension::kLength, kDistance, random.min_distance);
  read_vehicle_type(reader, random.vehicle_type);
  return random;
}

// A sequence of non-empty names (or one name): zone members, via links.
std::vector<std::string> decode_names(const yaml::Node& node, const std::string& path,
                                      std::string_view what) {
  std::vector<std::string> names;
  const auto read_one = [&](const yaml::Node& item, const std::string& item_path) {
    names.push_back(scalar_text(item, item_path, what));
    if (names.back().empty())
      fail_at(item, item_path, "expected " + std::string(what) + ", found an empty text");
  };
  if (node.kind == yaml::Kind::kSequence) {
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      read_one(*node.items[i], path + "[" + std::to_string(i) + "]");
    }
  } else {
    read_one(node, path);
  }
  return names;
}

void decode_zones(const yaml::Node& node, std::map<std::string, std::vector<std::string>>& zones) {
  if (node.kind != yaml::Kind::kMapping) {
    fail_at(node, "demand.zones",
            "expected a mapping of zone names to lists of places, found " +
                std::string(kind_phrase(node.kind)));
  }
  if (node.entries.size() > kMaxZones) {
    fail_at(node, "demand.zones", "more than " + std::to_string(kMaxZones) + " zones");
  }
  zones.clear();
  for (const yaml::Entry& entry : node.entries) {
    const std::string path = "demand.zones." + entry.key;
    std::vector<std::string> members =
        decode_names(*entry.value, path, "a boundary node or link name");
    if (members.empty()) {
      fail_at(*entry.value, path, "zone '" + entry.key + "' has no members");
    }
    zones[entry.key] = std::move(members);
  }
}

void read_zone(const MappingReader& reader, std::string_view key,
               const std::map<std::string, std::vector<std::string>>& zones, std::string& out) {
  read_required_text(reader, key, out);
  if (zones.contains(out)) return;
  std::vector<std::string_view> names;
  for (const auto& zone : zones) names.push_back(zone.first);
  fail_at(*reader.value(key), reader.path_of(key),
          "unknown zone '" + out + "'" + did_you_mean(out, names) +
              (names.empty() ? "; define it under demand.zones" : "; zones: " + join_names(names)));
}

OdSpec decode_od_entry(const yaml::Node& node, const std::string& path,
                       const SimulationSpec& simulation,
                       const std::map<std::string, std::vector<std::string>>& zones) {
  const MappingReader reader(node, path,
                             {"from", "to", "trips", "begin", "end", "headways", "vehicle_type"});
  OdSpec od;
  read_zone(reader, "from", zones, od.from);
  read_zone(reader, "to", zones, od.to);
  reader.require("trips");
  reader.read_count("trips", 0, kMaxTripsPerOd, od.trips);
  reader.read_quantity("begin", Dimension::kDuration, kTime, od.begin);
  reader.read_quantity("end", Dimension::kDuration, kTime, od.end);
  check_window(reader, od.begin, od.end, simulation);
  reader.read_choice("headways",
                     {std::pair{std::string_view("poisson"), Headways::kPoisson},
                      std::pair{std::string_view("uniform"), Headways::kUniform}},
                     od.headways);
  read_vehicle_type(reader, od.vehicle_type);
  return od;
}

// A sequence of mappings under `path`, at most `limit` long; decodes each with `decode_item`.
template <typename Item, typename Decode>
void decode_list(const yaml::Node& node, const std::string& path, std::string_view what,
                 std::uint64_t limit, std::vector<Item>& out, Decode decode_item) {
  if (node.kind != yaml::Kind::kSequence) {
    fail_at(node, path,
            "expected a sequence of " + std::string(what) + ", found " +
                std::string(kind_phrase(node.kind)));
  }
  if (node.items.size() > limit) {
    fail_at(node, path, "more than " + std::to_string(limit) + " " + std::string(what));
  }
  out.clear();
  out.reserve(node.items.size());
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    out.push_back(decode_item(*node.items[i], path + "[" + std::to_string(i) + "]"));
  }
}

TripSpec decode_trip(const yaml::Node& node, const std::string& path,
                     const SimulationSpec& simulation) {
  const MappingReader reader(node, path, {"depart", "from", "to", "via", "vehicle_type"});
  TripSpec trip;
  reader.require("depart");
  reader.read_quantity("depart", Dimension::kDuration, kTime, trip.depart);
  if (trip.depart >= simulation.duration) {
    fail_at(*reader.value("depart"), reader.path_of("depart"),
            "depart (" + format_seconds(trip.depart) +
                ") is not before the end of the simulation (" +
                format_seconds(simulation.duration) + ")");
  }
  read_required_text(reader, "from", trip.from);
  read_required_text(reader, "to", trip.to);
  if (const yaml::Node* via = reader.value("via")) {
    trip.via = decode_names(*via, reader.path_of("via"), "a link name");
  }
  read_vehicle_type(reader, trip.vehicle_type);
  return trip;
}

constexpr Bounds kTypeLength{0.0, 100.0, false, "above 0 m and at most 100 m"};
constexpr Bounds kTypeGap{0.0, 100.0, true, "between 0 m and 100 m"};
constexpr Bounds kTypeSpeed{0.0, 100.0, false, "above 0 m/s and at most 100 m/s"};
constexpr Bounds kTypeAcceleration{0.0, 20.0, false, "above 0 and at most 20 (m/s²)"};
constexpr Bounds kTypeHeadway{0.0, 10.0, true, "between 0 s and 10 s"};
constexpr Bounds kTypeSpeedFactor{kMinSpeedFactor, kMaxSpeedFactor, true, "between 0.2 and 2"};
constexpr Bounds kTypeSpeedDeviation{0.0, 1.0, true, "between 0 and 1"};
constexpr Bounds kTypeDawdling{0.0, 1.0, true, "between 0 and 1"};
constexpr std::uint64_t kMaxVehicleTypes = 200;  // the traffic system's limit is 255 with its own

// A vehicle type: a base class ("car", "bus", "truck", "shuttle") whose defaults fill what is not
// given, and the road class whose lanes it may use (bus lanes, delivery-only streets).
VehicleTypeSpec decode_vehicle_type(const yaml::Node& node, const std::string& path) {
  const MappingReader reader(node, path,
                             {"name", "base", "road_class", "length", "max_speed", "acceleration",
                              "deceleration", "emergency_deceleration", "min_gap", "headway",
                              "keeps_route_lanes", "speed_factor", "speed_deviation", "dawdling"});
  VehicleTypeSpec spec;
  read_required_text(reader, "name", spec.name);
  std::string_view base = "car";
  reader.read_choice("base",
                     {std::pair{std::string_view("car"), std::string_view("car")},
                      std::pair{std::string_view("bus"), std::string_view("bus")},
                      std::pair{std::string_view("truck"), std::string_view("truck")},
                      std::pair{std::string_view("shuttle"), std::string_view("shuttle")}},
                     base);
  spec.base = std::string(base);
  if (const yaml::Node* road_class = reader.value("road_class")) {
    const std::size_t index = MappingReader::choose(*road_class, reader.path_of("road_class"),
                                                    std::span(kRoadClassNames));
    spec.road_class = static_cast<RoadClass>(index);
  }
  auto quantity = [&](std::string_view key, Dimension dimension, const Bounds& bounds,
                      std::optional<double>& out) {
    if (reader.value(key) == nullptr) return;
    double value = 0.0;
    reader.read_quantity(key, dimension, bounds, value);
    out = value;
  };
  auto factor = [&](std::string_view key, std::optional<double>& out,
                    const Bounds& bounds = kTypeAcceleration) {
    if (reader.value(key) == nullptr) return;
    double value = 0.0;
    reader.read_factor(key, bounds, value);
    out = value;
  };
  quantity("length", Dimension::kLength, kTypeLength, spec.length);
  quantity("max_speed", Dimension::kSpeed, kTypeSpeed, spec.max_speed);
  factor("acceleration", spec.acceleration);
  factor("deceleration", spec.deceleration);
  factor("emergency_deceleration", spec.emergency_deceleration);
  quantity("min_gap", Dimension::kLength, kTypeGap, spec.min_gap);
  quantity("headway", Dimension::kDuration, kTypeHeadway, spec.headway);
  reader.read_bool("keeps_route_lanes", spec.keeps_route_lanes);
  factor("speed_factor", spec.speed_factor, kTypeSpeedFactor);
  factor("speed_deviation", spec.speed_deviation, kTypeSpeedDeviation);
  factor("dawdling", spec.dawdling, kTypeDawdling);
  return spec;
}

}  // namespace

void decode_demand(const yaml::Node& node, const SimulationSpec& simulation, DemandSpec& demand) {
  const MappingReader reader(
      node, "demand",
      {"scale", "vehicle_types", "flows", "random", "zones", "od", "trips", "files", "unroutable"});
  reader.read_factor("scale", kScale, demand.scale);
  reader.read_choice("unroutable",
                     {std::pair{std::string_view("error"), UnroutableTrips::kError},
                      std::pair{std::string_view("skip"), UnroutableTrips::kSkip}},
                     demand.unroutable);
  if (const yaml::Node* types = reader.value("vehicle_types")) {
    decode_list(*types, "demand.vehicle_types", "vehicle types", kMaxVehicleTypes,
                demand.vehicle_types, [](const yaml::Node& item, const std::string& path) {
                  return decode_vehicle_type(item, path);
                });
  }
  if (const yaml::Node* flows = reader.value("flows")) {
    decode_flows(*flows, simulation, demand.flows);
  }
  if (const yaml::Node* random = reader.value("random")) {
    demand.random = decode_random(*random, simulation);
  }
  // Zones first: od entries name them, wherever the keys sit in the file.
  if (const yaml::Node* zones = reader.value("zones")) decode_zones(*zones, demand.zones);
  if (const yaml::Node* od = reader.value("od")) {
    decode_list(*od, "demand.od", "od entries", kMaxOdEntries, demand.od,
                [&](const yaml::Node& item, const std::string& path) {
                  return decode_od_entry(item, path, simulation, demand.zones);
                });
  }
  if (const yaml::Node* trips = reader.value("trips")) {
    decode_list(*trips, "demand.trips", "trips", kMaxTrips, demand.trips,
                [&](const yaml::Node& item, const std::string& path) {
                  return decode_trip(item, path, simulation);
                });
  }
  if (const yaml::Node* files = reader.value("files")) {
    demand.files.clear();
    const auto items = one_or_many(*files, "demand.files");
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string path = files->kind == yaml::Kind::kSequence
                                   ? "demand.files[" + std::to_string(i) + "]"
                                   : "demand.files";
      const std::filesystem::path resolved = resolve_path(*items[i], items[i]->scalar);
      require_file(*items[i], path, "demand file", resolved);
      demand.files.push_back(resolved);
    }
  }
}

}  // namespace citytwin::scenario_detail
