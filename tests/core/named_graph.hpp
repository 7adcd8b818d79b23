// Small hand-drawn graphs for the path tests: nodes by name with their priors, edges by node
// names with p and a fixed TTC.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "zonepath/core/attack_graph.hpp"

namespace zonepath::test {

struct NamedEdge {
  const char* from;
  const char* to;
  double p;
  double ttc = 1.0;
};

inline AttackGraph named_graph(const std::vector<std::pair<const char*, double>>& nodes,
                               const std::vector<NamedEdge>& edges) {
  AttackGraphBuilder b;
  for (auto [name, prior] : nodes) b.add_node({name, NodeKind::Or, prior});
  auto id = [&](const char* n) {
    for (std::size_t i = 0; i < nodes.size(); ++i)
      if (std::string(nodes[i].first) == n) return NodeId(i);
    throw std::runtime_error(std::string("no node ") + n);
  };
  for (const NamedEdge& e : edges) {
    EdgeSpec s;
    s.from = id(e.from);
    s.to = id(e.to);
    s.p = e.p;
    s.ttc = TtcDistribution::fixed(e.ttc);
    b.add_edge(s);
  }
  return b.build();
}

} // namespace zonepath::test
