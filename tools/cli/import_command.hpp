#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace citytwin::cli {

enum class ImportFormat { kSumo, kCityFlow, kOsm };

struct ImportOptions {
  ImportFormat format = ImportFormat::kSumo;
  std::filesystem::path network;              // .net.xml, roadnet.json or .osm
  std::vector<std::filesystem::path> demand;  // --routes (SUMO) or --flow (CityFlow) files
  std::filesystem::path output;               // scenario YAML to write
  std::string name;                           // scenario name; default: output file stem
  double duration = 3600.0;                   // s
};

// `citytwin import sumo|cityflow|osm`: reads the network (and demand) with the importer, copies
// the source files into a data folder beside the output (OSM goes through SUMO's netconvert
// first), and writes a scenario YAML that `citytwin run` accepts as is, with the source plans
// (`signals.control: from_network`). Prints the import report. Exit 0, 2 on bad input.
int import_command(const ImportOptions& options);

}  // namespace citytwin::cli
