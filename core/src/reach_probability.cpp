#include "zonepath/core/reach_probability.hpp"

#include "zonepath/core/monte_carlo.hpp"

namespace zonepath {

const char* to_string(ReachMethod m) {
  switch (m) {
  case ReachMethod::Auto:
    return "auto";
  case ReachMethod::Exact:
    return "exact";
  case ReachMethod::MonteCarlo:
    return "monte-carlo";
  }
  return "auto";
}

ReachResult reach_probability(const AttackGraph& g, std::span<const NodeId> sources,
                              std::span<const NodeId> targets, const ReachOptions& options) {
  check_reach_arguments(g, sources, targets, options.method == ReachMethod::Exact ? 1 : options.samples);
  ReachResult result;
  result.seed = options.seed;

  if (options.method != ReachMethod::MonteCarlo) {
    ExactReachOptions exact = options.exact;
    if (options.cancel) exact.cancel = options.cancel;
    try {
      const ProgressPhase phase(options.progress, "exact reach", targets.size());
      // Targets are solved one by one: each has its own relevant subgraph, usually far smaller
      // than their union.
      for (NodeId t : targets) {
        ExactReach r = exact_reach_probability(g, sources, t, exact);
        ReachTarget out;
        out.node = t;
        out.probability = r.probability;
        out.ci95 = {r.probability, r.probability};
        out.exact = r.detail;
        result.targets.push_back(out);
        phase.advance();
      }
      result.method = ReachMethod::Exact;
      return result;
    } catch (const ExactLimitError& e) {
      if (options.method == ReachMethod::Exact) throw;
      result.targets.clear();
      result.fallback_reason = e.what();
    }
  }

  MonteCarloReachOptions mc;
  mc.samples = options.samples;
  mc.seed = options.seed;
  mc.cancel = options.cancel;
  mc.progress = options.progress;
  MonteCarloReachResult r = [&] {
    const ProgressPhase phase(options.progress, "Monte Carlo reach", options.samples);
    return monte_carlo_reach(g, sources, targets, mc);
  }();
  result.method = ReachMethod::MonteCarlo;
  result.samples = r.samples;
  for (const auto& t : r.targets) {
    ReachTarget out;
    out.node = t.node;
    out.probability = t.probability;
    out.ci95 = t.ci95;
    out.hits = t.hits;
    result.targets.push_back(out);
  }
  return result;
}

} // namespace zonepath
