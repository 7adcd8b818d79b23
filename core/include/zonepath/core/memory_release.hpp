// Giving freed memory back to the system after a large input's parsed document is freed.
//
// The document of a 250 MB site takes about 2.5 GB while the model is read from it and nothing
// afterwards. An allocator that keeps freed memory for reuse (mimalloc, which the CLI links)
// would keep most of it, and the attack graph's large arrays, which get mappings of their own,
// cannot reuse it: the peak would be document and graph together. A program sets the hook to
// its allocator's "return what is free" call; without one (the Python module, tests) nothing
// happens.
#pragma once

#include <cstddef>

namespace zonepath {

using MemoryReleaseHook = void (*)();

// Sets the call release_free_memory makes (nullptr: none). Set once, before any work starts.
void set_memory_release_hook(MemoryReleaseHook hook);

// Calls the hook, if one is set.
void release_free_memory();

// Documents whose text is at least this large call release_free_memory when they are freed
// (smaller ones are not worth the allocator's walk over its free pages).
inline constexpr std::size_t kReleaseAfterDocumentBytes = std::size_t{64} << 20;

} // namespace zonepath
