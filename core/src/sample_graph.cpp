#include "sample_graph.hpp"

#include "zonepath/core/monte_carlo.hpp"

#include <map>
#include <tuple>

namespace zonepath::detail {

SampleGraph make_sample_graph(const AttackGraph& g, std::span<const NodeId> sources,
                              std::span<const NodeId> targets) {
  const std::size_t n = g.node_count();
  const std::vector<std::uint8_t> relevant = ancestor_mask(g, targets);
  const StreamIds streams = StreamIds::of(g);
  SampleGraph s;
  s.local_of.assign(n, kNoNode);
  {
    std::vector<std::uint32_t> slot_of(n, 0); // slot + 1
    for (NodeId t : targets) {
      if (!slot_of[t]) {
        s.slots.push_back(t);
        slot_of[t] = static_cast<std::uint32_t>(s.slots.size());
      }
      s.target_slot.push_back(slot_of[t] - 1);
    }
  }

  // BFS from the sources over usable edges into relevant nodes: local ids in visit order.
  auto visit = [&](NodeId v) {
    if (s.local_of[v] != kNoNode) return false;
    s.local_of[v] = static_cast<NodeId>(s.orig_node.size());
    s.orig_node.push_back(v);
    return true;
  };
  for (NodeId src : sources)
    if (relevant[src] && g.prior(src) > 0.0 && visit(src)) {
      s.seeds.push_back(s.local_of[src]);
      s.seed_prior.push_back(g.prior(src));
      s.seed_stream.push_back(streams.node(g, src));
    }
  for (std::size_t head = 0; head < s.orig_node.size(); ++head) {
    const NodeId u = s.orig_node[head];
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e)
      if (g.p(e) > 0.0 && relevant[g.to(e)]) visit(g.to(e));
  }

  std::map<std::tuple<int, float, float>, std::uint32_t> ttc_index;
  auto intern_ttc = [&](const TtcDistribution& d) {
    auto [it, fresh] =
        ttc_index.try_emplace({int(d.kind), d.a, d.b}, static_cast<std::uint32_t>(s.ttc.size()));
    if (fresh) s.ttc.push_back(d);
    return it->second;
  };
  const std::size_t local_n = s.orig_node.size();
  s.out_offset.assign(local_n + 1, 0);
  s.info.resize(local_n);
  s.slot.assign(local_n, 0);
  for (NodeId v = 0; v < local_n; ++v) {
    const NodeId orig = s.orig_node[v];
    s.info[v] = g.kind(orig) == NodeKind::And ? kAndFlag | static_cast<std::uint32_t>(g.in_degree(orig)) : 0;
    for (EdgeId e = g.out_begin(orig); e < g.out_end(orig); ++e) {
      const NodeId to = s.local_of[g.to(e)];
      if (g.p(e) <= 0.0 || to == kNoNode) continue; // cannot fire, or leads nowhere useful
      s.edges.push_back(SampleEdge{to, intern_ttc(g.ttc(e)), streams.edge[e], g.p(e)});
      s.orig_edge.push_back(e);
    }
    s.out_offset[v + 1] = static_cast<std::uint32_t>(s.edges.size());
  }
  for (std::size_t k = 0; k < s.slots.size(); ++k)
    if (s.local_of[s.slots[k]] != kNoNode) s.slot[s.local_of[s.slots[k]]] = static_cast<std::uint32_t>(k + 1);
  return s;
}

} // namespace zonepath::detail
