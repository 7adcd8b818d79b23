// Internal: the buffers of MinCutSolver and the max-flow on a CSR flow network, shared by the
// edge cut (min_cut.cpp) and the node cut (min_cut_nodes.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "zonepath/core/cancel.hpp"
#include "zonepath/core/min_cut.hpp"

namespace zonepath {

namespace detail {

using FlowGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                     boost::no_property, std::uint32_t, std::uint32_t>;
using FlowEdge = boost::graph_traits<FlowGraph>::edge_descriptor;
inline constexpr std::uint32_t kNone = ~std::uint32_t{0};

// Growing a vector with this allocator leaves the new elements uninitialised: the network
// arrays are written in full before being read, and zero-filling 2M-arc arrays is a
// measurable share of a cut.
template <class T> struct NoFill : std::allocator<T> {
  template <class U> struct rebind { using other = NoFill<U>; };
  NoFill() = default;
  template <class U> NoFill(const NoFill<U>&) {}
  template <class U> void construct(U* p) { ::new (static_cast<void*>(p)) U; }
  template <class U, class... A> void construct(U* p, A&&... a) {
    ::new (static_cast<void*>(p)) U(std::forward<A>(a)...);
  }
};
template <class T> using RawVector = std::vector<T, NoFill<T>>;

// The reverse of arc a (out of u, into head[a]) is arc rev[a], out of head[a]. Building the
// Boost edge descriptor on the fly stores 4 bytes per arc instead of 8.
struct ReverseMap {
  using key_type = FlowEdge;
  using value_type = FlowEdge;
  using reference = FlowEdge;
  using category = boost::readable_property_map_tag;
  const std::uint32_t* head;
  const std::uint32_t* rev;
};
inline FlowEdge get(const ReverseMap& m, const FlowEdge& e) {
  return FlowEdge(m.head[e.idx], m.rev[e.idx]);
}

} // namespace detail

// Buffers reused from one solve to the next.
struct MinCutSolver::Workspace {
  std::vector<std::uint8_t> is_source, is_target, to_target, relevant;
  std::vector<std::uint32_t> stack;
  // Edge cuts: index of each node among the (deduplicated) sources / targets, or kNone.
  std::vector<std::uint32_t> source_slot, target_slot;
  // Flow network in CSR form: arcs of vertex u are [row[u], row[u + 1]); arc k goes to
  // head[k], its reverse is arc rev[k]. row and head are std::vectors because they move into
  // Boost's graph.
  std::vector<std::uint32_t> row, head;
  detail::RawVector<double> residual; // capacities before the max-flow, residuals after
  detail::RawVector<std::uint32_t> rev, fill;
  std::vector<detail::FlowEdge> pred;
  std::vector<boost::default_color_type> color;
  std::vector<std::uint32_t> distance;
  std::vector<std::uint8_t> side;

  // Marks in `seen` the nodes that reach one of `targets` over edges with p > 0.
  void reach_back(const AttackGraph& g, std::span<const NodeId> targets, std::vector<std::uint8_t>& seen) {
    seen.assign(g.node_count(), 0);
    stack.clear();
    for (NodeId r : targets)
      if (!seen[r]) {
        seen[r] = 1;
        stack.push_back(r);
      }
    while (!stack.empty()) {
      const NodeId u = stack.back();
      stack.pop_back();
      for (EdgeId e : g.in_edges(u)) {
        const NodeId v = g.from(e);
        if (!seen[v] && g.p(e) > 0.0) {
          seen[v] = 1;
          stack.push_back(v);
        }
      }
    }
  }

  void count(std::uint32_t u, std::uint32_t v) {
    ++row[u + 1];
    ++row[v + 1];
  }
  void allocate(std::uint32_t vertices) {
    for (std::uint32_t v = 0; v < vertices; ++v) row[v + 1] += row[v];
    const std::size_t arcs = row[vertices];
    head.resize(arcs);
    residual.resize(arcs);
    rev.resize(arcs);
    fill.assign(row.begin(), row.end() - 1);
  }
  void arc(std::uint32_t u, std::uint32_t v, double c) {
    const std::uint32_t a = fill[u]++, b = fill[v]++;
    head[a] = v;
    residual[a] = c;
    rev[a] = b;
    head[b] = u;
    residual[b] = 0.0;
    rev[b] = a;
  }

  // Max-flow from s to t on the explicit network (row/head/residual/rev), then marks in
  // `side` the vertices residual-reachable from s. In min_cut.cpp.
  void solve(std::uint32_t vertices, std::uint32_t s, std::uint32_t t);
};

} // namespace zonepath
