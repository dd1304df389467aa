#pragma once
// The scenario sections that families own (a top-level YAML key each, e.g. `signals`), stored
// type-erased so the kernel's Scenario needs no family's types. A family reads its own section
// back with the type it decoded it as.
#include <any>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace citytwin {

class ScenarioSections {
 public:
  // Stores (or replaces) the section under its top-level key.
  template <typename Section>
  void set(std::string key, Section section) {
    sections_[std::move(key)] = std::move(section);
  }

  // The section stored under `key` as `Section`; nullptr when absent. A section stored as
  // another type is a programming error (two families claiming one key): std::logic_error.
  template <typename Section>
  const Section* find(std::string_view key) const {
    const auto it = sections_.find(key);
    if (it == sections_.end()) return nullptr;
    const Section* section = std::any_cast<Section>(&it->second);
    if (section == nullptr) {
      throw std::logic_error("scenario section '" + std::string(key) +
                             "' holds another type than the one asked for");
    }
    return section;
  }

  // The section, or the defaults of `Section` when the scenario was built in code without it
  // (the loader stores every registered section, written or not).
  template <typename Section>
  Section get_or_default(std::string_view key) const {
    const Section* section = find<Section>(key);
    return section != nullptr ? *section : Section{};
  }

  // For code that builds scenarios by hand (tests, importers): the section to fill in,
  // created with its defaults when absent.
  template <typename Section>
  Section& edit(const std::string& key) {
    std::any& slot = sections_[key];
    if (!slot.has_value()) slot = Section{};
    Section* section = std::any_cast<Section>(&slot);
    if (section == nullptr) {
      throw std::logic_error("scenario section '" + key +
                             "' holds another type than the one asked for");
    }
    return *section;
  }

  bool contains(std::string_view key) const { return sections_.find(key) != sections_.end(); }
  std::size_t size() const { return sections_.size(); }

 private:
  std::map<std::string, std::any, std::less<>> sections_;
};

}  // namespace citytwin
