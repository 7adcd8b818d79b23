// GraphML (http://graphml.graphdrawing.org/) of a site and of an attack graph, for yEd and
// Gephi users. Attributes are plain GraphML <data> keys: Gephi shows them as node and edge
// columns (and uses "label" as the label); yEd imports them as properties that its
// Properties Mapper can turn into labels and colours.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::interchange {

// Zones and assets as nodes; conduits (zone-zone), membership (asset-zone) and `manages`
// (asset-asset) as edges, told apart by the edge attribute "relation".
std::string site_graphml(const models::Site& site);

// Every node and edge of an attack graph with its probability, technique, conduit or zone
// crossed, mean time to compromise and cost. `sources` are flagged; `waypoint` (may be empty)
// marks zone-network nodes of site graphs.
std::string attack_graph_graphml(const AttackGraph& graph, const std::vector<NodeId>& sources,
                                 const std::vector<std::uint8_t>& waypoint, const std::string& graph_id);

} // namespace zonepath::interchange
