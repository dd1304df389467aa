#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/output/kpi_display.hpp"
#include "sim/step/knob.hpp"
#include "sim/step/phase.hpp"
#include "sim/step/resources.hpp"
#include "sim/view/agent_kind_style.hpp"

namespace citytwin {

class StepContext;
class StateHasher;
class KpiRow;
struct WorldView;
struct InspectTarget;
struct Inspection;

// What a system does in one phase: the resources it reads and writes there (typed handles it
// obtained in System::connect, so the declaration names the very objects it will get), and which
// other systems of the same phase it must run after (to read what they wrote in that phase).
struct PhaseAccess {
  Phase phase = Phase::kSense;
  std::vector<ResourceId> reads;
  std::vector<ResourceId> writes;
  std::vector<std::string> runs_after;  // system names
};

// Filled by System::declare: the phases a system runs in, its KPI columns and its agent kinds.
class SystemDeclaration {
 public:
  SystemDeclaration& in(Phase phase, std::vector<ResourceId> reads = {},
                        std::vector<ResourceId> writes = {},
                        std::vector<std::string> runs_after = {}) {
    phases_.push_back({phase, std::move(reads), std::move(writes), std::move(runs_after)});
    return *this;
  }
  // A KPI column this system reports every recording interval (see report_kpis), and how
  // people see it (title, unit, scale, which way is better).
  SystemDeclaration& kpi(std::string name, KpiDisplay display = {}) {
    kpis_.push_back(std::move(name));
    displays_.push_back(std::move(display));
    return *this;
  }

  // A kind of agent or device the system puts in snapshots (WorldView::agent_kind, sites) and
  // how it looks: the renderer, the picker and the legend know kinds only through these.
  SystemDeclaration& agent_kind(AgentKindStyle style) {
    agent_kinds_.push_back(std::move(style));
    return *this;
  }

  const std::vector<PhaseAccess>& phases() const { return phases_; }
  const std::vector<std::string>& kpis() const { return kpis_; }
  const std::vector<KpiDisplay>& kpi_displays() const { return displays_; }
  const std::vector<AgentKindStyle>& agent_kinds() const { return agent_kinds_; }

 private:
  std::vector<PhaseAccess> phases_;
  std::vector<std::string> kpis_;
  std::vector<KpiDisplay> displays_;  // parallel to kpis_
  std::vector<AgentKindStyle> agent_kinds_;
};

// End-of-run figures a system reports for the run summary (name, value), e.g. mean travel time.
using Totals = std::vector<std::pair<std::string, double>>;

// Where and what a system may write at the end of a run (its own files, written atomically).
struct OutputRequest {
  std::filesystem::path directory;
  bool trips = true;      // per-agent records (trips.csv)
  bool tripinfo = false;  // SUMO-compatible tripinfo.xml
};

// A model family the kernel steps (vehicles, signals, roadside units, robots, sensors...).
// The kernel knows no agent kind: everything it needs from a system goes through this interface.
class System {
 public:
  virtual ~System() = default;

  virtual std::string_view name() const = 0;
  // Called once by World::start, before declare: obtains (creates or finds) the shared resources
  // the system provides or uses and keeps their typed handles. Inside a step a system reaches
  // them only through its StepContext, as declared; between steps (snapshots, KPIs, hashes) it
  // may read them through the registry it was given here.
  virtual void connect(Resources& /*resources*/) {}
  // Called once when the pipeline is built, after connect; must not depend on world state.
  virtual void declare(SystemDeclaration& declaration) const = 0;
  // Called for every phase the system declared, once per step, in pipeline order.
  virtual void run(Phase phase, StepContext& context) = 0;

  // Feeds every bit of simulation state into the hasher (determinism tests).
  virtual void hash_state(StateHasher& hasher) const = 0;
  // Writes the values of the KPI columns it declared.
  virtual void report_kpis(KpiRow& /*row*/) const {}
  // Appends its agents and signal states to the snapshot.
  virtual void fill_view(WorldView& /*view*/) const {}
  // Adds its end-of-run figures.
  virtual void report_totals(Totals& /*totals*/) const {}
  // Writes its own output files (records, logs) into the run's folder.
  virtual void write_outputs(const OutputRequest& /*request*/) const {}
  // Adds the what-if parameters it lets a user change during a run, with their current values
  // (dashboards build their sliders from these; see KnobList).
  virtual void declare_knobs(KnobList& /*knobs*/) const {}
  // Adds what it knows about the picked agent or node to the inspector (only for targets it owns
  // or has something to say about; a node is described by every system that has a view of it).
  // Called on publish while a target is set: cost per call, not per agent.
  virtual void describe(const InspectTarget& /*target*/, Inspection& /*inspection*/) const {}
};

}  // namespace citytwin
