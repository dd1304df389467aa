#pragma once
// Report lines for importers: one line per kind of thing skipped or approximated, with a count and
// the first few ids ("3 lanes ... skipped: a, b, c"), so a report stays short on city-sized files.
#include <map>
#include <string>
#include <vector>

namespace citytwin {

inline std::string report_summary(std::size_t count, const std::string& what,
                                  const std::vector<std::string>& ids) {
  constexpr std::size_t kShown = 5;
  std::string line = std::to_string(count) + " " + what + ": ";
  for (std::size_t i = 0; i < ids.size() && i < kShown; ++i) {
    line += (i ? ", " : "") + ids[i];
  }
  if (ids.size() > kShown) line += ", ...";
  return line;
}

class ReportLines {
 public:
  void add(const std::string& what, std::string id) {
    auto& entry = lines_[what];
    ++entry.count;
    if (entry.ids.size() < 6) entry.ids.push_back(std::move(id));
  }
  // Lines in the order of their text, appended to `out`.
  void flush_to(std::vector<std::string>& out) const {
    for (const auto& [what, entry] : lines_) {
      out.push_back(report_summary(entry.count, what, entry.ids));
    }
  }

 private:
  struct Entry {
    std::size_t count = 0;
    std::vector<std::string> ids;  // the first few
  };
  std::map<std::string, Entry> lines_;
};

}  // namespace citytwin
