// Test support shared by the reach tests: small random AND/OR graphs with cycles, and an
// independent reference for their reach probability by brute-force enumeration of every
// edge / prior outcome (no reductions, no factoring, no sampling).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "zonepath/core/attack_graph.hpp"

namespace zonepath::test {

struct EdgeDef {
  NodeId from, to;
  double p;
  TtcDistribution ttc = TtcDistribution::fixed(1.0);
};

struct SmallGraph {
  std::vector<NodeKind> kinds;
  std::vector<double> priors;
  std::vector<EdgeDef> edges;
  std::vector<NodeId> sources;
  NodeId target = 0;

  AttackGraph build() const {
    AttackGraphBuilder b;
    for (std::size_t v = 0; v < kinds.size(); ++v) {
      NodeSpec s;
      s.name = "n" + std::to_string(v);
      s.kind = kinds[v];
      s.prior = priors[v];
      b.add_node(s);
    }
    for (const auto& e : edges) {
      EdgeSpec s;
      s.from = e.from;
      s.to = e.to;
      s.p = e.p;
      s.ttc = e.ttc;
      b.add_edge(s);
    }
    return b.build();
  }
};

// Least fixed point for one outcome: held sources, then OR (any usable in-edge) and AND (all
// in-edges usable, at least one) until nothing changes.
inline std::vector<char> reached_set(const SmallGraph& g, const std::vector<char>& edge_ok,
                                     const std::vector<char>& held) {
  const std::size_t n = g.kinds.size();
  std::vector<char> r(held);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t v = 0; v < n; ++v) {
      if (r[v]) continue;
      std::size_t in = 0, ok = 0;
      for (std::size_t e = 0; e < g.edges.size(); ++e)
        if (g.edges[e].to == v) {
          ++in;
          if (edge_ok[e] && r[g.edges[e].from]) ++ok;
        }
      bool now = g.kinds[v] == NodeKind::Or ? ok > 0 : (in > 0 && ok == in);
      if (now) r[v] = 1, changed = true;
    }
  }
  return r;
}

// Sum over all 2^k outcomes of the uncertain edges and priors (k <= 20).
inline double brute_force_reach(const SmallGraph& g, NodeId target) {
  struct Var {
    bool edge;
    std::size_t index;
    double p;
  };
  std::vector<Var> vars;
  std::vector<char> edge_ok(g.edges.size(), 0), held(g.kinds.size(), 0);
  for (std::size_t e = 0; e < g.edges.size(); ++e) {
    edge_ok[e] = g.edges[e].p >= 1.0;
    if (g.edges[e].p > 0.0 && g.edges[e].p < 1.0) vars.push_back({true, e, g.edges[e].p});
  }
  std::vector<char> is_source(g.kinds.size(), 0);
  for (NodeId s : g.sources) is_source[s] = 1;
  for (std::size_t v = 0; v < g.kinds.size(); ++v) {
    if (!is_source[v]) continue;
    held[v] = g.priors[v] >= 1.0;
    if (g.priors[v] > 0.0 && g.priors[v] < 1.0) vars.push_back({false, v, g.priors[v]});
  }
  double total = 0.0;
  for (std::uint64_t mask = 0; mask < (std::uint64_t{1} << vars.size()); ++mask) {
    double w = 1.0;
    for (std::size_t i = 0; i < vars.size(); ++i) {
      const bool on = (mask >> i) & 1;
      w *= on ? vars[i].p : 1.0 - vars[i].p;
      (vars[i].edge ? edge_ok : held)[vars[i].index] = on;
    }
    if (reached_set(g, edge_ok, held)[target]) total += w;
  }
  return total;
}

// Random graph: 3..8 nodes, up to 16 edges (self-loops, cycles and parallel edges allowed),
// about a quarter AND nodes, 1..2 sources with priors, p from a mix of 0, 1 and (0, 1).
// Edges mostly run from lower to higher ids, sources sit low and the target high, so most
// targets are reachable but uncertain. `dense`: 5..7 nodes and 13..16 edges, nearly all
// uncertain, which series-parallel reductions cannot dissolve (factoring does the work).
inline SmallGraph random_small_graph(std::uint64_t seed, bool dense = false) {
  std::mt19937_64 rng(seed);
  auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  SmallGraph g;
  const std::size_t n = dense ? 5 + pick(3) : 3 + pick(6);
  const std::size_t low = (n + 1) / 2;
  for (std::size_t v = 0; v < n; ++v) {
    g.kinds.push_back(uni(0, 1) < 0.25 ? NodeKind::And : NodeKind::Or);
    g.priors.push_back(1.0);
  }
  const std::size_t sources = 1 + pick(2);
  for (std::size_t i = 0; i < sources; ++i) {
    NodeId s = NodeId(uni(0, 1) < 0.8 ? pick(low) : pick(n));
    bool dup = false;
    for (NodeId x : g.sources) dup = dup || x == s;
    if (dup) continue;
    g.sources.push_back(s);
    double r = uni(0, 1);
    g.priors[s] = r < 0.5 ? 1.0 : r < 0.6 ? 0.0 : uni(0.2, 0.95);
  }
  const std::size_t m = dense ? 13 + pick(4) : n + 1 + pick(16 - n);
  for (std::size_t i = 0; i < m; ++i) {
    double r = uni(0, 1);
    double p = r < 0.05 ? 0.0 : r < (dense ? 0.1 : 0.25) ? 1.0 : uni(0.05, 0.95);
    // Mostly "forward" edges so that targets are often reachable, some backward (cycles).
    NodeId a = NodeId(pick(n)), b = NodeId(pick(n));
    if (uni(0, 1) < 0.7 && a > b) std::swap(a, b);
    g.edges.push_back({a, b, p});
  }
  g.target = NodeId(uni(0, 1) < 0.8 ? n - 1 - pick(n - low) : pick(n));
  return g;
}

} // namespace zonepath::test
