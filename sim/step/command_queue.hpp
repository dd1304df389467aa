#pragma once
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace citytwin {

class World;

// A change asked for from outside the simulation (dashboard what-if knob, script): applied by the
// world between two steps, never during one, in the order pushed.
struct Command {
  std::string description;  // shown in logs, e.g. "demand scale = 1.5"
  std::function<void(World&)> apply;
};

// Thread-safe: the UI thread pushes, the simulation thread drains.
class CommandQueue {
 public:
  void push(Command command);
  // Moves every pending command out, in push order.
  std::vector<Command> drain();

 private:
  std::mutex mutex_;
  std::vector<Command> pending_;
};

}  // namespace citytwin
