#include "sim/view/inspection.hpp"

namespace citytwin {

void Inspection::clear() {
  target = {};
  title.clear();
  present = false;
  has_position = false;
  x = y = 0.0f;
  rows.clear();
}

void Inspection::add(std::string section, std::string label, std::string value) {
  rows.push_back({std::move(section), std::move(label), std::move(value)});
}

}  // namespace citytwin
