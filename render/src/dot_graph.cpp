#include "zonepath/render/dot_graph.hpp"

#include <algorithm>

namespace zonepath::render {

const DotNode* DotGraph::find_node(const std::string& id) const {
  auto it = std::find_if(nodes.begin(), nodes.end(), [&](const DotNode& n) { return n.id == id; });
  return it == nodes.end() ? nullptr : &*it;
}

const DotCluster* DotGraph::find_cluster(const std::string& id) const {
  auto it = std::find_if(clusters.begin(), clusters.end(), [&](const DotCluster& c) { return c.id == id; });
  return it == clusters.end() ? nullptr : &*it;
}

std::string attr(const DotAttrs& attrs, const std::string& name) {
  for (const auto& a : attrs)
    if (a.name == name) return a.value;
  return {};
}

} // namespace zonepath::render
