// Node cuts: every node split into in -> out, as a CSR flow network solved by
// MinCutSolver::Workspace::solve (min_cut.cpp).
#include <limits>
#include <string>

#include "min_cut_workspace.hpp"
#include "zonepath/core/error.hpp"

namespace zonepath {

// Node cut: an explicit network in which node v becomes in = 2v -> out = 2v + 1 (capacity:
// the node's cost, infinite for sources and targets) and every edge an infinite arc
// out(u) -> in(x); s = 2n, t = 2n + 1. Only nodes on a source-to-target path get arcs.
MinCutResult MinCutSolver::solve_nodes(std::span<const NodeId> sources, std::span<const NodeId> targets,
                                       const MinCutOptions& opt) {
  const AttackGraph& g = g_;
  Workspace& w = *ws_;
  const std::size_t n = g.node_count();
  MinCutResult result;
  w.reach_back(g, targets, w.to_target);
  check_cancel(opt.cancel);
  const auto& to_target = w.to_target;
  const auto& is_source = w.is_source;
  const auto& is_target = w.is_target;
  auto node_cost = [&](NodeId v) { return opt.node_cost.empty() ? 1.0 : opt.node_cost[v]; };
  const std::uint32_t s = 2 * std::uint32_t(n), t = s + 1, vertices = t + 1;
  constexpr double uncut = std::numeric_limits<double>::infinity(); // every path has a split arc
  // Calls arc(u, v, capacity) for the arcs of relevant node v.
  auto arcs_of = [&](NodeId v, auto&& arc) {
    if (is_source[v]) arc(s, 2 * v, uncut);
    if (is_target[v]) arc(2 * v + 1, t, uncut);
    arc(2 * v, 2 * v + 1, is_source[v] || is_target[v] ? uncut : node_cost(v));
    for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e) {
      const NodeId x = g.to(e);
      if (!(g.p(e) > 0.0) || !to_target[x] || x == v) continue;
      if (is_source[v] && is_target[x])
        throw AnalysisError("no finite node cut: source '" + g.name(v) + "' attacks target '" + g.name(x) +
                            "' directly");
      arc(2 * v + 1, 2 * x, uncut);
    }
  };

  // The nodes that reach a target and that a source reaches through such nodes; the same
  // walk counts the arcs of every network vertex.
  auto& relevant = w.relevant;
  relevant.assign(n, 0);
  w.row.assign(std::size_t(vertices) + 1, 0);
  w.stack.clear();
  for (NodeId r : sources)
    if (to_target[r] && !relevant[r]) {
      relevant[r] = 1;
      w.stack.push_back(r);
    }
  bool any = false;
  while (!w.stack.empty()) {
    const NodeId v = w.stack.back();
    w.stack.pop_back();
    any = true;
    arcs_of(v, [&](std::uint32_t a, std::uint32_t b, double) { w.count(a, b); });
    for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e) {
      const NodeId x = g.to(e);
      if (g.p(e) > 0.0 && to_target[x] && !relevant[x]) {
        relevant[x] = 1;
        w.stack.push_back(x);
      }
    }
  }
  if (!any) return result;
  check_cancel(opt.cancel);
  w.allocate(vertices);
  for (NodeId v = 0; v < n; ++v)
    if (relevant[v]) arcs_of(v, [&](std::uint32_t a, std::uint32_t b, double c) { w.arc(a, b, c); });
  result.network_vertices = vertices;
  result.network_arcs = w.head.size();
  check_cancel(opt.cancel);
  progress_advance(opt.progress); // network built
  w.solve(vertices, s, t);
  check_cancel(opt.cancel);
  progress_advance(opt.progress); // max-flow solved

  for (NodeId v = 0; v < n; ++v) {
    if (!relevant[v] || !w.side[2 * v]) continue;
    if (!w.side[2 * v + 1]) {
      result.nodes.push_back(v);
      result.cost += node_cost(v);
    } else {
      result.source_side.push_back(v);
    }
  }
  progress_advance(opt.progress); // cut extracted
  return result;
}

} // namespace zonepath
