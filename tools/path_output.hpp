// What a user sees of an attack path: the listed nodes (waypoints such as zone networks
// hidden, their steps merged), per-step p, technique and TTC, and the path's probability,
// cost and mean TTC; as JSON fields of the `paths` contract and as readable text. Shared by
// the `paths` command and the report writers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/k_shortest_paths.hpp"

namespace zonepath::cli {

// One step between two listed nodes; several graph edges when waypoints were merged.
struct ListedStep {
  NodeId from = kNoNode;
  NodeId to = kNoNode;
  std::string via;       // of the last merged edge
  std::string technique; // of the last merged edge
  double p = 1.0;        // product of the merged edges' p
  double cost = 0.0;     // sum of -ln p
  double ttc_mean = 0.0; // sum of mean TTCs, days
};

struct ListedPath {
  NodeId target = kNoNode;
  std::size_t rank = 0;    // 1-based within its target
  double length = 0.0;     // ranking key of the search (SimplePath::length)
  std::vector<NodeId> nodes;
  std::vector<ListedStep> steps;
  double probability = 0.0;   // prior of the first node times the product of p
  double cost = 0.0;          // sum of -ln p (prior not included)
  double ttc_mean_days = 0.0; // sum of mean TTCs
};

// `waypoint[v] != 0` hides v (empty vector: nothing hidden). The first and the last node are
// always listed, even when they are waypoints, so a path never loses its ends.
ListedPath list_path(const AttackGraph& g, const std::vector<std::uint8_t>& waypoint, const SimplePath& path,
                     NodeId target = kNoNode, std::size_t rank = 0);

// {"target", "rank", "nodes", "probability", "cost", "ttc_mean_days",
//  "steps": [{"from", "to", "via", "p", "technique", "ttc_mean"}]}
nlohmann::json path_to_json(const AttackGraph& g, const ListedPath& path);

// "D -> C -> A" and an indented line per step.
std::string path_to_text(const AttackGraph& g, const ListedPath& path);

} // namespace zonepath::cli
