#pragma once
// What a family (a folder of agents/: traffic, signals, V2I, robots, sensors) brings to the
// kernel, the viewer and the dashboards, gathered in one registration: its scenario sections,
// its builder, its KPI plots, its inspector target kinds and its panels (outputs are per System:
// System::write_outputs). The kernel keeps the registry type and no list of families: the app
// assembles the registry (agents/families.cpp), tests may add families of their own.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/scenario/schema.hpp"
#include "sim/scenario/yaml_document.hpp"
#include "sim/view/inspection.hpp"
#include "sim/view/kpi_plot.hpp"
#include "sim/view/panel.hpp"

namespace citytwin {

class World;
class Network;
struct ImportReport;
struct WorldView;

// A top-level scenario key the family owns, e.g. `signals`.
struct ScenarioSectionRegistration {
  std::string key;
  // Stores the section in scenario.sections under `key`. `node` is the key's value in the merged
  // tree (includes and the chosen variant applied), nullptr when the file does not write the key
  // (store the defaults). The kernel's sections (simulation, network, demand, outputs) and the
  // sections of families registered earlier are already decoded. Errors: throw ScenarioError,
  // e.g. through scenario_detail::MappingReader / fail_at (sim/scenario/decode_context.hpp).
  std::function<void(const yaml::Node* node, Scenario& scenario)> decode;
};

// The usual section: a plain struct `Section` filled by `decode(node, scenario, section)` from its
// defaults, stored as `Section` (read back with scenario.sections.find<Section>(key)).
template <typename Section, typename Decode>
ScenarioSectionRegistration scenario_section(std::string key, Decode decode) {
  std::string stored_as = key;
  return {std::move(key), [stored_as = std::move(stored_as), decode = std::move(decode)](
                              const yaml::Node* node, Scenario& scenario) {
            Section section{};
            if (node != nullptr) decode(*node, std::as_const(scenario), section);
            scenario.sections.set(stored_as, std::move(section));
          }};
}

// What a family's builder works with: the world being built (network in place, not started).
struct FamilyBuildContext {
  World& world;
  std::uint64_t seed;              // the run's seed (run_seed)
  ImportReport* report = nullptr;  // where importers note what they skipped; may be null
};

// `--inspect KIND:NAME` for one kind of target, e.g. vehicle:42.
struct InspectKindRegistration {
  std::string kind;     // before the colon, e.g. "vehicle"
  std::string syntax;   // for messages, e.g. "vehicle:ID"
  std::string example;  // for messages, e.g. "vehicle:42"
  // The target `name` (the text after the colon) names, or nullopt when it is not one (the caller
  // then reports the syntax). May throw std::invalid_argument with a message of its own.
  std::function<std::optional<InspectTarget>(const std::string& name, const Network& network)>
      resolve;
};

struct FamilyRegistration {
  std::string name;  // unique, e.g. "traffic"
  std::vector<ScenarioSectionRegistration> sections;
  // Adds the family's systems to the world; called in registration order. May be empty.
  std::function<void(const Scenario& scenario, FamilyBuildContext& context)> build;
  std::vector<KpiPlot> kpi_plots;
  std::vector<InspectKindRegistration> inspect_kinds;
  std::vector<Panel> panels;  // sim/view/panel.hpp
};

class FamilyRegistry {
 public:
  // Throws std::logic_error when the name, a section key (also against the kernel's own keys),
  // an inspect kind or a panel title is taken: two families must never claim one.
  void add(FamilyRegistration family);

  std::span<const FamilyRegistration> families() const { return families_; }
  const FamilyRegistration* find(std::string_view name) const;

  // Across families, in registration order (pointers valid until the next add).
  std::vector<std::string_view> section_keys() const;
  std::vector<KpiPlot> kpi_plots() const;
  std::vector<const InspectKindRegistration*> inspect_kinds() const;
  std::vector<Panel> panels() const;

 private:
  std::vector<FamilyRegistration> families_;
};

}  // namespace citytwin
