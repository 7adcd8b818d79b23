// Internal: the parallel loop over blocks of 64 samples shared by the Monte Carlo entry points.
#pragma once

#include <cstdint>

#include "success_masks.hpp"
#include "zonepath/core/parallel.hpp"

namespace zonepath::detail {

// Calls body(workspace, block) for every block of kLanes samples among `samples` (the last one
// may be partial), in parallel, `workspace` being the calling thread's element of `workspaces`.
// A block is a whole unit of work (grain 1), and even two blocks are worth sharing out.
template <class Workspace, class Body>
void for_each_sample_block(std::uint64_t samples, PerThread<Workspace>& workspaces, const Body& body) {
  ParallelOptions par;
  par.serial_below = 2;
  par.grain = 1;
  parallel_for_range((samples + kLanes - 1) / kLanes,
                     [&](std::size_t begin, std::size_t end) {
                       Workspace& w = workspaces.local();
                       for (std::size_t b = begin; b < end; ++b) body(w, b);
                     },
                     par);
}

} // namespace zonepath::detail
