#pragma once
// An allocator for the big per-agent columns: blocks of 2 MiB and more are 2 MiB-aligned and
// advised as transparent huge pages (Linux madvise(MADV_HUGEPAGE); Debian's default THP mode is
// "madvise", so nothing is huge unless asked). A million-vehicle column is 8 MB = 2,048 small
// pages, more than the L2 TLB holds for all columns together; with huge pages the step stops
// paying a page walk per cache miss. Small blocks come from the normal heap. Same values, same
// results: only where the memory sits changes.
#include <cstddef>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace citytwin {

inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;

template <class T>
class HugePageAllocator {
 public:
  using value_type = T;

  HugePageAllocator() noexcept = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHugePageBytes) return static_cast<T*>(::operator new(bytes));
    const std::size_t rounded = (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
    void* p = ::operator new (rounded, std::align_val_t{kHugePageBytes});
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    ::madvise(p, rounded, MADV_HUGEPAGE);  // advice only: failure leaves small pages
#endif
    return static_cast<T*>(p);
  }

  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHugePageBytes) {
      ::operator delete(p);
    } else {
      ::operator delete (p, std::align_val_t{kHugePageBytes});
    }
  }

  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
};

// A vector whose storage is eligible for huge pages once it is large.
template <class T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace citytwin
