#include "tools/cli/png_write_queue.hpp"

#include <algorithm>

#include "render/vulkan/png_writer.hpp"

namespace citytwin::cli {

PngWriteQueue::PngWriteQueue(std::size_t max_pending)
    : max_pending_(std::max<std::size_t>(max_pending, 1)), worker_([this] { work(); }) {}

PngWriteQueue::~PngWriteQueue() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
    jobs_.clear();
  }
  changed_.notify_all();
  worker_.join();
}

void PngWriteQueue::rethrow_failure() {
  if (failure_) {
    std::exception_ptr failure = failure_;
    failure_ = nullptr;
    std::rethrow_exception(failure);
  }
}

void PngWriteQueue::push(std::filesystem::path path, std::vector<std::uint8_t> rgba,
                         std::uint32_t width, std::uint32_t height) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return jobs_.size() < max_pending_ || failure_; });
  rethrow_failure();
  jobs_.push_back({std::move(path), std::move(rgba), width, height});
  changed_.notify_all();
}

void PngWriteQueue::finish() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return (jobs_.empty() && !busy_) || failure_; });
  rethrow_failure();
}

void PngWriteQueue::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
    if (stop_) return;
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    busy_ = true;
    changed_.notify_all();  // room for the next push
    lock.unlock();
    std::exception_ptr failure;
    try {
      render::write_png(job.path, job.rgba, job.width, job.height);
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    busy_ = false;
    if (failure && !failure_) {
      failure_ = failure;
      jobs_.clear();  // later frames would fail the same way; report the first
    }
    changed_.notify_all();
  }
}

}  // namespace citytwin::cli
