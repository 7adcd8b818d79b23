#include "zonepath/core/monte_carlo.hpp"
#include "zonepath/core/limits.hpp"

#include <algorithm>
#include <string>
#include <string_view>

#include "sample_graph.hpp"
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

// Per-thread search state, reset per sample by bumping the epoch instead of clearing.
struct ReachWorkspace {
  std::vector<std::uint32_t> reached; // == epoch: reached in this sample
  std::vector<std::uint32_t> seen;    // == epoch: count[v] is valid in this sample
  std::vector<std::uint32_t> count;   // AND nodes: successful in-edges so far
  std::vector<NodeId> queue;
  std::vector<std::uint64_t> hits; // per target slot
  std::uint32_t epoch = 0;

  ReachWorkspace(std::size_t n, std::size_t slots) : reached(n, 0), seen(n, 0), count(n, 0), hits(slots, 0) {
    queue.reserve(64);
  }

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
  const detail::SampleGraph sg = detail::make_sample_graph(g, sources, targets);
  const std::size_t n = sg.node_count();
  PerThread<ReachWorkspace> workspaces([&] { return ReachWorkspace(n, sg.slots.size()); });
  std::size_t reachable_targets = 0;
  for (NodeId t : sg.slots) reachable_targets += sg.local_of[t] != kNoNode;

  auto run_sample = [&](ReachWorkspace& w, std::uint64_t sample) {
    const std::uint64_t key = mc::sample_key(options.seed, sample);
    w.next_epoch();
    const std::uint32_t ep = w.epoch;
    std::size_t left = reachable_targets;
    auto& queue = w.queue;
    queue.clear();
    auto reach = [&](NodeId v) {
      w.reached[v] = ep;
      queue.push_back(v);
      if (sg.slot[v]) {
        ++w.hits[sg.slot[v] - 1];
        --left;
      }
    };
    for (std::size_t i = 0; i < sg.seeds.size(); ++i)
      if (mc::first_draw_succeeds(key, sg.seed_stream[i], sg.seed_prior[i])) reach(sg.seeds[i]);
    // Queue order does not matter for the fixed point: draws are per edge, not per visit.
    for (std::size_t head = 0; head < queue.size() && left > 0; ++head) {
      const NodeId u = queue[head];
      for (std::uint32_t i = sg.out_offset[u], end = sg.out_offset[u + 1]; i < end; ++i) {
        const detail::SampleEdge& e = sg.edges[i];
        const NodeId v = e.to;
        if (w.reached[v] == ep) continue;
        if (!mc::first_draw_succeeds(key, e.stream, e.p)) continue;
        if (sg.is_and(v)) {
          if (w.seen[v] != ep) {
            w.seen[v] = ep;
            w.count[v] = 0;
          }
          if (++w.count[v] < sg.in_degree(v)) continue;
        }
        reach(v);
      }
    }
  };

  ParallelOptions par;
  par.serial_below = 2; // samples are independent and rarely trivially cheap
  const CancelToken* cancel = options.cancel;
  ProgressReporter* progress = options.progress;
  constexpr std::size_t kProgressBatch = 256; // a reach sample is cheaper than a clock read
  parallel_for_range(
      options.samples,
      [&](std::size_t begin, std::size_t end) {
        ReachWorkspace& w = workspaces.local();
        std::size_t counted = begin;
        for (std::size_t s = begin; s < end; ++s) {
          if (cancel && cancel->cancelled()) throw CancelledError("Monte Carlo reach cancelled");
          run_sample(w, s);
          if (s + 1 - counted == kProgressBatch) {
            progress_advance(progress, kProgressBatch);
            counted = s + 1;
          }
        }
        progress_advance(progress, end - counted);
      },
      par);

  // Integer sums: the same whatever thread ran which sample.
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
