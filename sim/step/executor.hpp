#pragma once
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <cstddef>
#include <memory>

namespace citytwin {

// Runs a phase kernel over an index range, serially or on a TBB arena of a fixed size.
// Kernels must write only their own slots (or per-worker buffers merged later in id order), so the
// result never depends on the thread count or on how TBB splits the range.
class Executor {
 public:
  // threads == 0: all hardware threads.
  explicit Executor(unsigned threads);

  unsigned threads() const { return threads_; }

  // Runs `f` inside this executor's arena: every parallel_for it issues uses at most threads().
  template <class F>
  void execute(F&& f) {
    if (threads_ == 1) {
      f();
    } else {
      arena_.execute(f);
    }
  }

  // f(begin, end) over blocked ranges of at least `grain` items.
  template <class F>
  void parallel_for(std::size_t n, std::size_t grain, F&& f) const {
    if (n == 0) return;
    if (threads_ == 1 || n <= grain) {
      f(std::size_t{0}, n);
      return;
    }
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain),
                      [&](const tbb::blocked_range<std::size_t>& r) { f(r.begin(), r.end()); });
  }

  // Reduction whose association order depends only on n and grain (never on scheduling):
  // floating-point sums are bit-identical for any thread count, including the serial path.
  template <class T, class Map, class Combine>
  T deterministic_reduce(std::size_t n, std::size_t grain, T identity, Map map,
                         Combine combine) const {
    if (n == 0) return identity;
    return tbb::parallel_deterministic_reduce(
        tbb::blocked_range<std::size_t>(0, n, grain), identity,
        [&](const tbb::blocked_range<std::size_t>& r, T acc) {
          return combine(acc, map(r.begin(), r.end()));
        },
        combine, tbb::simple_partitioner{});
  }

 private:
  unsigned threads_;
  // TBB caps workers at the core count by default; asking for more threads than cores (as the
  // determinism tests do with 8 on 2 cores) raises the cap so the arena really gets them.
  std::unique_ptr<tbb::global_control> allow_oversubscription_;
  tbb::task_arena arena_;
};

}  // namespace citytwin
