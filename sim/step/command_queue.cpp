#include "sim/step/command_queue.hpp"

namespace citytwin {

void CommandQueue::push(Command command) {
  std::lock_guard lock(mutex_);
  pending_.push_back(std::move(command));
}

std::vector<Command> CommandQueue::drain() {
  std::lock_guard lock(mutex_);
  std::vector<Command> out;
  out.swap(pending_);
  return out;
}

}  // namespace citytwin
