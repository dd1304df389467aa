#pragma once
// The traffic family as the app registers it (agents/families.cpp): the `routing:` section, the
// builder (demand, vehicle types, TrafficSystem), the KPI plots and the `vehicle:ID` inspect kind.
// Its demand and vehicle types stay a kernel section for now (Scenario::demand): the importers
// in sim/io read demand files into them.
#include "sim/family/family_registry.hpp"

namespace citytwin {

FamilyRegistration traffic_family();

}  // namespace citytwin
