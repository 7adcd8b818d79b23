// The CLI's operator new and delete, on mimalloc, throwing std::bad_alloc when memory runs out.
// Debian's mimalloc is built as C: its own operator new aborts the process when it finds no
// memory, and it cannot see a new-handler. Replacing the operators in the executable (every
// library of the process binds to them) keeps the C++ contract, so that a batch job that runs
// out of memory is recorded as failed and the run goes on.
#include "allocator.hpp"

#ifdef ZONEPATH_MIMALLOC

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>

#include <mimalloc.h>
#include <sys/mman.h>

namespace {

// Address space held back for the unwinding that follows a failed allocation. Destructors may
// allocate (nlohmann's json frees a large document through a vector of its children), and an
// allocation that fails while an exception unwinds ends the process. The first failure
// unmaps the reserve and throws, so the cleanup has room; the next large allocation that
// succeeds takes it again. It only reserves addresses (PROT_NONE): no memory, no page.
class UnwindReserve {
public:
  void take() {
    if (block_.load(std::memory_order_relaxed) != nullptr) return;
    void* p = mmap(nullptr, kBytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return; // still short of memory: the next large allocation tries again
    void* none = nullptr;
    if (!block_.compare_exchange_strong(none, p)) munmap(p, kBytes);
  }
  void give_back() {
    if (void* p = block_.exchange(nullptr)) munmap(p, kBytes);
  }

private:
  static constexpr std::size_t kBytes = std::size_t{64} << 20;
  std::atomic<void*> block_{nullptr};
};

UnwindReserve& unwind_reserve() {
  static UnwindReserve reserve;
  return reserve;
}

constexpr std::size_t kLarge = std::size_t{1} << 20;

// mimalloc's large_os_pages option marks its segments for huge pages, but a block too large for
// a segment (a graph's edge array, simdjson's tape of a large file) gets a mapping of its own,
// unmarked, in 4 KiB pages: validating a 1,000,000-asset site took 81,000 page faults, 11,000
// once such blocks are marked here, before anything touches them.
std::atomic<bool> advise_huge_pages{false};
constexpr std::size_t kHugePage = std::size_t{2} << 20;
constexpr std::size_t kAdviseFrom = 2 * kHugePage;

void advise(void* p, std::size_t n) {
  if (n < kAdviseFrom || !advise_huge_pages.load(std::memory_order_relaxed)) return;
  const auto begin = (reinterpret_cast<std::uintptr_t>(p) + kHugePage - 1) & ~(kHugePage - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(p) + n) & ~(kHugePage - 1);
  if (end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

void* unchecked(void* p, std::size_t n) noexcept {
  if (p != nullptr) advise(p, n);
  return p;
}

void* checked(void* p, std::size_t n) {
  if (p == nullptr) {
    unwind_reserve().give_back();
    throw std::bad_alloc();
  }
  if (n >= kLarge) {
    unwind_reserve().take(); // one relaxed load while the reserve is held
    advise(p, n);
  }
  return p;
}

void* allocate(std::size_t n) {
  return checked(mi_new_nothrow(n), n);
}

void* allocate_aligned(std::size_t n, std::align_val_t al) {
  return checked(mi_new_aligned_nothrow(n, static_cast<std::size_t>(al)), n);
}

} // namespace

namespace zonepath::cli {
void hold_unwind_reserve() {
  unwind_reserve().take();
}
void advise_huge_pages_for_large_blocks() {
  advise_huge_pages.store(true, std::memory_order_relaxed);
}
} // namespace zonepath::cli

void* operator new(std::size_t n) {
  return allocate(n);
}
void* operator new[](std::size_t n) {
  return allocate(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  return unchecked(mi_new_nothrow(n), n);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  return unchecked(mi_new_nothrow(n), n);
}
void* operator new(std::size_t n, std::align_val_t al) {
  return allocate_aligned(n, al);
}
void* operator new[](std::size_t n, std::align_val_t al) {
  return allocate_aligned(n, al);
}
void* operator new(std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
  return unchecked(mi_new_aligned_nothrow(n, static_cast<std::size_t>(al)), n);
}
void* operator new[](std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
  return unchecked(mi_new_aligned_nothrow(n, static_cast<std::size_t>(al)), n);
}

void operator delete(void* p) noexcept {
  mi_free(p);
}
void operator delete[](void* p) noexcept {
  mi_free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  mi_free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  mi_free(p);
}
void operator delete(void* p, std::size_t n) noexcept {
  mi_free_size(p, n);
}
void operator delete[](void* p, std::size_t n) noexcept {
  mi_free_size(p, n);
}
void operator delete(void* p, std::align_val_t al) noexcept {
  mi_free_aligned(p, static_cast<std::size_t>(al));
}
void operator delete[](void* p, std::align_val_t al) noexcept {
  mi_free_aligned(p, static_cast<std::size_t>(al));
}
void operator delete(void* p, std::align_val_t al, const std::nothrow_t&) noexcept {
  mi_free_aligned(p, static_cast<std::size_t>(al));
}
void operator delete[](void* p, std::align_val_t al, const std::nothrow_t&) noexcept {
  mi_free_aligned(p, static_cast<std::size_t>(al));
}
void operator delete(void* p, std::size_t n, std::align_val_t al) noexcept {
  mi_free_size_aligned(p, n, static_cast<std::size_t>(al));
}
void operator delete[](void* p, std::size_t n, std::align_val_t al) noexcept {
  mi_free_size_aligned(p, n, static_cast<std::size_t>(al));
}

#else

namespace zonepath::cli {
void hold_unwind_reserve() {}
void advise_huge_pages_for_large_blocks() {}
} // namespace zonepath::cli

#endif
