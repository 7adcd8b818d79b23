// A Graphviz graph described as plain data, so diagram builders stay testable without
// Graphviz, and one function turns it into cgraph objects and renders it (graphviz.hpp).
#pragma once

#include <string>
#include <vector>

namespace zonepath::render {

struct DotAttr {
  std::string name, value;
  bool html = false; // an HTML-like label (<table>...), not an escString
};
using DotAttrs = std::vector<DotAttr>;

struct DotNode {
  std::string id;
  std::string cluster; // id of the innermost cluster holding it; "" = the root graph
  DotAttrs attrs;
};

struct DotEdge {
  std::string tail, head;
  DotAttrs attrs;
};

struct DotCluster {
  std::string id;     // must start with "cluster" for dot to draw a box
  std::string parent; // "" = the root graph
  DotAttrs attrs;
};

struct DotGraph {
  std::string name;
  DotAttrs graph, node_defaults, edge_defaults;
  std::vector<DotCluster> clusters; // parents before children
  std::vector<DotNode> nodes;
  std::vector<DotEdge> edges;
  std::vector<std::vector<std::string>> same_rank; // node ids that share a rank (newrank=true)

  const DotNode* find_node(const std::string& id) const;
  const DotCluster* find_cluster(const std::string& id) const;
};

// Value of an attribute in a list, or "" when absent.
std::string attr(const DotAttrs& attrs, const std::string& name);

} // namespace zonepath::render
