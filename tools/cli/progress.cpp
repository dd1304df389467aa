#include "tools/cli/progress.hpp"

#include <unistd.h>

#include <algorithm>

namespace citytwin::cli {

Progress::Progress(std::FILE* stream, double total_seconds, bool enabled)
    : stream_(stream),
      total_(total_seconds),
      enabled_(enabled),
      terminal_(::isatty(::fileno(stream)) == 1),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void Progress::update(double sim_seconds, long long steps) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (terminal_) {
    if (now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    draw(sim_seconds, steps, false);
    return;
  }
  const int decile = total_ > 0 ? static_cast<int>(10.0 * sim_seconds / total_) : 10;
  if (decile != last_decile_ && decile < 10) {
    last_decile_ = decile;
    draw(sim_seconds, steps, false);
  }
}

void Progress::finish(double sim_seconds, long long steps) {
  if (!enabled_) return;
  draw(sim_seconds, steps, true);
}

void Progress::draw(double sim_seconds, long long steps, bool final_line) {
  const double fraction = total_ > 0 ? std::clamp(sim_seconds / total_, 0.0, 1.0) : 1.0;
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = wall > 0 ? static_cast<double>(steps) / wall : 0.0;
  if (terminal_) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    char bar[kWidth + 1];
    for (int i = 0; i < kWidth; ++i) bar[i] = i < filled ? '#' : '.';
    bar[kWidth] = '\0';
    std::fprintf(stream_, "\r[%s] %3.0f%%  t = %.0f / %.0f s  %.0f steps/s  %.1f s wall%s", bar,
                 100.0 * fraction, sim_seconds, total_, rate, wall, final_line ? "\n" : "");
  } else {
    std::fprintf(stream_, "progress: %3.0f%%  t = %.0f / %.0f s  %.0f steps/s  %.1f s wall\n",
                 100.0 * fraction, sim_seconds, total_, rate, wall);
  }
  std::fflush(stream_);
}

}  // namespace citytwin::cli
