// What the Python Graph wraps: an attack graph plus, for a site's graph, the threat actor's
// start points, the default targets (crown jewels) and the waypoint nodes that path listings
// skip (the same inputs as the CLI's `paths/reach/simulate SITE --threat ID`).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/progress.hpp"

namespace zonepath::py_bindings {

struct GraphHandle {
  std::shared_ptr<const AttackGraph> graph;
  std::string name;                    // file or "<dict>", for messages
  std::string threat;                  // site graphs only
  std::vector<NodeId> sources;         // site graphs: the actor's start points
  std::vector<NodeId> default_targets; // raw graphs: sinks that are not sources
  std::vector<std::uint8_t> waypoint;  // empty for raw graphs

  std::string name_prefix() const { return name.empty() ? std::string() : name + ": "; }

  // Node ids for names; `what` ("source", "target") goes into the message of unknown names.
  std::vector<NodeId> resolve(const std::vector<std::string>& names, const char* what) const;
  // The given sources, or the graph's own (site graphs); a raw graph needs at least one.
  std::vector<NodeId> sources_or_default(const std::optional<std::vector<std::string>>& from) const;
  std::vector<NodeId> targets_or_default(const std::optional<std::vector<std::string>>& to,
                                         const std::vector<NodeId>& sources) const;
};

struct PathsQuery {
  std::size_t k = 1;
  std::string by = "likelihood";
};

struct ReachQuery {
  std::string method = "auto"; // auto | exact | monte-carlo
  std::uint64_t samples = 10000, seed = 1;
  std::size_t exact_limit = 30;
};

struct SimulateQuery {
  std::uint64_t samples = 1000, seed = 1;
  std::optional<double> horizon_days;
  std::size_t critical_edges = 20;
};

// The JSON documents of `zonepath paths|reach|simulate --json`, field for field.
nlohmann::json run_paths(const GraphHandle& h, const std::vector<NodeId>& sources,
                         const std::vector<NodeId>& targets, const PathsQuery& q, const CancelToken* cancel);
// `progress`: the phases of `zonepath reach|simulate --progress=json` (null: none).
nlohmann::json run_reach(const GraphHandle& h, const std::vector<NodeId>& sources,
                         const std::vector<NodeId>& targets, const ReachQuery& q, const CancelToken* cancel,
                         ProgressReporter* progress);
nlohmann::json run_simulate(const GraphHandle& h, const std::vector<NodeId>& sources,
                            const std::vector<NodeId>& targets, const SimulateQuery& q,
                            const CancelToken* cancel, ProgressReporter* progress);

} // namespace zonepath::py_bindings
