#include "tools/cli/import_report_print.hpp"

namespace citytwin::cli {

void print_import_report(std::FILE* out, const ImportReport& report) {
  std::fprintf(out,
               "imported: %zu nodes, %zu links, %zu lanes, %zu connections, %zu signal programs, "
               "%zu vehicles\n",
               report.nodes, report.links, report.lanes, report.connections, report.signal_programs,
               report.vehicles);
  for (const auto& line : report.skipped) std::fprintf(out, "skipped: %s\n", line.c_str());
  for (const auto& line : report.approximated) {
    std::fprintf(out, "approximated: %s\n", line.c_str());
  }
}

}  // namespace citytwin::cli
