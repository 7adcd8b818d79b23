#include "zonepath/core/monte_carlo.hpp"
#include "zonepath/core/limits.hpp"

#include <algorithm>
#include <bit>
#include <string>
#include <string_view>

#include "sample_blocks.hpp"
#include "sample_graph.hpp"
#include "success_masks.hpp"
#include "ttc_lanes.hpp"
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

namespace {

// FNV-1a, then a splitmix64 finaliser for avalanche.
std::uint64_t hash_name(std::string_view name, std::uint64_t domain) {
  std::uint64_t h = 0xCBF29CE484222325ull ^ domain;
  for (unsigned char c : name) h = (h ^ c) * 0x100000001B3ull;
  return splitmix64(h);
}

std::uint64_t hash_node(const AttackGraph& g, NodeId v, std::uint64_t domain) {
  const std::string& name = g.name(v);
  // Unnamed nodes (possible in programmatic graphs) fall back to their id.
  return name.empty() ? splitmix64(domain ^ splitmix64(v)) : hash_name(name, domain);
}

} // namespace

std::uint64_t StreamIds::node(const AttackGraph& g, NodeId v) const {
  return hash_node(g, v, 0x6E6F6465ull); // "node": a domain of its own
}

StreamIds StreamIds::of(const AttackGraph& g) {
  const std::size_t n = g.node_count();
  std::vector<std::uint64_t> tail(n), head(n);
  parallel_for_each_index(n, [&](std::size_t v) {
    tail[v] = hash_node(g, NodeId(v), 0x7461696Cull);
    head[v] = hash_node(g, NodeId(v), 0x68656164ull);
  });
  StreamIds ids;
  ids.edge.resize(g.edge_count());
  // rank among parallel edges u -> v, counted in edge-id order within u's out-range
  std::vector<std::uint32_t> stamp(n, kNoNode), rank(n, 0);
  for (NodeId u = 0; u < n; ++u)
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
      const NodeId v = g.to(e);
      if (stamp[v] != u) {
        stamp[v] = u;
        rank[v] = 0;
      }
      ids.edge[e] = splitmix64(tail[u] ^ splitmix64(head[v] + rank[v]++));
    }
  return ids;
}

void check_reach_arguments(const AttackGraph& g, std::span<const NodeId> sources,
                           std::span<const NodeId> targets, std::uint64_t samples) {
  for (NodeId s : sources)
    if (s >= g.node_count()) throw GraphError("source node id " + std::to_string(s) + " out of range");
  for (NodeId t : targets)
    if (t >= g.node_count()) throw GraphError("target node id " + std::to_string(t) + " out of range");
  if (samples == 0) throw AnalysisError("samples must be at least 1, got 0");
  check_limit("samples", samples, 1, kMaxSamples);
}

namespace {

// One thread's state: the bit propagation and the hit counts of its blocks.
struct ReachWorkspace {
  detail::LaneSearch search;
  std::vector<std::uint64_t> hits; // per target slot
};

} // namespace

MonteCarloReachResult monte_carlo_reach(const AttackGraph& g, std::span<const NodeId> sources,
                                        std::span<const NodeId> targets,
                                        const MonteCarloReachOptions& options) {
  check_reach_arguments(g, sources, targets, options.samples);
  const detail::SampleGraph sg = detail::make_sample_graph(g, sources, targets);
  const detail::EdgeDraws draws = detail::EdgeDraws::of(sg);
  const detail::AndInEdges and_in = detail::AndInEdges::of(sg);
  const detail::TargetExits no_exits; // the bits have no times to compare
  PerThread<ReachWorkspace> workspaces([&] {
    return ReachWorkspace{detail::LaneSearch(sg, draws, and_in, no_exits),
                          std::vector<std::uint64_t>(sg.slots.size(), 0)};
  });

  // A block of 64 samples: the least fixed point of its success bits, one 64-bit word per node
  // (LaneSearch::run_reach); a target's hits are its word's set bits.
  auto run_block = [&](ReachWorkspace& w, std::size_t block) {
    if (options.cancel && options.cancel->cancelled()) throw CancelledError("Monte Carlo reach cancelled");
    const std::uint64_t first = std::uint64_t{block} * detail::kLanes;
    const unsigned lanes =
        static_cast<unsigned>(std::min<std::uint64_t>(detail::kLanes, options.samples - first));
    detail::LaneKeys keys{};
    for (unsigned l = 0; l < lanes; ++l) keys[l] = mc::sample_key(options.seed, first + l);
    w.search.run_reach(keys, lanes);
    for (std::size_t k = 0; k < sg.slots.size(); ++k)
      if (const NodeId v = sg.local_of[sg.slots[k]]; v != kNoNode)
        w.hits[k] += static_cast<std::uint64_t>(std::popcount(w.search.reached(v)));
    progress_advance(options.progress, lanes);
  };
  detail::for_each_sample_block(options.samples, workspaces, run_block);

  // Integer sums: the same whatever thread ran which block.
  std::vector<std::uint64_t> hits(sg.slots.size(), 0);
  for (const auto& w : workspaces)
    for (std::size_t i = 0; i < hits.size(); ++i) hits[i] += w.hits[i];

  MonteCarloReachResult result;
  result.samples = options.samples;
  result.seed = options.seed;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    MonteCarloTarget out;
    out.node = targets[i];
    out.hits = hits[sg.target_slot[i]];
    out.probability = double(out.hits) / double(options.samples);
    out.ci95 = wilson_interval(out.hits, options.samples);
    result.targets.push_back(out);
  }
  return result;
}

} // namespace zonepath
