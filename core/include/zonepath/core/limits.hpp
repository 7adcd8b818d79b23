// Limits on what one request may ask of the engines, the same for the CLI, the Python module
// and the libraries: the libraries check them at their entry points (LimitError naming the
// option), and the CLI's option ranges use these constants so that --help shows them.
// docs/security.md lists every limit of zonepath and what happens past it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace zonepath {

inline constexpr std::uint64_t kMaxSamples = 100'000'000;   // Monte Carlo samples per run
inline constexpr std::size_t kMaxPaths = 1000;              // k of the k most likely paths
inline constexpr std::size_t kMaxExactUncertainEdges = 200; // exact reach: uncertain edges (--exact-limit)
inline constexpr std::size_t kMaxDiagramPaths = 100;        // paths drawn in one diagram
inline constexpr std::size_t kMaxPlanActions = 10000;       // remediation planner iterations
// Nodes and clusters of a diagram Graphviz lays out: dot's layout grows faster than linearly
// (500 zones: 8 s; 2,500: minutes, and it cannot be interrupted). DOT output has no limit.
inline constexpr std::size_t kMaxDiagramNodes = 1000;
// Distinct techniques on the edges of one attack graph: an edge stores its technique as a
// 16-bit index, 0 for none.
inline constexpr std::size_t kMaxGraphTechniques = 65534;

// Throws LimitError "`what` must be within lo .. hi, got value" unless lo <= value <= hi.
void check_limit(const char* what, std::uint64_t value, std::uint64_t lo, std::uint64_t hi);
// Throws LimitError unless value is a finite number within lo .. hi (NaN and infinities too).
void check_range(const char* what, double value, double lo, double hi);

} // namespace zonepath
