#include "render/dashboards/what_if_panel.hpp"

#include <imgui.h>

#include <cstdio>

namespace citytwin::render {

std::vector<Knob> make_knobs(std::vector<KnobSpec> specs) {
  std::vector<Knob> knobs;
  for (auto& spec : specs) {
    const auto value = static_cast<float>(spec.value);
    knobs.push_back({std::move(spec), value});
  }
  return knobs;
}

void WhatIfLog::add(std::string line) {
  std::lock_guard lock(mutex_);
  lines_.push_back(std::move(line));
  while (lines_.size() > kKept) lines_.pop_front();
}

std::vector<std::string> WhatIfLog::lines() const {
  std::lock_guard lock(mutex_);
  return {lines_.begin(), lines_.end()};
}

namespace {

// The slider or combo of one knob; true when the user settled on a new value this frame.
bool knob_widget(Knob& knob) {
  const KnobSpec& spec = knob.spec;
  if (!spec.is_choice()) {
    ImGui::SliderFloat(spec.label.c_str(), &knob.value, static_cast<float>(spec.min),
                       static_cast<float>(spec.max), spec.format.c_str());
    return ImGui::IsItemDeactivatedAfterEdit();
  }
  int chosen = static_cast<int>(knob.value + 0.5f);
  bool changed = false;
  if (ImGui::BeginCombo(spec.label.c_str(),
                        spec.choices[static_cast<std::size_t>(chosen)].c_str())) {
    for (int i = 0; i < static_cast<int>(spec.choices.size()); ++i) {
      if (ImGui::Selectable(spec.choices[static_cast<std::size_t>(i)].c_str(), i == chosen) &&
          i != chosen) {
        chosen = i;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  knob.value = static_cast<float>(chosen);
  return changed;
}

}  // namespace

void ShowWhatIfPanel(bool* open, const WorldView& view, std::span<Knob> knobs,
                     CommandQueue& commands, WhatIfLog& log) {
  ImGui::SetNextWindowPos(ImVec2(10, 225), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(310, 0), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("What-if", open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  if (knobs.empty()) ImGui::TextDisabled("no knobs for this scenario");
  ImGui::PushItemWidth(150);
  for (Knob& knob : knobs) {
    if (!knob_widget(knob)) continue;
    Command command =
        knob_command(knob.spec, knob.value, [&log](const std::string& why) { log.add(why); });
    char at[48];
    std::snprintf(at, sizeof at, " (asked at %.0f s)", view.time);
    log.add(command.description + at);
    commands.push(std::move(command));
  }
  ImGui::PopItemWidth();
  const auto lines = log.lines();
  if (!lines.empty()) ImGui::Separator();
  for (const auto& line : lines) ImGui::TextWrapped("%s", line.c_str());
  ImGui::End();
}

}  // namespace citytwin::render
