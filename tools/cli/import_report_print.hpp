#pragma once
#include <cstdio>

#include "sim/io/import_report.hpp"

namespace citytwin::cli {

// One summary line of counts, then every skipped and approximated item, one per line, so nothing
// an importer left out goes unseen.
void print_import_report(std::FILE* out, const ImportReport& report);

}  // namespace citytwin::cli
