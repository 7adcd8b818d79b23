#include "allocator.hpp"

#include <cstdlib>
#include <fstream>

#include "zonepath/core/memory_release.hpp"

#ifdef ZONEPATH_MIMALLOC
#include <mutex>

#include <mimalloc.h>
#include <sys/resource.h>
#include <unistd.h>
#elif defined(ZONEPATH_TBBMALLOC)
#include <oneapi/tbb/scalable_allocator.h>
#elif defined(__GLIBC__)
#include <malloc.h>
#endif

namespace zonepath::cli {

#ifdef ZONEPATH_MIMALLOC
namespace {

// The kernel's transparent huge page mode: "always", "madvise" or "never" (the bracketed word
// of the sysfs file); "" where there is none.
std::string transparent_huge_page_mode() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  std::getline(in, line);
  const auto open = line.find('['), close = line.find(']');
  if (open == std::string::npos || close == std::string::npos || close < open) return "";
  return line.substr(open + 1, close - open - 1);
}

} // namespace
#endif

namespace {

// What the allocator keeps after a large document is freed goes back to the system (see
// zonepath/core/memory_release.hpp).
void return_free_memory() {
#ifdef ZONEPATH_MIMALLOC
  mi_collect(true);
#elif defined(ZONEPATH_TBBMALLOC)
  scalable_allocation_command(TBBMALLOC_CLEAN_ALL_BUFFERS, nullptr);
#elif defined(__GLIBC__)
  malloc_trim(0);
#endif
}

} // namespace

void configure_allocator() {
  set_memory_release_hook(return_free_memory);
#ifdef ZONEPATH_MIMALLOC
  // mimalloc reads its options from the environment at process start; the user's setting wins.
  if (!std::getenv("MIMALLOC_LARGE_OS_PAGES")) mi_option_enable(mi_option_large_os_pages);
  if (mi_option_is_enabled(mi_option_large_os_pages) && transparent_huge_page_mode() == "madvise")
    advise_huge_pages_for_large_blocks();
#endif
  hold_unwind_reserve();
}

void reuse_freed_memory() {
#ifdef ZONEPATH_MIMALLOC
  static std::once_flag once;
  std::call_once(once, [] {
    if (std::getenv("MIMALLOC_RESERVE_OS_MEMORY")) return;
    rlimit address_space{};
    if (getrlimit(RLIMIT_AS, &address_space) != 0 || address_space.rlim_cur != RLIM_INFINITY) return;
    const long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page_size <= 0) return;
    // Committed, so that freed blocks stay mapped (an uncommitted arena gives them back, and
    // the next block's pages are fresh again); the kernel still backs a page only once it is
    // touched. Half the physical memory: a larger commit may be refused, and past the arena
    // blocks come from the system as before.
    const std::size_t bytes = static_cast<std::size_t>(pages) * static_cast<std::size_t>(page_size) / 2;
    (void)mi_reserve_os_memory(bytes, /*commit=*/true, /*allow_large=*/true);
  });
#endif
}

std::string allocator_description() {
#ifdef ZONEPATH_MIMALLOC
  const int v = mi_version();
  std::string out = "mimalloc " + std::to_string(v / 100) + "." + std::to_string(v / 10 % 10) + "." +
                    std::to_string(v % 10);
  const std::string thp = transparent_huge_page_mode();
  if (thp == "always" || (thp == "madvise" && mi_option_is_enabled(mi_option_large_os_pages)))
    return out + ", transparent huge pages";
  return out + ", 4 KiB pages";
#elif defined(ZONEPATH_TBBMALLOC)
  return "tbbmalloc";
#else
  return "system";
#endif
}

} // namespace zonepath::cli
