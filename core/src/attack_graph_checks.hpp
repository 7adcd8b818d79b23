// The per-edge checks of AttackGraphBuilder, shared by its two build paths (EdgeSpecs in
// attack_graph.cpp, EdgeColumns in attack_graph_columns.cpp) so both refuse the same edges
// with the same message.
#pragma once

#include <cstddef>

#include "zonepath/core/attack_graph.hpp"

namespace zonepath::detail {

// Throws GraphError ("edge I: ...") on an endpoint >= n, p outside [0, 1], a negative or
// infinite cost or TTC parameters outside the distribution's domain.
void check_edge_values(NodeId from, NodeId to, double p, double cost, const TtcDistribution& ttc,
                       std::size_t index, std::size_t n);

} // namespace zonepath::detail
