#include "render/overlays/overlay_selection.hpp"

namespace citytwin::render {

bool select_overlay(const WorldView& view, std::string_view name, LayerToggles& layers) {
  if (view.link_fields.find(name) != nullptr) {
    layers.link_overlay.assign(name);
    return true;
  }
  if (view.grid_fields.find(name) != nullptr) {
    layers.grid_overlay.assign(name);
    return true;
  }
  return false;
}

std::string overlay_names(const WorldView& view) {
  std::string names;
  auto add = [&names](const auto& fields) {
    for (const auto& field : fields) {
      if (!names.empty()) names += ", ";
      names += field.name;
    }
  };
  add(view.link_fields.all());
  add(view.grid_fields.all());
  return names.empty() ? "none" : names;
}

}  // namespace citytwin::render
