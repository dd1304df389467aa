#pragma once
// The signals family as the app registers it (agents/families.cpp). Its folder is
// agents/signals/ for now: agents/signals/ (the controllers) is being changed on another
// branch; these files join it there once that work has landed.
#include "sim/family/family_registry.hpp"

namespace citytwin {

FamilyRegistration signals_family();

}  // namespace citytwin
