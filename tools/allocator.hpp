// The CLI's memory allocator: which one the build links, and its settings, applied before the
// command allocates anything large.
#pragma once

#include <string>

namespace zonepath::cli {

// With mimalloc: backs its memory segments with transparent huge pages (madvise), unless the
// user decided with MIMALLOC_LARGE_OS_PAGES. Loading a large site or graph touches gigabytes
// of fresh memory; in 2 MiB pages that is 512x fewer page faults and TLB misses
// (docs/performance.md, "Allocator"). No effect with another allocator.
void configure_allocator();

// With mimalloc: sets aside 64 MiB of address space that the first failed allocation gives
// back, so that the destructors run while std::bad_alloc unwinds can still allocate
// (tools/operator_new.cpp). Called by configure_allocator.
void hold_unwind_reserve();

// With mimalloc: marks every block of 4 MiB or more for transparent huge pages as it is
// allocated (tools/operator_new.cpp). Called by configure_allocator when huge pages are on.
void advise_huge_pages_for_large_blocks();

// With mimalloc: reserves address space the size of physical memory as an arena, from which
// large blocks are carved and to which they return when freed, so that the next block reuses
// pages already mapped instead of fresh ones the kernel must zero. Called by the commands that
// build and simulate one attack graph after another (per threat actor, scenario or design):
// analyzing the 100,000-asset site freed and mapped again 9 GB, and zeroing those pages took
// a seventh of its time. Not for one-graph commands (`paths`, `validate`): there the site's
// document is returned to the system before the graph is built, which keeps their peak lower.
// Nothing happens when the user set MIMALLOC_RESERVE_OS_MEMORY or the address space is limited
// (ulimit -v), nor with another allocator.
void reuse_freed_memory();

// What --version reports: "mimalloc 2.0.9, transparent huge pages", "tbbmalloc", "system".
std::string allocator_description();

} // namespace zonepath::cli
