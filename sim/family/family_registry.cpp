#include "sim/family/family_registry.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/scenario/loader.hpp"

namespace citytwin {
namespace {

template <typename Range, typename Name>
bool any_named(const Range& range, const Name& name_of, std::string_view wanted) {
  return std::any_of(range.begin(), range.end(),
                     [&](const auto& item) { return name_of(item) == wanted; });
}

void claim(bool taken, const std::string& family, const std::string& what) {
  if (taken) {
    throw std::logic_error("family '" + family + "' registers " + what + ", already taken");
  }
}

}  // namespace

void FamilyRegistry::add(FamilyRegistration family) {
  claim(family.name.empty() || find(family.name) != nullptr, family.name, "its name");
  const auto keys = section_keys();
  for (const auto& section : family.sections) {
    const bool taken =
        std::find(keys.begin(), keys.end(), section.key) != keys.end() ||
        any_named(
            kernel_scenario_keys(), [](std::string_view k) { return k; }, section.key);
    claim(taken, family.name, "scenario section '" + section.key + "'");
  }
  const auto kinds = inspect_kinds();
  for (const auto& kind : family.inspect_kinds) {
    const bool taken =
        kind.kind == "node" || any_named(
                                   kinds, [](const auto* k) { return k->kind; }, kind.kind);
    claim(taken, family.name, "inspect kind '" + kind.kind + "'");
  }
  const auto titles = panels();
  for (const auto& panel : family.panels) {
    claim(any_named(
              titles, [](const Panel& p) { return p.title; }, panel.title),
          family.name, "panel '" + panel.title + "'");
  }
  families_.push_back(std::move(family));
}

const FamilyRegistration* FamilyRegistry::find(std::string_view name) const {
  for (const auto& family : families_) {
    if (family.name == name) return &family;
  }
  return nullptr;
}

std::vector<std::string_view> FamilyRegistry::section_keys() const {
  std::vector<std::string_view> keys;
  for (const auto& family : families_) {
    for (const auto& section : family.sections) keys.push_back(section.key);
  }
  return keys;
}

std::vector<KpiPlot> FamilyRegistry::kpi_plots() const {
  std::vector<KpiPlot> plots;
  for (const auto& family : families_) {
    plots.insert(plots.end(), family.kpi_plots.begin(), family.kpi_plots.end());
  }
  return plots;
}

std::vector<const InspectKindRegistration*> FamilyRegistry::inspect_kinds() const {
  std::vector<const InspectKindRegistration*> kinds;
  for (const auto& family : families_) {
    for (const auto& kind : family.inspect_kinds) kinds.push_back(&kind);
  }
  return kinds;
}

std::vector<Panel> FamilyRegistry::panels() const {
  std::vector<Panel> all;
  for (const auto& family : families_) {
    all.insert(all.end(), family.panels.begin(), family.panels.end());
  }
  return all;
}

}  // namespace citytwin
