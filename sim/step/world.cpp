#include "sim/step/world.hpp"

#include <chrono>
#include <cmath>
#include <stdexcept>

#include "sim/core/state_hasher.hpp"
#include "sim/step/step_context.hpp"

namespace citytwin {

World::World(WorldConfig config, std::shared_ptr<const Network> network)
    : config_(config),
      network_(std::move(network)),
      clock_(config.step_seconds),
      executor_(config.threads) {
  if (!network_) throw std::invalid_argument("World needs a network");
  if (!(config.step_seconds > 0.0)) throw std::invalid_argument("step must be positive");
}

System& World::add_system(std::unique_ptr<System> system) {
  if (started_) throw std::logic_error("systems must be added before World::start()");
  systems_.push_back(std::move(system));
  return *systems_.back();
}

void World::start() {
  if (started_) throw std::logic_error("World::start() called twice");
  std::vector<System*> raw;
  for (auto& s : systems_) raw.push_back(s.get());
  for (auto* s : raw) s->connect(resources_);
  pipeline_ = Pipeline::build(raw, resources_);
  for (Phase phase : kAllPhases) {
    for (const Pipeline::Run& run : pipeline_->runs(phase)) {
      for (const ResourceId read : run.access.reads) resources_.set_has_readers(read, true);
    }
  }

  std::vector<std::string> columns;
  std::vector<KpiColumn> kpi_columns;
  auto agent_kinds = std::make_shared<AgentKindTable>();
  for (auto* s : raw) {
    SystemDeclaration declaration;
    s->declare(declaration);
    for (const AgentKindStyle& style : declaration.agent_kinds()) {
      try {
        agent_kinds->add(style);
      } catch (const std::logic_error& e) {
        throw PipelineConflict(std::string(s->name()) + ": " + e.what());
      }
    }
    for (std::size_t k = 0; k < declaration.kpis().size(); ++k) {
      const std::string& kpi = declaration.kpis()[k];
      for (const auto& existing : columns) {
        if (existing == kpi) {
          throw PipelineConflict("KPI column '" + kpi + "' is declared by two systems");
        }
      }
      columns.push_back(kpi);
      kpi_columns.push_back({kpi, declaration.kpi_displays()[k]});
    }
  }
  timeseries_.set_columns(std::move(columns));
  kpi_columns_ = std::make_shared<const std::vector<KpiColumn>>(std::move(kpi_columns));
  agent_kinds_ = std::move(agent_kinds);
  record_every_steps_ = config_.record_interval > 0.0
                            ? std::max<std::int64_t>(1, clock_.steps_for(config_.record_interval))
                            : 0;
  started_ = true;
}

void World::step() {
  if (!started_) throw std::logic_error("World::step() before World::start()");
  for (auto& command : commands_.drain()) command.apply(*this);

  StepContext context(clock_, *network_, executor_, config_.seed, resources_);
  executor_.execute([&] {
    for (Phase phase : kAllPhases) {
      const auto start = phase_observer_ ? std::chrono::steady_clock::now()
                                         : std::chrono::steady_clock::time_point{};
      for (const Pipeline::Run& run : pipeline_->runs(phase)) {
        context.enter(*run.system, &run.access);
        run.system->run(phase, context);
        // What a parallel phase emitted into message lists is gathered, in a fixed order, as
        // soon as the writer is done: readers later in the pipeline see the whole list.
        for (const ResourceId written : run.access.writes) {
          if (resources_.needs_commit(written)) resources_.commit(written);
        }
      }
      if (phase_observer_) {
        phase_observer_(
            phase, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      }
    }
  });
  clock_.advance();

  if (record_every_steps_ > 0 && clock_.step() % record_every_steps_ == 0) record_kpis();
  if (config_.publish_every > 0 && clock_.step() % config_.publish_every == 0) {
    snapshot(views_.back());
    views_.publish();
  }
}

void World::record_kpis() {
  KpiRow row = timeseries_.append_row(clock_.now());
  for (const auto& s : systems_) s->report_kpis(row);
}

std::vector<double> World::current_kpis() const {
  std::vector<double> values;
  TimeSeries scratch;
  scratch.set_columns(timeseries_.columns());
  KpiRow row = scratch.append_row(clock_.now());
  for (const auto& s : systems_) s->report_kpis(row);
  for (std::size_t c = 0; c < scratch.columns().size(); ++c) values.push_back(scratch.value(0, c));
  return values;
}

std::vector<KnobSpec> World::knobs() const {
  std::vector<KnobSpec> all;
  for (const auto& system : systems_) {
    KnobList list(system->name());
    system->declare_knobs(list);
    for (auto& knob : list.knobs()) all.push_back(std::move(knob));
  }
  return all;
}

System* World::find_system(std::string_view name) const {
  for (const auto& s : systems_) {
    if (s->name() == name) return s.get();
  }
  return nullptr;
}

std::uint64_t World::state_hash() const {
  StateHasher hasher;
  hasher.add(clock_.step());
  for (const auto& s : systems_) {
    hasher.add(s->name());
    s->hash_state(hasher);
  }
  return hasher.digest();
}

void World::snapshot(WorldView& view) const {
  view.clear();
  view.step = clock_.step();
  view.time = clock_.now();
  view.signal_state.assign(network_->signal_groups().size(), SignalState::kOff);
  for (const auto& s : systems_) s->fill_view(view);
  view.kpi_names = timeseries_.columns();
  view.kpi_columns = kpi_columns_;
  view.agent_kinds = agent_kinds_;
  view.kpi_values = current_kpis();
  describe(inspect_target_, view.inspection);
}

void World::describe(const InspectTarget& target, Inspection& inspection) const {
  inspection.clear();
  inspection.target = target;
  if (target.kind == InspectTarget::Kind::kNone) return;
  if (target.kind == InspectTarget::Kind::kNode) {
    // What the network itself says; systems add their live view of the node below.
    if (target.id >= network_->nodes().size()) return;
    const Node& node = network_->node(target.id);
    inspection.title = "junction " + node.name;
    inspection.present = true;
    inspection.has_position = true;
    inspection.x = static_cast<float>(node.position.x);
    inspection.y = static_cast<float>(node.position.y);
    inspection.add("junction", "control", std::string(node_control_name(node.control)));
    auto link_names = [&](const std::vector<LinkId>& links) {
      std::string names;
      for (const LinkId l : links) names += (names.empty() ? "" : ", ") + network_->link(l).name;
      return names.empty() ? std::string("none") : names;
    };
    inspection.add("junction", "in", link_names(node.incoming));
    inspection.add("junction", "out", link_names(node.outgoing));
  }
  for (const auto& s : systems_) s->describe(target, inspection);
}

}  // namespace citytwin
