#include "tools/cli/run_outputs.hpp"

#include <cmath>

#include "sim/core/state_hasher.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/version.hpp"

namespace citytwin::cli {
namespace {

nlohmann::json network_facts(const Network& network) {
  std::size_t signalised = 0;
  for (const auto& node : network.nodes()) signalised += node.control == NodeControl::kSignal;
  return {{"nodes", network.nodes().size()},
          {"signalised_nodes", signalised},
          {"links", network.links().size()},
          {"lanes", network.lanes().size()},
          {"connections", network.connections().size()},
          {"signal_groups", network.signal_groups().size()},
          {"lane_km", network.total_lane_length() / 1000.0}};
}

// Per KPI column: the last recorded value and the mean over all recorded rows (NaN rows skipped).
nlohmann::json kpi_facts(const TimeSeries& series) {
  nlohmann::json kpis = nlohmann::json::object();
  for (std::size_t c = 0; c < series.columns().size(); ++c) {
    double sum = 0.0;
    std::size_t count = 0;
    double last = std::nan("");
    for (std::size_t r = 0; r < series.row_count(); ++r) {
      const double v = series.value(r, c);
      if (std::isnan(v)) continue;
      sum += v;
      ++count;
      last = v;
    }
    nlohmann::json entry;
    entry["last"] = count ? nlohmann::json(last) : nlohmann::json(nullptr);
    entry["mean"] = count ? nlohmann::json(sum / count) : nlohmann::json(nullptr);
    kpis[series.columns()[c]] = entry;
  }
  return kpis;
}

}  // namespace

nlohmann::json make_summary(const Scenario& scenario, const World& world, const RunFacts& facts) {
  nlohmann::json summary;
  summary["citytwin_version"] = kVersion;
  summary["scenario"] = {{"name", scenario.name},
                         {"file", scenario.file.string()},
                         {"hash", scenario.content_hash},
                         {"variant", scenario.applied_variant},
                         {"source",
                          {{"deployment", scenario.source.deployment},
                           {"data", scenario.source.data},
                           {"date", scenario.source.date},
                           {"licence", scenario.source.licence}}}};
  summary["seed"] = world.config().seed;
  summary["threads"] = world.threads();
  summary["step_s"] = world.clock().step_seconds();
  summary["steps"] = world.clock().step();
  summary["simulated_s"] = facts.simulated_seconds;
  summary["wall_time_s"] = facts.wall_seconds;
  summary["steps_per_wall_s"] =
      facts.wall_seconds > 0 ? static_cast<double>(world.clock().step()) / facts.wall_seconds : 0.0;
  summary["state_hash"] = to_hex(world.state_hash());
  summary["network"] = network_facts(world.network());
  summary["kpis"] = kpi_facts(world.timeseries());
  // How to show each column (declared by its system), so reports need no list of their own.
  summary["kpi_display"] = nlohmann::json::object();
  for (const KpiColumn& c : world.kpi_columns()) {
    summary["kpi_display"][c.name] = {{"title", c.title()},
                                      {"unit", c.display.unit},
                                      {"scale", c.display.scale},
                                      {"better", c.display.better}};
  }
  Totals totals;
  for (const auto& system : world.systems()) system->report_totals(totals);
  summary["totals"] = nlohmann::json::object();
  for (const auto& [name, value] : totals) summary["totals"][name] = value;
  return summary;
}

void write_run_outputs(const std::filesystem::path& directory, const Scenario& scenario,
                       const World& world, const RunFacts& facts) {
  OutputRequest request{directory, scenario.outputs.trips,
                        scenario.outputs.tripinfo || facts.tripinfo};
  for (const auto& system : world.systems()) system->write_outputs(request);
  if (scenario.outputs.timeseries) {
    write_file_atomically(directory / "timeseries.csv", world.timeseries().to_csv());
  }
  // The summary goes last: its presence marks a complete output folder.
  write_file_atomically(directory / "summary.json",
                        make_summary(scenario, world, facts).dump(2) + "\n");
}

}  // namespace citytwin::cli
