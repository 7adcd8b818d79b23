#include "zonepath/core/memory_release.hpp"

#include <atomic>

namespace zonepath {

namespace {
std::atomic<MemoryReleaseHook> release_hook{nullptr};
}

void set_memory_release_hook(MemoryReleaseHook hook) {
  release_hook.store(hook);
}

void release_free_memory() {
  if (MemoryReleaseHook hook = release_hook.load()) hook();
}

} // namespace zonepath
