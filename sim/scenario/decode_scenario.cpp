// Top-level keys and the small sections: source, simulation, signals, outputs.
#include <cstdio>
#include <limits>

#include "sim/scenario/decode.hpp"
#include "sim/scenario/decode_context.hpp"

namespace citytwin::scenario_detail {
namespace {

constexpr Bounds kStep{0.001, 60.0, true, "between 1 ms and 60 s"};
constexpr Bounds kDuration{0.0, kMaxDurationSeconds, false,
                           "greater than 0 s and at most 720 h (30 days)"};
constexpr Bounds kTimeOfRun{0.0, kMaxDurationSeconds, true, "between 0 s and 720 h (30 days)"};
constexpr Bounds kInterval{0.001, kMaxDurationSeconds, true, "between 1 ms and 720 h (30 days)"};
constexpr Bounds kRerouteInterval{0.0, 86400.0, true, "between 0 s (off) and 24 h"};
constexpr Bounds kCycle{0.0, 600.0, true, "between 0 s and 10 min"};
constexpr Bounds kGreen{1.0, 600.0, true, "between 1 s and 10 min"};
constexpr Bounds kClearance{0.0, 30.0, true, "between 0 s and 30 s"};
constexpr Bounds kOffset{0.0, 600.0, true, "between 0 s and 10 min"};
constexpr std::uint64_t kMaxThreads = 1024;

// Names end up in output folder names ("out/<name>"), so keep them to safe file-name characters.
void check_name(const yaml::Node& node, const std::string& name) {
  const auto safe = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
  };
  bool ok = !name.empty() && name.size() <= 64 && name.front() != '.' && name.front() != '-';
  for (char c : name) ok = ok && safe(c);
  if (!ok) {
    fail_at(node, "name",
            "expected 1 to 64 letters, digits, '_', '-' or '.' (not first), found '" + name + "'");
  }
}

void decode_source(const yaml::Node& node, SourceSpec& source) {
  const MappingReader reader(node, "source", {"deployment", "data", "date", "licence", "notes"});
  reader.read_text("deployment", source.deployment);
  reader.read_text("data", source.data);
  reader.read_text("date", source.date);
  reader.read_text("licence", source.licence);
  reader.read_text("notes", source.notes);
}

void decode_simulation(const yaml::Node& node, SimulationSpec& simulation) {
  const MappingReader reader(node, "simulation", {"step", "duration", "warmup", "seed", "threads"});
  reader.read_quantity("step", Dimension::kDuration, kStep, simulation.step);
  reader.read_quantity("duration", Dimension::kDuration, kDuration, simulation.duration);
  reader.read_quantity("warmup", Dimension::kDuration, kTimeOfRun, simulation.warmup);
  reader.read_count("seed", 0, std::numeric_limits<std::uint64_t>::max(), simulation.seed);
  reader.read_count("threads", 0, kMaxThreads, simulation.threads);

  const yaml::Node* duration = reader.value("duration");
  if (simulation.step > simulation.duration) {
    fail_at(duration ? *duration : node, duration ? "simulation.duration" : "simulation",
            "duration (" + format_seconds(simulation.duration) + ") is shorter than one step (" +
                format_seconds(simulation.step) + ")");
  }
  if (simulation.warmup >= simulation.duration) {
    const yaml::Node* warmup = reader.value("warmup");
    fail_at(warmup ? *warmup : node, warmup ? "simulation.warmup" : "simulation",
            "warmup (" + format_seconds(simulation.warmup) + ") must be shorter than duration (" +
                format_seconds(simulation.duration) + ")");
  }
}

void decode_fixed_time(const yaml::Node& node, FixedTimePlanSpec& plan) {
  const MappingReader reader(node, "signals.fixed_time",
                             {"cycle", "green", "amber", "all_red", "offset"});
  reader.read_quantity("cycle", Dimension::kDuration, kCycle, plan.cycle);
  reader.read_quantity("green", Dimension::kDuration, kGreen, plan.green);
  reader.read_quantity("amber", Dimension::kDuration, kClearance, plan.amber);
  reader.read_quantity("all_red", Dimension::kDuration, kClearance, plan.all_red);
  reader.read_quantity("offset", Dimension::kDuration, kOffset, plan.offset);
  if (plan.cycle <= 0.0) return;  // cycle derived from the stages: nothing to fit
  const double stage = plan.green + plan.amber + plan.all_red;
  if (stage > plan.cycle) {
    const yaml::Node* green = reader.value("green");
    fail_at(green ? *green : node, green ? "signals.fixed_time.green" : "signals.fixed_time",
            "a stage (green " + format_seconds(plan.green) + " + amber " +
                format_seconds(plan.amber) + " + all_red " + format_seconds(plan.all_red) + " = " +
                format_seconds(stage) + ") does not fit in the cycle (" +
                format_seconds(plan.cycle) + ")");
  }
  if (plan.offset >= plan.cycle) {
    fail_at(*reader.value("offset"), "signals.fixed_time.offset",
            "offset (" + format_seconds(plan.offset) + ") must be shorter than the cycle (" +
                format_seconds(plan.cycle) + ")");
  }
}

void decode_signals(const yaml::Node& node, SignalsSpec& signals) {
  const MappingReader reader(node, "signals", {"control", "fixed_time"});
  reader.read_choice("control",
                     {std::pair{std::string_view("fixed_time"), SignalControl::kFixedTime},
                      std::pair{std::string_view("from_network"), SignalControl::kFromNetwork}},
                     signals.control);
  if (const yaml::Node* plan = reader.value("fixed_time"))
    decode_fixed_time(*plan, signals.fixed_time);
}

void decode_routing(const yaml::Node& node, const SimulationSpec& simulation,
                    RoutingSpec& routing) {
  const MappingReader reader(node, "routing", {"reroute_interval"});
  reader.read_quantity("reroute_interval", Dimension::kDuration, kRerouteInterval,
                       routing.reroute_interval);
  if (const yaml::Node* interval = reader.value("reroute_interval");
      interval != nullptr && routing.reroute_interval > 0.0 &&
      routing.reroute_interval < simulation.step) {
    fail_at(*interval, "routing.reroute_interval",
            "interval (" + format_seconds(routing.reroute_interval) +
                ") is shorter than one step (" + format_seconds(simulation.step) + ")");
  }
}

void decode_outputs(const yaml::Node& node, const SimulationSpec& simulation,
                    OutputsSpec& outputs) {
  const MappingReader reader(node, "outputs",
                             {"directory", "interval", "timeseries", "trips", "tripinfo"});
  reader.read_path("directory", false, outputs.directory);
  reader.read_quantity("interval", Dimension::kDuration, kInterval, outputs.interval);
  reader.read_bool("timeseries", outputs.timeseries);
  reader.read_bool("trips", outputs.trips);
  reader.read_bool("tripinfo", outputs.tripinfo);
  if (const yaml::Node* interval = reader.value("interval");
      interval != nullptr && outputs.interval < simulation.step) {
    fail_at(*interval, "outputs.interval",
            "interval (" + format_seconds(outputs.interval) + ") is shorter than one step (" +
                format_seconds(simulation.step) + ")");
  }
}

}  // namespace

std::string format_seconds(double seconds) {
  char text[64];
  std::snprintf(text, sizeof text, "%.6g s", seconds);
  return text;
}

void decode_scenario(const yaml::Node& root, Scenario& scenario) {
  const MappingReader reader(root, "",
                             {"name", "description", "source", "simulation", "network", "demand",
                              "signals", "routing", "outputs"});
  const yaml::Node& name = reader.require("name");
  scenario.name = scalar_text(name, "name", "a text");
  check_name(name, scenario.name);
  reader.read_text("description", scenario.description);
  if (const yaml::Node* node = reader.value("source")) decode_source(*node, scenario.source);
  if (const yaml::Node* node = reader.value("simulation")) {
    decode_simulation(*node, scenario.simulation);
  }
  if (const yaml::Node* node = reader.value("network")) decode_network(*node, scenario.network);
  if (const yaml::Node* node = reader.value("demand")) {
    decode_demand(*node, scenario.simulation, scenario.demand);
  }
  if (const yaml::Node* node = reader.value("signals")) decode_signals(*node, scenario.signals);
  if (const yaml::Node* node = reader.value("routing")) {
    decode_routing(*node, scenario.simulation, scenario.routing);
  }
  if (const yaml::Node* node = reader.value("outputs")) {
    decode_outputs(*node, scenario.simulation, scenario.outputs);
  }
}

}  // namespace citytwin::scenario_detail
