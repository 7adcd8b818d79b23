// A search path as people read it: waypoint nodes (zone networks of a site graph) are not
// listed; the edges across them merge into one step (p multiplied, -ln p and mean TTC summed,
// via and technique of the last merged edge). Raw graphs have no waypoints.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/k_shortest_paths.hpp"
#include "zonepath/core/progress.hpp"
#include "zonepath/core/shortest_paths.hpp"

namespace zonepath {

struct ListedStep {
  NodeId from = kNoNode;
  NodeId to = kNoNode;
  std::string via;       // of the last merged edge
  std::string technique; // of the last merged edge
  StepDetail detail;     // of the last merged edge
  double p = 1.0;        // product of the merged edges' p
  double cost = 0.0;     // sum of -ln p
  double ttc_mean = 0.0; // sum of mean TTCs, days
};

struct ListedPath {
  NodeId target = kNoNode;
  std::size_t rank = 0;      // 1-based within its target
  double length = 0.0;       // ranking key of the search (SimplePath::length)
  std::vector<NodeId> nodes; // the first node, then every non-waypoint node
  std::vector<ListedStep> steps;
  double probability = 0.0;   // prior of the first node times the product of p
  double cost = 0.0;          // sum of -ln p (prior not included)
  double ttc_mean_days = 0.0; // sum of mean TTCs
};

ListedPath list_path(const AttackGraph& g, const std::vector<std::uint8_t>& waypoint, const SimplePath& path,
                     NodeId target = kNoNode, std::size_t rank = 0);
nlohmann::json path_to_json(const AttackGraph& g, const ListedPath& path);
// A step's means, service, port and vulnerability as JSON keys (only those it has), and as text:
// "CVE-2019-0708 on rdp/3389, known-vulnerability".
void add_detail_json(nlohmann::json& step, const StepDetail& detail);
std::string detail_text(const StepDetail& detail);

// The `paths` query: the k best paths from `sources` to each target, one forward tree shared
// by all targets, listed best first overall, then in target order, then by rank. `progress`:
// targets done, counted into the caller's phase.
struct RankedPaths {
  std::vector<ListedPath> paths;
  std::vector<NodeId> unreachable; // targets without any path, in target order
};
RankedPaths ranked_paths(const AttackGraph& g, const std::vector<std::uint8_t>& waypoint,
                         std::span<const NodeId> sources, std::span<const NodeId> targets, std::size_t k,
                         PathMetric metric, const CancelToken* cancel = nullptr,
                         ProgressReporter* progress = nullptr);
// {"paths": [path_to_json...], "unreachable": [names]}, as `zonepath paths --json` prints.
nlohmann::json ranked_paths_to_json(const AttackGraph& g, const RankedPaths& ranked);
std::string path_to_text(const AttackGraph& g, const ListedPath& path);

} // namespace zonepath
