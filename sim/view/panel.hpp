#pragma once
// A dashboard panel a family brings (DESIGN.md principle 8): an immediate-mode function over the
// latest snapshot that turns the user's requests into Commands. The renderer calls it in its
// Dear ImGui frame and knows nothing else of it; the panel reads the snapshot, never live state.
#include <functional>
#include <string>

#include "sim/step/command_queue.hpp"

namespace citytwin {

struct WorldView;

struct Panel {
  std::string title;  // window title, unique among panels
  bool open_at_start = true;
  // `open` is null where a panel cannot be closed (headless pictures).
  std::function<void(bool* open, const WorldView& view, CommandQueue& commands)> show;
};

}  // namespace citytwin
