#include "zonepath/core/min_cut.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <boost/graph/boykov_kolmogorov_max_flow.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "zonepath/core/error.hpp"

namespace zonepath {

namespace {

using FlowGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                     boost::no_property, std::uint32_t, std::uint32_t>;
using FlowEdge = boost::graph_traits<FlowGraph>::edge_descriptor;
constexpr std::uint32_t kNone = ~std::uint32_t{0};

void check_cancel(const CancelToken* cancel) {
  if (cancel) cancel->throw_if_cancelled();
}

// Nodes reachable from `roots` over edges with p > 0, forward or backward.
std::vector<std::uint8_t> reachable(const AttackGraph& g, std::span<const NodeId> roots, bool forward,
                                    const std::vector<std::uint8_t>* blocked_edge = nullptr,
                                    const std::vector<std::uint8_t>* blocked_node = nullptr) {
  std::vector<std::uint8_t> seen(g.node_count(), 0);
  std::vector<NodeId> stack;
  for (NodeId r : roots)
    if (!seen[r]) {
      seen[r] = 1;
      stack.push_back(r);
    }
  auto visit = [&](EdgeId e, NodeId v) {
    if (seen[v] || !(g.p(e) > 0.0)) return;
    if ((blocked_edge && (*blocked_edge)[e]) || (blocked_node && (*blocked_node)[v])) return;
    seen[v] = 1;
    stack.push_back(v);
  };
  while (!stack.empty()) {
    const NodeId u = stack.back();
    stack.pop_back();
    if (forward) {
      for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) visit(e, g.to(e));
    } else {
      for (EdgeId e : g.in_edges(u)) visit(e, g.from(e));
    }
  }
  return seen;
}

// A flow network as arcs pushed in pairs (forward at 2j, its reverse at 2j + 1), then laid out
// in CSR order for Boost.
struct Network {
  std::uint32_t vertices = 0;
  std::vector<std::uint32_t> from, to;
  std::vector<double> cap;
  std::vector<std::uint32_t> tag; // graph edge (Edges mode) or node (Nodes mode) cut by the arc

  void arc(std::uint32_t u, std::uint32_t v, double c, std::uint32_t t) {
    from.push_back(u); to.push_back(v); cap.push_back(c); tag.push_back(t);
    from.push_back(v); to.push_back(u); cap.push_back(0.0); tag.push_back(kNone);
  }
};

// Solves max-flow on `net` from s to t; returns, per arc in push order, whether it crosses from
// the residual-reachable side of s to the other side.
std::vector<std::uint8_t> solve_cut(const Network& net, std::uint32_t s, std::uint32_t t,
                                    const CancelToken* cancel) {
  const std::size_t arcs = net.from.size();
  const std::uint32_t nv = net.vertices;
  std::vector<std::uint32_t> offset(nv + 1, 0), pos(arcs);
  for (std::size_t a = 0; a < arcs; ++a) ++offset[net.from[a] + 1];
  for (std::uint32_t v = 0; v < nv; ++v) offset[v + 1] += offset[v];
  {
    std::vector<std::uint32_t> fill(offset.begin(), offset.end() - 1);
    for (std::size_t a = 0; a < arcs; ++a) pos[a] = fill[net.from[a]]++;
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> sorted(arcs);
  std::vector<double> cap(arcs), residual(arcs);
  for (std::size_t a = 0; a < arcs; ++a) {
    sorted[pos[a]] = {net.from[a], net.to[a]};
    cap[pos[a]] = net.cap[a];
  }
  // With sorted input the CSR graph keeps the given order, so edge index == position.
  FlowGraph fg(boost::edges_are_sorted, sorted.begin(), sorted.end(), nv);
  std::vector<FlowEdge> reverse(arcs);
  for (std::size_t a = 0; a < arcs; ++a) reverse[pos[a]] = FlowEdge(net.to[a], pos[a ^ 1]);
  sorted = {};
  check_cancel(cancel);

  auto eidx = get(boost::edge_index, fg);
  auto vidx = get(boost::vertex_index, fg);
  std::vector<FlowEdge> pred(nv);
  std::vector<boost::default_color_type> color(nv);
  std::vector<std::uint32_t> distance(nv);
  boost::boykov_kolmogorov_max_flow(fg, boost::make_iterator_property_map(cap.data(), eidx),
                                    boost::make_iterator_property_map(residual.data(), eidx),
                                    boost::make_iterator_property_map(reverse.data(), eidx),
                                    boost::make_iterator_property_map(pred.data(), vidx),
                                    boost::make_iterator_property_map(color.data(), vidx),
                                    boost::make_iterator_property_map(distance.data(), vidx), vidx, s, t);
  check_cancel(cancel);

  // Residual reachability from s defines the cut nearest to the sources.
  std::vector<std::uint8_t> side(nv, 0);
  std::vector<std::uint32_t> stack{s};
  side[s] = 1;
  while (!stack.empty()) {
    const std::uint32_t u = stack.back();
    stack.pop_back();
    for (std::uint32_t k = offset[u]; k < offset[u + 1]; ++k) {
      const std::uint32_t v = static_cast<std::uint32_t>(boost::target(FlowEdge(u, k), fg));
      if (!side[v] && residual[k] > 0.0) {
        side[v] = 1;
        stack.push_back(v);
      }
    }
  }
  std::vector<std::uint8_t> crossing(arcs, 0);
  for (std::size_t a = 0; a < arcs; a += 2) crossing[a] = side[net.from[a]] && !side[net.to[a]];
  return crossing;
}

} // namespace

MinCutResult min_cut(const AttackGraph& g, std::span<const NodeId> sources, std::span<const NodeId> targets,
                     const MinCutOptions& opt) {
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
  std::vector<std::uint8_t> is_source(n, 0), is_target(n, 0);
  for (NodeId s : sources) is_source[s] = 1;
  for (NodeId t : targets) {
    is_target[t] = 1;
    if (is_source[t]) throw AnalysisError("no finite cut: '" + g.name(t) + "' is both a source and a target");
  }

  MinCutResult result;
  const auto fwd = reachable(g, sources, true);
  const auto bwd = reachable(g, targets, false);
  check_cancel(opt.cancel);
  std::vector<std::uint32_t> index(n, kNone);
  std::uint32_t relevant = 0;
  for (NodeId v = 0; v < n; ++v)
    if (fwd[v] && bwd[v]) index[v] = relevant++;
  auto node_cost = [&](NodeId v) { return opt.node_cost.empty() ? 1.0 : opt.node_cost[v]; };

  if (relevant > 0) {
    // Arcs that are never cut get a capacity above the sum of all finite ones.
    double total = 0.0;
    for (NodeId v = 0; v < n; ++v) {
      if (index[v] == kNone) continue;
      if (by_node && !is_source[v] && !is_target[v]) total += node_cost(v);
      if (!by_node)
        for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e)
          if (g.p(e) > 0.0 && index[g.to(e)] != kNone) total += g.cost(e);
    }
    const double inf = total + 1.0;

    Network net;
    const std::uint32_t per_node = by_node ? 2 : 1;
    const std::uint32_t s = relevant * per_node, t = s + 1;
    net.vertices = t + 1;
    auto in_of = [&](NodeId v) { return index[v] * per_node; };
    auto out_of = [&](NodeId v) { return index[v] * per_node + per_node - 1; };
    for (NodeId v = 0; v < n; ++v) {
      if (index[v] == kNone) continue;
      if (is_source[v]) net.arc(s, in_of(v), inf, kNone);
      if (is_target[v]) net.arc(out_of(v), t, inf, kNone);
      if (by_node) net.arc(in_of(v), out_of(v), is_source[v] || is_target[v] ? inf : node_cost(v), v);
      for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e) {
        const NodeId w = g.to(e);
        if (!(g.p(e) > 0.0) || index[w] == kNone || w == v) continue;
        if (by_node && is_source[v] && is_target[w])
          throw AnalysisError("no finite node cut: source '" + g.name(v) + "' attacks target '" + g.name(w) +
                              "' directly");
        net.arc(out_of(v), in_of(w), by_node ? inf : double(g.cost(e)), by_node ? kNone : e);
      }
    }
    result.network_vertices = net.vertices;
    result.network_arcs = net.from.size();
    const auto crossing = solve_cut(net, s, t, opt.cancel);
    for (std::size_t a = 0; a < crossing.size(); a += 2) {
      if (!crossing[a] || net.tag[a] == kNone) continue;
      if (by_node) {
        result.nodes.push_back(net.tag[a]);
        result.cost += node_cost(net.tag[a]);
      } else {
        result.edges.push_back(net.tag[a]);
        result.cost += g.cost(net.tag[a]);
      }
    }
    std::sort(result.edges.begin(), result.edges.end());
    std::sort(result.nodes.begin(), result.nodes.end());
  }

  // What the attacker still reaches once the cut is removed.
  std::vector<std::uint8_t> blocked_edge, blocked_node;
  if (by_node) {
    blocked_node.assign(n, 0);
    for (NodeId v : result.nodes) blocked_node[v] = 1;
  } else {
    blocked_edge.assign(g.edge_count(), 0);
    for (EdgeId e : result.edges) blocked_edge[e] = 1;
  }
  const auto side = reachable(g, sources, true, by_node ? nullptr : &blocked_edge, by_node ? &blocked_node : nullptr);
  for (NodeId v = 0; v < n; ++v)
    if (side[v]) result.source_side.push_back(v);
  return result;
}

} // namespace zonepath
