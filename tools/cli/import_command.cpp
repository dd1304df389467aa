#include "tools/cli/import_command.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

#include "agents/families.hpp"
#include "sim/io/importers.hpp"
#include "sim/network/network_builder.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "tools/cli/exit_codes.hpp"
#include "tools/cli/import_report_print.hpp"

namespace citytwin::cli {
namespace {

namespace fs = std::filesystem;

class ImportUsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A scenario name the loader accepts: letters, digits, '_', '-', '.', not starting with '.'.
std::string scenario_name(const ImportOptions& options) {
  std::string raw = options.name.empty() ? options.output.stem().string() : options.name;
  std::string name;
  for (const char c : raw) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    name += ok ? c : '_';
  }
  if (name.empty() || name.front() == '.') name = "imported" + name;
  return name.substr(0, 64);
}

// Double-quoted YAML scalar.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// A number as written in fixed notation with every digit it needs to read back the same (a stream's
// default 6 significant digits turned --duration 1234567.5 into 1.23457e+06 s).
std::string exact_number(double value) {
  std::array<char, 400> buffer{};
  const auto result =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed);
  return std::string(buffer.data(), result.ptr);
}

// Single-quoted shell word.
std::string shell_word(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

const char* format_name(ImportFormat f) {
  switch (f) {
    case ImportFormat::kSumo:
      return "sumo";
    case ImportFormat::kCityFlow:
      return "cityflow";
    case ImportFormat::kOsm:
      return "osm";
  }
  return "sumo";
}

void require_file(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    throw ImportUsageError(file.string() + ": error: no such file");
  }
}

// The last `count` lines of a text file (netconvert's log), for an error message.
std::string last_lines(const fs::path& file, std::size_t count) {
  std::ifstream in(file);
  std::deque<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
    if (lines.size() > count) lines.pop_front();
  }
  std::string text;
  for (const auto& line : lines) text += "  " + line + "\n";
  return text;
}

// A private folder under the system's temporary directory, removed with everything in it.
class ScratchFolder {
 public:
  ScratchFolder() {
    path_ = fs::temp_directory_path() / ("citytwin-import-" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  ~ScratchFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// OSM goes through SUMO's netconvert; its .net.xml is then imported like any SUMO network.
fs::path convert_osm(const fs::path& osm, const fs::path& net_out) {
  if (std::system("command -v netconvert > /dev/null 2>&1") != 0) {
    throw ImportUsageError(osm.string() +
                           ": error: importing OSM needs SUMO's netconvert, which is not on "
                           "PATH (Debian: apt-get install sumo)");
  }
  // netconvert reads its OSM type map from $SUMO_HOME/data/typemap: without SUMO_HOME (set only in
  // login shells by Debian's /etc/profile.d/sumo.sh) it falls back to a built-in map that Debian's
  // netconvert 1.15 cannot parse, and every OSM conversion fails. Point it at the installed data.
  std::string environment;
  const char* sumo_home = std::getenv("SUMO_HOME");
  if (sumo_home == nullptr || *sumo_home == '\0') {
    for (const char* candidate : {"/usr/share/sumo", "/usr/local/share/sumo"}) {
      std::error_code ec;
      if (fs::is_regular_file(fs::path(candidate) / "data" / "typemap" / "osmNetconvert.typ.xml",
                              ec)) {
        environment = "SUMO_HOME=" + shell_word(candidate) + " ";
        break;
      }
    }
  }
  const std::string log = net_out.string() + ".netconvert.log";
  const std::string command = environment + "netconvert --osm-files " + shell_word(osm.string()) +
                              " --output-file " + shell_word(net_out.string()) +
                              " --tls.guess-signals true --tls.default-type static"
                              " --geometry.remove --junctions.join --no-turnarounds true > " +
                              shell_word(log) + " 2>&1";
  if (std::system(command.c_str()) != 0) {
    throw ImportUsageError(osm.string() + ": error: netconvert could not convert it:\n" +
                           last_lines(log, 12));
  }
  return net_out;
}

std::string scenario_yaml(const ImportOptions& options, const std::string& name,
                          const fs::path& network_rel, const std::vector<fs::path>& demand_rel,
                          const ImportReport& report) {
  const bool cityflow = options.format == ImportFormat::kCityFlow;
  std::ostringstream y;
  y << "# Written by `citytwin import " << format_name(options.format) << "`. Paths are relative "
    << "to this file.\n";
  y << "name: " << name << "\n";
  y << "description: " << quoted("Imported from " + options.network.filename().string()) << "\n";
  y << "source:\n";
  y << "  data: " << quoted(options.network.string()) << "\n";
  y << "  notes: "
    << quoted(std::to_string(report.skipped.size()) + " kinds of element skipped, " +
              std::to_string(report.approximated.size()) +
              " approximations (printed by citytwin import)")
    << "\n";
  y << "simulation:\n  duration: " << exact_number(options.duration) << " s\n";
  y << "network:\n  format: " << (cityflow ? "cityflow" : "sumo") << "\n";
  y << "  file: " << quoted(network_rel.generic_string()) << "\n";
  if (!demand_rel.empty()) {
    y << "demand:\n  files:\n";
    for (const auto& f : demand_rel) y << "    - " << quoted(f.generic_string()) << "\n";
  }
  y << "signals:\n  control: from_network\n";
  if (!cityflow && !demand_rel.empty()) {
    // SUMO routes a <trip> or <flow> without a route when it inserts it, on its edges' speeds
    // of the last minutes (the rerouting device); a <route> it names is driven as given either
    // way.
    y << "routing:\n  departures: current_times\n";
  }
  return y.str();
}

int import_files(const ImportOptions& options) {
  const auto ext = options.output.extension();
  if (ext != ".yaml" && ext != ".yml") {
    throw ImportUsageError(options.output.string() + ": error: -o must name a .yaml file");
  }
  require_file(options.network);
  for (const auto& f : options.demand) require_file(f);

  const std::string name = scenario_name(options);
  const fs::path out_dir = fs::absolute(options.output).parent_path();
  const fs::path data_dir = out_dir / (name + "_data");

  // Import the sources once, before anything is written: a bad file fails now, with its location,
  // and leaves neither a data folder nor a half-updated earlier import behind.
  std::optional<ScratchFolder> scratch;
  fs::path network_source = options.network;
  if (options.format == ImportFormat::kOsm) {
    scratch.emplace();
    network_source = convert_osm(options.network, scratch->path() / (name + ".net.xml"));
  }
  ImportReport report;
  const Network network = options.format == ImportFormat::kCityFlow
                              ? import_cityflow_roadnet(network_source, report)
                              : import_sumo_network(network_source, report);
  DemandSpec demand;
  for (const auto& f : options.demand) {
    if (options.format == ImportFormat::kCityFlow) {
      import_cityflow_flow(f, network, demand, report, options.duration);
    } else {
      // The counts reported here are those of a run with the written scenario's seed (the
      // default: the scenario written leaves it out).
      import_sumo_routes(f, network, SimulationSpec{}.seed, demand, report);
    }
  }

  // Copy what was imported into the data folder (a file already there as itself stays).
  fs::create_directories(data_dir);
  const auto copy_in = [&data_dir](const fs::path& source, const fs::path& filename) {
    const fs::path copy = data_dir / filename;
    if (!fs::exists(copy) || !fs::equivalent(copy, source)) {
      fs::copy_file(source, copy, fs::copy_options::overwrite_existing);
    }
    return copy;
  };
  // Files of the same name from different folders get distinct copies ("2_flow.json", ...).
  std::set<fs::path> used;
  const auto unique_name = [&used](const fs::path& filename) {
    fs::path name = filename;
    for (int n = 2; used.contains(name); ++n) name = std::to_string(n) + "_" + filename.string();
    used.insert(name);
    return name;
  };
  const fs::path network_file = copy_in(network_source, unique_name(network_source.filename()));
  std::vector<fs::path> demand_files;
  for (const auto& f : options.demand) {
    demand_files.push_back(copy_in(f, unique_name(f.filename())));
  }

  std::vector<fs::path> demand_rel;
  for (const auto& f : demand_files) demand_rel.push_back(fs::relative(f, out_dir));
  write_file_atomically(
      fs::absolute(options.output),
      scenario_yaml(options, name, fs::relative(network_file, out_dir), demand_rel, report));
  // The scenario must load as written.
  load_scenario(fs::absolute(options.output));
  print_import_report(stdout, report);
  std::printf("scenario: %s\n", options.output.string().c_str());
  return kExitOk;
}

}  // namespace

int import_command(const ImportOptions& options) {
  try {
    return import_files(options);
  } catch (const ImportError& e) {
    std::fprintf(stderr, "%s\n", e.what());
  } catch (const NetworkError& e) {
    std::fprintf(stderr, "%s: error: %s\n", options.network.string().c_str(), e.what());
  } catch (const ImportUsageError& e) {
    std::fprintf(stderr, "%s\n", e.what());
  } catch (const ScenarioError& e) {
    std::fprintf(stderr, "%s\n", e.what());
  } catch (const fs::filesystem_error& e) {
    std::fprintf(stderr, "citytwin import: error: %s\n", e.what());
  }
  return kExitBadInput;
}

}  // namespace citytwin::cli
