// k best simple paths from a set of sources to one target (Yen's algorithm with Lawler's
// deviation-index rule). Spur searches are A* searches guided by the exact distances to the
// target in the unrestricted graph (one reverse Dijkstra per target): those distances are a
// consistent lower bound once nodes and edges are banned, so most spur searches walk almost
// straight to the target. Bans use epoch-stamped arrays (no per-search clearing), and a spur
// search stops as soon as it cannot beat the candidates already queued.
//
// Paths are node-simple and identified by their node sequence; between two consecutive nodes
// the step uses the best parallel edge (lowest id among equally good ones). Several sources
// behave like one virtual root linked to each source by its start length (source_weight), so a
// path may pass through another source. AND nodes are treated like OR nodes (see
// shortest_paths.hpp).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/shortest_paths.hpp"

namespace zonepath {

struct SimplePath {
  std::vector<NodeId> nodes; // nodes.front() is a source, nodes.back() the target
  std::vector<EdgeId> edges; // edges.size() == nodes.size() - 1
  double length = 0.0;       // under the metric, start length included (sequential sum)
};

// Ranking order: length, then fewer steps, then lexicographically smaller node id sequence.
bool path_less(const SimplePath& a, const SimplePath& b);

struct KShortestOptions {
  std::size_t k = 1;
  PathMetric metric = PathMetric::Likelihood;
  bool apply_priors = true;            // Likelihood: a path starts at -ln prior of its source
  const CancelToken* cancel = nullptr; // polled inside every search and between searches
};

// Holds scratch arrays sized to the graph so that repeated queries (one per target) allocate
// nothing per search. Not thread-safe: use one finder per thread.
class KShortestPathFinder {
public:
  explicit KShortestPathFinder(const AttackGraph& g);
  ~KShortestPathFinder();
  KShortestPathFinder(const KShortestPathFinder&) = delete;
  KShortestPathFinder& operator=(const KShortestPathFinder&) = delete;

  // Up to k paths, best first (path_less order among the paths found). Fewer when fewer
  // simple paths exist; empty when the target is unreachable. `forward`, when given, is a
  // shortest_paths_from() tree of the same sources, metric and priors, shared across targets
  // to supply the first path (the k = 1 answer). When exactly tied paths straddle rank k,
  // which of them is returned is deterministic (searches prefer lower node ids) but is not
  // the lexicographic minimum in general.
  std::vector<SimplePath> find(std::span<const NodeId> sources, NodeId target, const KShortestOptions& opt,
                               const ShortestPathTree* forward = nullptr);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::vector<SimplePath> k_shortest_paths(const AttackGraph& g, std::span<const NodeId> sources, NodeId target,
                                         const KShortestOptions& opt = {});

// The k best paths to each of `targets`, as KShortestPathFinder::find with the shared forward
// tree `forward` of `sources`, each target's into its own slot: the same result for any thread
// count. With k > 1 the targets are searched in parallel, a finder per thread; with k = 1 each
// path is read off the tree, too little work to share. `on_target`, when set, is called once
// per target, from whichever thread searched it.
std::vector<std::vector<SimplePath>>
k_shortest_paths_each(const AttackGraph& g, std::span<const NodeId> sources, std::span<const NodeId> targets,
                      const KShortestOptions& opt, const ShortestPathTree& forward,
                      const std::function<void()>& on_target = {});

} // namespace zonepath
