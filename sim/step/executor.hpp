#pragma once
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <memory>
#include <thread>
#include <vector>

// Debian's libtbb is not built with ThreadSanitizer, so TSan cannot see the synchronisation inside
// TBB's task hand-off and reports races in TBB's own code. Under TSan the executor therefore runs
// the very same blocked ranges on plain std::thread workers (which TSan understands): the TSan
// build then checks that citytwin's kernels are race-free, which is what it is there for.
#if defined(__SANITIZE_THREAD__)
#define CITYTWIN_EXECUTOR_STD_THREADS 1
#endif

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
#ifdef CITYTWIN_EXECUTOR_STD_THREADS
    f();
    return;
#endif
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
#ifdef CITYTWIN_EXECUTOR_STD_THREADS
    run_chunks_on_threads(n, grain, [&](std::size_t b, std::size_t e, std::size_t) { f(b, e); });
    return;
#endif
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain),
                      [&](const tbb::blocked_range<std::size_t>& r) { f(r.begin(), r.end()); });
  }

  // Reduction whose association order depends only on n and grain (never on scheduling):
  // floating-point sums are bit-identical for any thread count, including the serial path.
  template <class T, class Map, class Combine>
  T deterministic_reduce(std::size_t n, std::size_t grain, T identity, Map map,
                         Combine combine) const {
    if (n == 0) return identity;
#ifdef CITYTWIN_EXECUTOR_STD_THREADS
    // Chunks of `grain`, reduced in parallel, combined left to right: deterministic too.
    const std::size_t chunks = (n + grain - 1) / grain;
    std::vector<T> partial(chunks, identity);
    run_chunks_on_threads(n, grain, [&](std::size_t b, std::size_t e, std::size_t chunk) {
      partial[chunk] = map(b, e);
    });
    T result = identity;
    for (const T& p : partial) result = combine(result, p);
    return result;
#endif
    return tbb::parallel_deterministic_reduce(
        tbb::blocked_range<std::size_t>(0, n, grain), identity,
        [&](const tbb::blocked_range<std::size_t>& r, T acc) {
          return combine(acc, map(r.begin(), r.end()));
        },
        combine, tbb::simple_partitioner{});
  }

 private:
  // Runs f(begin, end, chunk index) for every `grain`-sized chunk on up to threads() std::threads.
  template <class F>
  void run_chunks_on_threads(std::size_t n, std::size_t grain, F&& f) const {
    const std::size_t chunks = (n + grain - 1) / grain;
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
      for (std::size_t c = next++; c < chunks; c = next++) {
        f(c * grain, std::min(n, (c + 1) * grain), c);
      }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads_; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
  }

  unsigned threads_;
  // TBB caps workers at the core count by default; asking for more threads than cores (as the
  // determinism tests do with 8 on 2 cores) raises the cap so the arena really gets them.
  std::unique_ptr<tbb::global_control> allow_oversubscription_;
  tbb::task_arena arena_;
};

}  // namespace citytwin
