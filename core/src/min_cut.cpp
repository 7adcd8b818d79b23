// Edge cuts: Boost's Boykov-Kolmogorov max-flow on a flow network laid out from the graph's
// own CSR offsets in a single pass.
#include "zonepath/core/min_cut.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>

#include <boost/graph/boykov_kolmogorov_max_flow.hpp>

#include "min_cut_workspace.hpp"
#include "zonepath/core/error.hpp"

namespace zonepath {

using detail::FlowGraph;
using detail::kNone;
using detail::ReverseMap;

void MinCutSolver::Workspace::solve(std::uint32_t vertices, std::uint32_t s, std::uint32_t t) {
  // The CSR arrays move into Boost's graph without a copy (m_forward is a public member of
  // Boost.Graph's compressed_sparse_row_graph) and move back afterwards.
  FlowGraph fg;
  fg.m_forward.m_rowstart.swap(row);
  fg.m_forward.m_column.swap(head);
  pred.resize(vertices);
  color.resize(vertices);
  distance.resize(vertices);
  auto eidx = get(boost::edge_index, fg);
  auto vidx = get(boost::vertex_index, fg);
  // Capacity and residual share one array: Boost's BK reads the capacity map only once, to
  // initialise the residuals (put(res, e, get(cap, e)), a no-op here).
  auto res = boost::make_iterator_property_map(residual.data(), eidx);
  boost::boykov_kolmogorov_max_flow(fg, res, res, ReverseMap{fg.m_forward.m_column.data(), rev.data()},
                                    boost::make_iterator_property_map(pred.data(), vidx),
                                    boost::make_iterator_property_map(color.data(), vidx),
                                    boost::make_iterator_property_map(distance.data(), vidx), vidx, s, t);
  fg.m_forward.m_rowstart.swap(row);
  fg.m_forward.m_column.swap(head);

  // Residual reachability from s defines the cut nearest to the sources.
  side.assign(vertices, 0);
  stack.assign(1, s);
  side[s] = 1;
  while (!stack.empty()) {
    const std::uint32_t u = stack.back();
    stack.pop_back();
    for (std::uint32_t k = row[u]; k < row[u + 1]; ++k) {
      const std::uint32_t v = head[k];
      if (!side[v] && residual[k] > 0.0) {
        side[v] = 1;
        stack.push_back(v);
      }
    }
  }
}

MinCutSolver::MinCutSolver(const AttackGraph& g) : g_(g), ws_(std::make_unique<Workspace>()) {}
MinCutSolver::~MinCutSolver() = default;

MinCutResult MinCutSolver::solve(std::span<const NodeId> sources, std::span<const NodeId> targets,
                                 const MinCutOptions& opt) {
  const AttackGraph& g = g_;
  Workspace& w = *ws_;
  const std::size_t n = g.node_count();
  for (NodeId s : sources)
    if (s >= n) throw GraphError("source node id " + std::to_string(s) + " out of range");
  for (NodeId t : targets)
    if (t >= n) throw GraphError("target node id " + std::to_string(t) + " out of range");
  const bool by_node = opt.mode == CutMode::Nodes;
  if (by_node && !opt.node_cost.empty()) {
    if (opt.node_cost.size() != n) throw GraphError("node_cost must have one entry per node");
    for (double c : opt.node_cost)
      if (!(c >= 0.0) || std::isinf(c)) throw GraphError("node costs must be finite and >= 0");
  }
  w.is_source.assign(n, 0);
  w.is_target.assign(n, 0);
  for (NodeId s : sources) w.is_source[s] = 1;
  for (NodeId t : targets) {
    w.is_target[t] = 1;
    if (w.is_source[t])
      throw AnalysisError("no finite cut: '" + g.name(t) + "' is both a source and a target");
  }

  if (2.0 * double(g.edge_count()) + 2.0 * double(sources.size() + targets.size()) + 2.0 * double(n) >=
      4294967295.0)
    throw GraphError("graph too large for a min-cut (arc ids are 32-bit)");
  return by_node ? solve_nodes(sources, targets, opt) : solve_edges(sources, targets, opt);
}

// Edge cut: the network is the graph itself plus reverse arcs and super arcs, so its CSR rows
// are known from the graph's offsets and filled in one pass (no counting pass, no sort).
MinCutResult MinCutSolver::solve_edges(std::span<const NodeId> sources, std::span<const NodeId> targets,
                                       const MinCutOptions& opt) {
  const AttackGraph& g = g_;
  Workspace& w = *ws_;
  const std::size_t n = g.node_count();
  const std::uint32_t S = std::uint32_t(n), T = S + 1, vertices = T + 1;
  auto& source_slot = w.source_slot;
  auto& target_slot = w.target_slot;
  source_slot.assign(n, kNone);
  target_slot.assign(n, kNone);
  std::uint32_t a = 0, b = 0;
  for (NodeId s : sources)
    if (source_slot[s] == kNone) source_slot[s] = a++;
  for (NodeId t : targets)
    if (target_slot[t] == kNone) target_slot[t] = b++;

  // Rows follow from the graph's own offsets: node v's arcs are its out-edges (forward),
  // then the reverses of its in-edges, then s->S if v is a source and t->T if a target; S
  // and T list their arcs to the sources and from the targets.
  auto& row = w.row;
  row.resize(std::size_t(vertices) + 1);
  std::uint32_t at = 0;
  for (NodeId v = 0; v < n; ++v) {
    row[v] = at;
    at += (g.out_end(v) - g.out_begin(v)) + std::uint32_t(g.in_degree(v)) + (source_slot[v] != kNone) +
          (target_slot[v] != kNone);
  }
  row[S] = at;
  row[T] = at + a;
  row[vertices] = at + a + b;
  const std::size_t arcs = row[vertices];
  w.head.resize(arcs);
  w.residual.resize(arcs);
  w.rev.resize(arcs);
  std::uint32_t* head = w.head.data();
  double* res = w.residual.data();
  std::uint32_t* rev = w.rev.data();
  auto forward_pos = [&](EdgeId e) { return row[g.from(e)] + (e - g.out_begin(g.from(e))); };
  constexpr double uncut = std::numeric_limits<double>::infinity(); // every path has an edge arc
  // One pass, writing each row in order; only the reverse link of a forward arc is written
  // out of order (when its reverse arc is laid down in the head's row).
  for (NodeId v = 0; v < n; ++v) {
    std::uint32_t k = row[v];
    for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e, ++k) {
      head[k] = g.to(e);
      // Possible steps only; a self-loop never matters.
      res[k] = g.p(e) > 0.0 && g.to(e) != v ? double(g.cost(e)) : 0.0;
    }
    for (EdgeId e : g.in_edges(v)) {
      const std::uint32_t f = forward_pos(e);
      head[k] = g.from(e);
      res[k] = 0.0;
      rev[k] = f;
      rev[f] = k;
      ++k;
    }
    if (source_slot[v] != kNone) {
      const std::uint32_t f = row[S] + source_slot[v];
      head[k] = S, res[k] = 0.0, rev[k] = f;
      head[f] = v, res[f] = uncut, rev[f] = k;
      ++k;
    }
    if (target_slot[v] != kNone) {
      const std::uint32_t r = row[T] + target_slot[v];
      head[k] = T, res[k] = uncut, rev[k] = r;
      head[r] = v, res[r] = 0.0, rev[r] = k;
    }
  }
  check_cancel(opt.cancel);
  progress_advance(opt.progress); // network built
  w.solve(vertices, S, T);
  check_cancel(opt.cancel);
  progress_advance(opt.progress); // max-flow solved
  const auto& side = w.side;
  MinCutResult result;
  result.network_vertices = vertices;
  result.network_arcs = arcs;
  bool reach_known = false;
  for (NodeId v = 0; v < n; ++v) {
    if (!side[v]) continue;
    result.source_side.push_back(v);
    for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e) {
      const NodeId x = g.to(e);
      if (!(g.p(e) > 0.0) || x == v || side[x]) continue;
      if (!(g.cost(e) > 0.0f)) {
        if (!reach_known) w.reach_back(g, targets, w.to_target);
        reach_known = true;
        if (!w.to_target[x]) continue;
      }
      result.edges.push_back(e);
      result.cost += g.cost(e);
    }
  }
  progress_advance(opt.progress); // cut extracted
  return result;
}

MinCutResult min_cut(const AttackGraph& g, std::span<const NodeId> sources, std::span<const NodeId> targets,
                     const MinCutOptions& opt) {
  MinCutSolver solver(g);
  return solver.solve(sources, targets, opt);
}

} // namespace zonepath
