#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

namespace citytwin::cli {

// Encodes and writes PNG files (atomically) on one worker thread, so a frame sequence does not
// wait ~100 ms per frame for stb's encoder while the simulation could be stepping. At most
// `max_pending` images wait (each is width * height * 4 bytes); push() blocks beyond that.
// Files are written in push order. A failed write is rethrown by the next push() or finish().
class PngWriteQueue {
 public:
  explicit PngWriteQueue(std::size_t max_pending = 2);
  ~PngWriteQueue();  // drops what is still queued (finish() writes it)
  PngWriteQueue(const PngWriteQueue&) = delete;
  PngWriteQueue& operator=(const PngWriteQueue&) = delete;

  void push(std::filesystem::path path, std::vector<std::uint8_t> rgba, std::uint32_t width,
            std::uint32_t height);
  // Waits until everything pushed is written; throws the first failure (OutputError, ...).
  void finish();

 private:
  struct Job {
    std::filesystem::path path;
    std::vector<std::uint8_t> rgba;
    std::uint32_t width = 0;
    std::uint32_t height = 0;
  };
  void work();
  void rethrow_failure();  // with mutex_ held

  const std::size_t max_pending_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> jobs_;
  bool busy_ = false;
  bool stop_ = false;
  std::exception_ptr failure_;
  std::thread worker_;
};

}  // namespace citytwin::cli
