#pragma once
// Typed resources: the data systems share (signal indications, the vehicles others may read,
// message lists, observation tables, speed advice, junction blockers) lives in the World as typed
// objects. A system obtains a typed handle to each resource it uses when it connects, names those
// handles in its declaration (read or write, per phase), and receives exactly those objects from
// its StepContext while it runs. The pipeline checks conflicts on these objects: the declared
// resource *is* the object the system gets (the FLAME GPU rule for message lists).
//
// The kernel knows no resource type: families define them (agents/contracts/) and the registry
// stores them type-erased, checking the type on every lookup by name.
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeindex>
#include <typeinfo>
#include <utility>
#include <vector>

namespace citytwin {

// A resource that is missing, of another type than asked for, or used without being declared.
class ResourceError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

using ResourceIndex = std::uint32_t;
inline constexpr ResourceIndex kNoResource = std::numeric_limits<ResourceIndex>::max();

// A resource without its type: what declarations and the pipeline's conflict check hold.
struct ResourceId {
  ResourceIndex index = kNoResource;
  bool valid() const { return index != kNoResource; }
  friend bool operator==(ResourceId, ResourceId) = default;
};

// A handle to a resource of type T in one World's Resources (an index, no pointer): cheap to copy,
// meaningless in another world.
template <class T>
struct Resource {
  ResourceIndex index = kNoResource;
  bool valid() const { return index != kNoResource; }
  operator ResourceId() const { return {index}; }  // NOLINT: a typed handle is an id
};

// The registry of a World's shared objects, by name and type.
class Resources {
 public:
  // The resource `name` of type T: created from `args` if nobody created it yet, else the existing
  // one (so a provider and its users may connect in any order). Throws ResourceError when `name`
  // exists with another type.
  template <class T, class... Args>
  Resource<T> obtain(std::string_view name, Args&&... args) {
    if (const ResourceIndex existing = index_of(name); existing != kNoResource) {
      check_type(existing, typeid(T));
      return {existing};
    }
    Entry entry{std::string(name), std::type_index(typeid(T)),
                std::make_shared<T>(std::forward<Args>(args)...), nullptr, false};
    // Message lists gather what a parallel phase emitted once that phase has ended.
    if constexpr (requires(T & t) { t.commit(); }) {
      entry.commit = [](void* object) { static_cast<T*>(object)->commit(); };
    }
    entries_.push_back(std::move(entry));
    return {static_cast<ResourceIndex>(entries_.size() - 1)};
  }

  // The existing resource `name` of type T. Throws ResourceError when it is missing or of
  // another type.
  template <class T>
  Resource<T> find(std::string_view name) const {
    const ResourceIndex index = index_of(name);
    if (index == kNoResource) {
      throw ResourceError("no resource named '" + std::string(name) + "'" + known_names());
    }
    check_type(index, typeid(T));
    return {index};
  }

  template <class T>
  T& get(Resource<T> resource) {
    return *static_cast<T*>(entry(resource).object.get());
  }
  template <class T>
  const T& get(Resource<T> resource) const {
    return *static_cast<const T*>(entry(resource).object.get());
  }

  std::size_t size() const { return entries_.size(); }
  const std::string& name(ResourceId id) const { return entry(id).name; }
  // Whether phases that write this resource must commit it when they end (message lists).
  bool needs_commit(ResourceId id) const { return static_cast<bool>(entry(id).commit); }
  void commit(ResourceId id) {
    if (const auto& commit = entry(id).commit) commit(entry(id).object.get());
  }
  // Whether some system declared that it reads the resource (set by World::start once the
  // pipeline is built): a writer may skip filling what nobody reads, such as ground-truth
  // observations in a world without a controller or sensor that uses them.
  bool has_readers(ResourceId id) const { return entry(id).has_readers; }
  void set_has_readers(ResourceId id, bool value) { entries_.at(id.index).has_readers = value; }

 private:
  struct Entry {
    std::string name;
    std::type_index type;
    std::shared_ptr<void> object;  // deletes through T's destructor
    void (*commit)(void*);
    bool has_readers;
  };

  const Entry& entry(ResourceId id) const {
    if (id.index >= entries_.size()) throw ResourceError("a resource handle of another world");
    return entries_[id.index];
  }
  ResourceIndex index_of(std::string_view name) const;
  void check_type(ResourceIndex index, const std::type_info& asked) const;
  std::string known_names() const;

  std::vector<Entry> entries_;
};

}  // namespace citytwin
