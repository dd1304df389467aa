#include "sim/step/executor.hpp"

#include <thread>

namespace citytwin {
namespace {
unsigned resolve(unsigned threads) {
  if (threads != 0) return threads;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : hw;
}
}  // namespace

Executor::Executor(unsigned threads)
    : threads_(resolve(threads)),
      allow_oversubscription_(static_cast<int>(threads_) > tbb::this_task_arena::max_concurrency()
                                  ? std::make_unique<tbb::global_control>(
                                        tbb::global_control::max_allowed_parallelism, threads_)
                                  : nullptr),
      arena_(static_cast<int>(threads_)) {}

}  // namespace citytwin
