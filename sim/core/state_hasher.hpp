#pragma once
#include <xxhash.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

namespace citytwin {

// Streaming 64-bit hash (XXH3) of simulation state, fed field by field. Two worlds with the same
// hash after N steps are, for all practical purposes, bit-identical.
class StateHasher {
 public:
  StateHasher();
  ~StateHasher();
  StateHasher(const StateHasher&) = delete;
  StateHasher& operator=(const StateHasher&) = delete;

  void add_bytes(const void* data, std::size_t size);

  template <class T>
  requires std::is_trivially_copyable_v<T>
  void add(const T& value) { add_bytes(&value, sizeof(T)); }

  template <class T>
  requires std::is_trivially_copyable_v<T>
  void add(std::span<const T> values) {
    add(values.size());
    add_bytes(values.data(), values.size_bytes());
  }

  void add(std::string_view text) {
    add(text.size());
    add_bytes(text.data(), text.size());
  }

  std::uint64_t digest() const;

 private:
  XXH3_state_t* state_;
};

// Hex form used in summaries ("0123abcd...", 16 digits).
std::string to_hex(std::uint64_t value);

}  // namespace citytwin
