#include "sim/core/state_hasher.hpp"

#include <cstdio>
#include <new>
#include <string>

namespace citytwin {

StateHasher::StateHasher() : state_(XXH3_createState()) {
  if (state_ == nullptr) throw std::bad_alloc();
  XXH3_64bits_reset(state_);
}

StateHasher::~StateHasher() {
  XXH3_freeState(state_);
}

void StateHasher::add_bytes(const void* data, std::size_t size) {
  XXH3_64bits_update(state_, data, size);
}

std::uint64_t StateHasher::digest() const {
  return XXH3_64bits_digest(state_);
}

std::string to_hex(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

}  // namespace citytwin
