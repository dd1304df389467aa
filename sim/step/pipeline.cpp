#include "sim/step/pipeline.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace citytwin {
namespace {

struct Entry {
  System* system;
  std::size_t registration;  // position in the input list
  const PhaseAccess* access;
};

std::string in_quotes(std::string_view s) {
  return "'" + std::string(s) + "'";
}

std::string conflict_prefix(Phase phase) {
  return "pipeline conflict in phase " + in_quotes(phase_name(phase)) + ": ";
}

bool contains(const std::vector<ResourceId>& v, ResourceId id) {
  return std::find(v.begin(), v.end(), id) != v.end();
}

// Does `later` run after `earlier` by a chain of runs_after declarations within the phase?
bool ordered_after(const std::map<std::string, const Entry*>& by_name, const Entry& later,
                   const std::string& earlier, std::set<std::string>& seen) {
  for (const auto& dep : later.access->runs_after) {
    if (dep == earlier) return true;
    if (!seen.insert(dep).second) continue;
    auto it = by_name.find(dep);
    if (it != by_name.end() && ordered_after(by_name, *it->second, earlier, seen)) return true;
  }
  return false;
}

void check_conflicts(Phase phase, const std::vector<Entry>& entries,
                     const std::map<std::string, const Entry*>& by_name,
                     const Resources& resources) {
  auto named = [&](ResourceId id) { return in_quotes(resources.name(id)); };
  for (std::size_t i = 0; i < entries.size(); ++i) {
    for (std::size_t j = i + 1; j < entries.size(); ++j) {
      const Entry& a = entries[i];
      const Entry& b = entries[j];
      // Two writers of one resource take turns when one runs after the other (e.g. two speed
      // advisors lowering one column of caps); unordered, the result would depend on timing.
      for (const auto& resource : a.access->writes) {
        if (!contains(b.access->writes, resource)) continue;
        std::set<std::string> seen_ab;
        std::set<std::string> seen_ba;
        if (ordered_after(by_name, b, std::string(a.system->name()), seen_ab) ||
            ordered_after(by_name, a, std::string(b.system->name()), seen_ba)) {
          continue;
        }
        throw PipelineConflict(conflict_prefix(phase) + "systems " + in_quotes(a.system->name()) +
                               " and " + in_quotes(b.system->name()) + " both write " +
                               named(resource) + "; declare that one runs after the other");
      }
      // Read-write pairs in either direction need an explicit order.
      for (const auto& [reader, writer] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
        for (const auto& resource : reader->access->reads) {
          if (!contains(writer->access->writes, resource)) continue;
          std::set<std::string> seen;
          if (!ordered_after(by_name, *reader, std::string(writer->system->name()), seen)) {
            throw PipelineConflict(
                conflict_prefix(phase) + "system " + in_quotes(reader->system->name()) + " reads " +
                named(resource) + " which " + in_quotes(writer->system->name()) +
                " writes in the same phase; declare that " + in_quotes(reader->system->name()) +
                " runs after " + in_quotes(writer->system->name()) +
                " or move one to another phase");
          }
        }
      }
    }
  }
}

// Kahn's algorithm, always taking the earliest-registered ready system: deterministic and
// identical to registration order when nothing is declared.
std::vector<System*> sort_phase(Phase phase, const std::vector<Entry>& entries,
                                const std::map<std::string, const Entry*>& by_name) {
  std::map<const Entry*, std::size_t> pending;  // unmet dependencies
  std::map<const Entry*, std::vector<const Entry*>> dependants;
  for (const auto& e : entries) {
    pending[&e] = 0;
    for (const auto& dep : e.access->runs_after) {
      auto it = by_name.find(dep);
      if (it == by_name.end()) {
        throw PipelineConflict(conflict_prefix(phase) + "system " + in_quotes(e.system->name()) +
                               " runs after " + in_quotes(dep) +
                               ", which does not run in this phase");
      }
      ++pending[&e];
      dependants[it->second].push_back(&e);
    }
  }
  std::vector<System*> order;
  std::set<std::size_t> ready;  // registration indices
  std::map<std::size_t, const Entry*> by_registration;
  for (const auto& e : entries) {
    by_registration[e.registration] = &e;
    if (pending[&e] == 0) ready.insert(e.registration);
  }
  while (!ready.empty()) {
    const Entry* e = by_registration[*ready.begin()];
    ready.erase(ready.begin());
    order.push_back(e->system);
    for (const Entry* d : dependants[e]) {
      if (--pending[d] == 0) ready.insert(d->registration);
    }
  }
  if (order.size() != entries.size()) {
    std::string names;
    for (const auto& [e, n] : pending) {
      if (n > 0) names += (names.empty() ? "" : ", ") + in_quotes(e->system->name());
    }
    throw PipelineConflict(conflict_prefix(phase) + "runs_after declarations form a cycle among " +
                           names);
  }
  return order;
}

}  // namespace

Pipeline Pipeline::build(const std::vector<System*>& systems, const Resources& resources) {
  std::set<std::string, std::less<>> names;
  std::vector<SystemDeclaration> declarations(systems.size());
  for (std::size_t i = 0; i < systems.size(); ++i) {
    if (!names.insert(std::string(systems[i]->name())).second) {
      throw PipelineConflict("pipeline conflict: two systems are named " +
                             in_quotes(systems[i]->name()));
    }
    systems[i]->declare(declarations[i]);
    for (const auto& access : declarations[i].phases()) {
      for (const auto* ids : {&access.reads, &access.writes}) {
        for (const ResourceId id : *ids) {
          if (id.index >= resources.size()) {
            throw PipelineConflict("pipeline conflict: system " + in_quotes(systems[i]->name()) +
                                   " declares a resource this world does not have (connect "
                                   "obtains every handle a declaration names)");
          }
        }
      }
    }
  }

  Pipeline pipeline;
  for (Phase phase : kAllPhases) {
    std::vector<Entry> entries;
    for (std::size_t i = 0; i < systems.size(); ++i) {
      for (const auto& access : declarations[i].phases()) {
        if (access.phase != phase) continue;
        if (!entries.empty() && entries.back().system == systems[i]) {
          throw PipelineConflict(conflict_prefix(phase) + "system " +
                                 in_quotes(systems[i]->name()) + " declares this phase twice");
        }
        entries.push_back({systems[i], i, &access});
      }
    }
    std::map<std::string, const Entry*> by_name;
    for (const auto& e : entries) by_name[std::string(e.system->name())] = &e;
    check_conflicts(phase, entries, by_name, resources);
    auto& order = pipeline.order_[static_cast<std::size_t>(phase)];
    order = sort_phase(phase, entries, by_name);
    for (System* system : order) {
      const auto it = std::find_if(entries.begin(), entries.end(),
                                   [&](const Entry& e) { return e.system == system; });
      pipeline.runs_[static_cast<std::size_t>(phase)].push_back({system, *it->access});
    }
  }
  return pipeline;
}

}  // namespace citytwin
