// Reach probability of targets from sources: the one entry point for `zonepath reach` and the
// site analysis. Chooses the exact method (reach_exact.hpp) when the problem is small enough,
// Monte Carlo (monte_carlo.hpp) otherwise, and says which one ran.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/progress.hpp"
#include "zonepath/core/reach_exact.hpp"
#include "zonepath/core/wilson.hpp"

namespace zonepath {

enum class ReachMethod : std::uint8_t {
  Auto,       // exact for every target if each is within the exact limits, else Monte Carlo
  Exact,      // exact or ExactLimitError
  MonteCarlo, // always sampled
};

struct ReachOptions {
  ReachMethod method = ReachMethod::Auto;
  ExactReachOptions exact{};     // limits of the exact method
  std::uint64_t samples = 10000; // Monte Carlo
  std::uint64_t seed = 1;
  const CancelToken* cancel = nullptr; // overrides exact.cancel when set
  // Phases "exact reach" (targets solved) and "Monte Carlo reach" (samples); an exact phase
  // that falls back to Monte Carlo ends where it stood.
  ProgressReporter* progress = nullptr;
};

struct ReachTarget {
  NodeId node = kNoNode;
  double probability = 0.0;
  Interval ci95;          // [p, p] when exact; Wilson 95% when sampled
  std::uint64_t hits = 0; // Monte Carlo only
  ExactReachDetail exact; // exact only
};

struct ReachResult {
  ReachMethod method = ReachMethod::Exact; // Exact or MonteCarlo: what ran
  std::uint64_t samples = 0;               // 0 when exact
  std::uint64_t seed = 0;
  std::vector<ReachTarget> targets; // in the order given
  std::string fallback_reason;      // Auto that fell back to Monte Carlo: why
};

// Throws GraphError on bad ids, AnalysisError on bad options, ExactLimitError (method Exact)
// when the exact method declines, CancelledError when cancelled.
ReachResult reach_probability(const AttackGraph& g, std::span<const NodeId> sources,
                              std::span<const NodeId> targets, const ReachOptions& options = {});

const char* to_string(ReachMethod m); // "auto", "exact", "monte-carlo"

} // namespace zonepath
