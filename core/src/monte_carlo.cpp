#include "zonepath/core/monte_carlo.hpp"

#include <string>

#include <tbb/enumerable_thread_specific.h>

#include "zonepath/core/error.hpp"
#include "zonepath/core/parallel.hpp"

namespace zonepath {

std::vector<std::uint8_t> ancestor_mask(const AttackGraph& g, std::span<const NodeId> targets) {
  std::vector<std::uint8_t> mask(g.node_count(), 0);
  std::vector<NodeId> stack;
  for (NodeId t : targets)
    if (!mask[t]) {
      mask[t] = 1;
      stack.push_back(t);
    }
  while (!stack.empty()) {
    NodeId v = stack.back();
    stack.pop_back();
    for (EdgeId e : g.in_edges(v)) {
      NodeId u = g.from(e);
      if (!mask[u]) {
        mask[u] = 1;
        stack.push_back(u);
      }
    }
  }
  return mask;
}

void check_reach_arguments(const AttackGraph& g, std::span<const NodeId> sources,
                           std::span<const NodeId> targets, std::uint64_t samples) {
  for (NodeId s : sources)
    if (s >= g.node_count()) throw GraphError("source node id " + std::to_string(s) + " out of range");
  for (NodeId t : targets)
    if (t >= g.node_count()) throw GraphError("target node id " + std::to_string(t) + " out of range");
  if (samples == 0 || samples > 1'000'000'000ull)
    throw AnalysisError("samples must be within 1 .. 10^9, got " + std::to_string(samples));
}

namespace {

// Per-thread search state, reset per sample by bumping the epoch instead of clearing.
struct ReachWorkspace {
  std::vector<std::uint32_t> reached; // == epoch: reached in this sample
  std::vector<std::uint32_t> seen;    // == epoch: count[v] is valid in this sample
  std::vector<std::uint32_t> count;   // AND nodes: successful in-edges so far
  std::vector<NodeId> queue;
  std::vector<std::uint64_t> hits;    // per target
  std::uint32_t epoch = 0;

  ReachWorkspace(std::size_t n, std::size_t targets)
      : reached(n, 0), seen(n, 0), count(n, 0), hits(targets, 0) { queue.reserve(64); }

  void next_epoch() {
    if (++epoch == 0) { // wrapped after 2^32 samples: stale stamps could alias, clear them
      std::fill(reached.begin(), reached.end(), 0);
      std::fill(seen.begin(), seen.end(), 0);
      epoch = 1;
    }
  }
};

} // namespace

MonteCarloReachResult monte_carlo_reach(const AttackGraph& g, std::span<const NodeId> sources,
                                        std::span<const NodeId> targets,
                                        const MonteCarloReachOptions& options) {
  check_reach_arguments(g, sources, targets, options.samples);
  const std::size_t n = g.node_count();
  const std::vector<std::uint8_t> relevant = ancestor_mask(g, targets);
  // target_slot[v]: index of v in `targets` + 1 (first occurrence), 0 when not a target.
  std::vector<std::uint32_t> target_slot(n, 0);
  std::size_t distinct_targets = 0;
  for (std::size_t i = 0; i < targets.size(); ++i)
    if (target_slot[targets[i]] == 0) {
      target_slot[targets[i]] = static_cast<std::uint32_t>(i + 1);
      ++distinct_targets;
    }
  std::vector<NodeId> seeds; // sources that can matter, without duplicates
  {
    std::vector<std::uint8_t> dup(n, 0);
    for (NodeId s : sources)
      if (relevant[s] && !dup[s]) {
        dup[s] = 1;
        seeds.push_back(s);
      }
  }

  tbb::enumerable_thread_specific<ReachWorkspace> workspaces(
      [&] { return ReachWorkspace(n, targets.size()); });
  const CancelToken* cancel = options.cancel;

  auto run_sample = [&](ReachWorkspace& w, std::uint64_t sample) {
    const std::uint64_t key = mc::sample_key(options.seed, sample);
    w.next_epoch();
    const std::uint32_t ep = w.epoch;
    std::size_t left = distinct_targets;
    auto& queue = w.queue;
    queue.clear();
    auto reach = [&](NodeId v) {
      w.reached[v] = ep;
      queue.push_back(v);
      if (target_slot[v]) {
        ++w.hits[target_slot[v] - 1];
        --left;
      }
    };
    for (NodeId s : seeds)
      if (w.reached[s] != ep && mc::source_held(key, s, g.prior(s))) reach(s);
    // Queue order does not matter for the fixed point: draws are per edge, not per visit.
    for (std::size_t head = 0; head < queue.size() && left > 0; ++head) {
      const NodeId u = queue[head];
      for (EdgeId e = g.out_begin(u), end = g.out_end(u); e < end; ++e) {
        const NodeId v = g.to(e);
        if (!relevant[v] || w.reached[v] == ep) continue;
        if (!mc::edge_succeeds(key, e, g.p(e))) continue;
        if (g.kind(v) == NodeKind::And) {
          if (w.seen[v] != ep) {
            w.seen[v] = ep;
            w.count[v] = 0;
          }
          if (++w.count[v] < g.in_degree(v)) continue;
        }
        reach(v);
      }
    }
  };

  ParallelOptions par;
  par.serial_below = 2; // samples are independent and rarely trivially cheap
  parallel_for_range(options.samples, [&](std::size_t begin, std::size_t end) {
    ReachWorkspace& w = workspaces.local();
    for (std::size_t s = begin; s < end; ++s) {
      if (cancel && cancel->cancelled()) throw CancelledError("Monte Carlo reach cancelled");
      run_sample(w, s);
    }
  }, par);

  // Integer sums: the same whatever thread ran which sample.
  std::vector<std::uint64_t> hits(targets.size(), 0);
  for (const auto& w : workspaces)
    for (std::size_t i = 0; i < hits.size(); ++i) hits[i] += w.hits[i];

  MonteCarloReachResult result;
  result.samples = options.samples;
  result.seed = options.seed;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    MonteCarloTarget t;
    t.node = targets[i];
    t.hits = hits[target_slot[targets[i]] - 1];
    t.probability = double(t.hits) / double(options.samples);
    t.ci95 = wilson_interval(t.hits, options.samples);
    result.targets.push_back(t);
  }
  return result;
}

} // namespace zonepath
