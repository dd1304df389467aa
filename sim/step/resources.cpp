#include "sim/step/resources.hpp"

namespace citytwin {

ResourceIndex Resources::index_of(std::string_view name) const {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].name == name) return static_cast<ResourceIndex>(i);
  }
  return kNoResource;
}

void Resources::check_type(ResourceIndex index, const std::type_info& asked) const {
  if (entries_[index].type == std::type_index(asked)) return;
  // Mangled names are what the standard library offers; enough to tell two types apart.
  throw ResourceError("resource '" + entries_[index].name + "' is a " +
                      entries_[index].type.name() + ", not a " + asked.name());
}

std::string Resources::known_names() const {
  if (entries_.empty()) return " (the world has no resources)";
  std::string names = " (the world has";
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    names += (i == 0 ? " '" : ", '") + entries_[i].name + "'";
  }
  return names + ")";
}

}  // namespace citytwin
