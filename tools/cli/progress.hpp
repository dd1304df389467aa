#pragma once
#include <chrono>
#include <cstdio>

namespace citytwin::cli {

// Reports run progress: a bar redrawn in place on a terminal, plain lines every 10 % otherwise
// (logs and CI output stay readable). Cheap to call every step: it redraws at most ~10 times a
// second.
class Progress {
 public:
  Progress(std::FILE* stream, double total_seconds, bool enabled);
  void update(double sim_seconds, long long steps);
  void finish(double sim_seconds, long long steps);

 private:
  void draw(double sim_seconds, long long steps, bool final_line);

  std::FILE* stream_;
  double total_;
  bool enabled_;
  bool terminal_;
  int last_decile_ = -1;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace citytwin::cli
