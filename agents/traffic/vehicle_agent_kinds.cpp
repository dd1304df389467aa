#include "agents/traffic/vehicle_agent_kinds.hpp"

#include <algorithm>
#include <string>

namespace citytwin {
namespace {

// Drawn footprints, m (length, width): typical of each class, a little under the modelled
// lengths (which include the gap a driver keeps at a standstill, vehicle_type.cpp) so that
// queued vehicles read as separate shapes.
struct DrawnSize {
  float length;
  float width;
};
constexpr std::array<DrawnSize, kVehicleClassCount> kDrawnSizes = {
    DrawnSize{4.5f, 1.8f},   // car
    DrawnSize{12.0f, 2.5f},  // bus
    DrawnSize{8.0f, 2.5f},   // truck
    DrawnSize{6.0f, 2.2f}};  // shuttle

}  // namespace

bool is_vehicle_agent_kind(AgentKind kind) {
  return std::find(kVehicleAgentKinds.begin(), kVehicleAgentKinds.end(), kind) !=
         kVehicleAgentKinds.end();
}

std::vector<AgentKindStyle> vehicle_agent_kind_styles() {
  std::vector<AgentKindStyle> styles;
  for (std::size_t c = 0; c < kVehicleClassCount; ++c) {
    AgentKindStyle style;
    style.name = std::string(vehicle_class_name(static_cast<VehicleClass>(c)));
    style.glyph = AgentGlyph::kFootprint;
    style.length = kDrawnSizes[c].length;
    style.width = kDrawnSizes[c].width;
    style.colouring = AgentColouring::kBySpeed;
    styles.push_back(std::move(style));
  }
  return styles;
}

}  // namespace citytwin
