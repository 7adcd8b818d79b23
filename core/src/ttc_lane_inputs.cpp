// The read-only inputs of the lane searches, built once per run and shared by all threads:
// each AND node's sampled in-edges, and the exits of the nodes passed through.
#include <algorithm>
#include <map>

#include "ttc_lanes.hpp"

namespace zonepath::detail {

AndInEdges AndInEdges::of(const SampleGraph& sg) {
  const std::size_t n = sg.node_count();
  AndInEdges a;
  a.offset.assign(n + 1, 0);
  a.can_complete.assign(n, 0);
  for (NodeId u = 0; u < n; ++u)
    for (std::uint32_t i = sg.out_offset[u]; i < sg.out_offset[u + 1]; ++i)
      if (sg.is_and(sg.edges[i].to)) ++a.offset[sg.edges[i].to + 1];
  for (std::size_t v = 0; v < n; ++v) a.offset[v + 1] += a.offset[v];
  a.edge.resize(a.offset[n]);
  a.tail.resize(a.offset[n]);
  std::vector<std::uint32_t> fill(a.offset.begin(), a.offset.end() - 1);
  for (NodeId u = 0; u < n; ++u)
    for (std::uint32_t i = sg.out_offset[u]; i < sg.out_offset[u + 1]; ++i) {
      const NodeId v = sg.edges[i].to;
      if (!sg.is_and(v)) continue;
      a.edge[fill[v]] = i;
      a.tail[fill[v]++] = u;
    }
  for (NodeId v = 0; v < n; ++v)
    a.can_complete[v] = sg.is_and(v) && a.offset[v + 1] - a.offset[v] == sg.in_degree(v);
  return a;
}

TargetExits TargetExits::of(const SampleGraph& sg) {
  const std::size_t n = sg.node_count();
  TargetExits x;
  x.offset.assign(n + 1, 0);
  std::vector<NodeId> exits;
  for (NodeId v = 0; v < n; ++v) {
    exits.clear();
    bool all_targets = !sg.slot[v] && !sg.is_and(v) && sg.out_offset[v] != sg.out_offset[v + 1];
    for (std::uint32_t i = sg.out_offset[v]; all_targets && i < sg.out_offset[v + 1]; ++i) {
      const NodeId t = sg.edges[i].to;
      all_targets = sg.slot[t] && !sg.is_and(t);
      if (all_targets && std::find(exits.begin(), exits.end(), t) == exits.end()) exits.push_back(t);
      all_targets = all_targets && exits.size() <= TargetExits::kMost;
    }
    if (all_targets) x.target.insert(x.target.end(), exits.begin(), exits.end());
    x.offset[v + 1] = static_cast<std::uint32_t>(x.target.size());
  }
  x.set.assign(n, 0);
  std::map<std::vector<NodeId>, std::uint32_t> sets;
  for (NodeId v = 0; v < n; ++v) {
    if (!x.has(v)) continue;
    exits.assign(x.target.begin() + x.offset[v], x.target.begin() + x.offset[v + 1]);
    std::sort(exits.begin(), exits.end());
    x.set[v] = sets.emplace(exits, static_cast<std::uint32_t>(sets.size())).first->second;
  }
  return x;
}

} // namespace zonepath::detail
