#pragma once
#include <cstdint>

namespace citytwin {

// Fixed-step simulation clock. Time is derived from the integer step count (never accumulated),
// so it carries no floating-point drift however long the run.
class Clock {
 public:
  explicit Clock(double step_seconds = 1.0) : step_seconds_(step_seconds) {}

  double step_seconds() const { return step_seconds_; }
  std::int64_t step() const { return step_; }
  double now() const { return static_cast<double>(step_) * step_seconds_; }
  // Number of whole steps needed to cover `seconds` (rounded up).
  std::int64_t steps_for(double seconds) const;

  void advance() { ++step_; }
  void reset() { step_ = 0; }

 private:
  double step_seconds_;
  std::int64_t step_ = 0;
};

}  // namespace citytwin
