// Top-level keys and the kernel's small sections: source, simulation, outputs; then the
// families' sections.
#include <cstdio>
#include <iterator>
#include <limits>
#include <vector>

#include "sim/scenario/decode.hpp"
#include "sim/scenario/decode_context.hpp"

namespace citytwin::scenario_detail {
namespace {

constexpr Bounds kStep{0.001, 60.0, true, "between 1 ms and 60 s"};
constexpr Bounds kDuration{0.0, kMaxDurationSeconds, false,
                           "greater than 0 s and at most 720 h (30 days)"};
constexpr Bounds kTimeOfRun{0.0, kMaxDurationSeconds, true, "between 0 s and 720 h (30 days)"};
constexpr Bounds kInterval{0.001, kMaxDurationSeconds, true, "between 1 ms and 720 h (30 days)"};
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

namespace {

// The kernel's top-level sections, in the order they are decoded.
constexpr std::string_view kKernelSectionKeys[] = {"name",    "description", "source", "simulation",
                                                   "network", "demand",      "outputs"};
constexpr std::string_view kKernelKeys[] = {"name",       "description", "source",
                                            "simulation", "network",     "demand",
                                            "outputs",    "include",     "variants"};

}  // namespace

std::span<const std::string_view> kernel_scenario_keys() {
  return kKernelKeys;
}

void decode_scenario(const yaml::Node& root, const FamilyRegistry& families, Scenario& scenario) {
  std::vector<std::string_view> known(std::begin(kKernelSectionKeys), std::end(kKernelSectionKeys));
  const std::vector<std::string_view> family_keys = families.section_keys();
  known.insert(known.end(), family_keys.begin(), family_keys.end());
  const MappingReader reader(root, "", known);
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
  if (const yaml::Node* node = reader.value("outputs")) {
    decode_outputs(*node, scenario.simulation, scenario.outputs);
  }
  for (const FamilyRegistration& family : families.families()) {
    for (const ScenarioSectionRegistration& section : family.sections) {
      section.decode(reader.value(section.key), scenario);
    }
  }
}

}  // namespace citytwin::scenario_detail
