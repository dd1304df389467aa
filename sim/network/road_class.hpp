#pragma once
// Who may drive on a lane. Road networks reserve lanes and whole streets for some vehicles: bus
// lanes, delivery-only streets in pedestrian zones, truck bans. A lane carries the set of road
// classes allowed on it (SUMO's allow/disallow narrowed to the classes citytwin's vehicle types
// belong to); a vehicle type belongs to one class, and routes, lane choice, lane changes and
// insertion keep each vehicle on lanes its class may use.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace citytwin {

// SUMO's road vehicle classes (utils/common/SUMOVehicleClass.cpp), so that every permission a
// SUMO network states is kept as written.
enum class RoadClass : std::uint8_t {
  kPassenger,
  kPrivate,
  kTaxi,
  kBus,
  kCoach,
  kDelivery,
  kTruck,
  kTrailer,
  kEmergency,
  kAuthority,
  kArmy,
  kVip,
  kHov,
  kMotorcycle,
  kMoped,
  kEvehicle,
  kCustom1,
  kCustom2,
};
inline constexpr std::size_t kRoadClassCount = 18;

using RoadClasses = std::uint32_t;  // bit i: RoadClass i allowed
inline constexpr RoadClasses kAllRoadClasses = (1u << kRoadClassCount) - 1u;

constexpr RoadClasses road_class_bit(RoadClass c) {
  return static_cast<RoadClasses>(1u << static_cast<unsigned>(c));
}

inline constexpr std::array<std::string_view, kRoadClassCount> kRoadClassNames = {
    "passenger", "private",    "taxi",      "bus",       "coach",   "delivery",
    "truck",     "trailer",    "emergency", "authority", "army",    "vip",
    "hov",       "motorcycle", "moped",     "evehicle",  "custom1", "custom2"};

constexpr std::string_view road_class_name(RoadClass c) {
  return kRoadClassNames[static_cast<std::size_t>(c)];
}

constexpr std::optional<RoadClass> road_class_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kRoadClassCount; ++i) {
    if (kRoadClassNames[i] == name) return static_cast<RoadClass>(i);
  }
  return std::nullopt;
}

}  // namespace citytwin
