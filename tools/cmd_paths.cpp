// zonepath paths: the k most likely (or fastest) attack paths to each target.
#include <algorithm>
#include <iostream>
#include <memory>

#include "attack_input.hpp"
#include "command.hpp"
#include "path_output.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/k_shortest_paths.hpp"
#include "zonepath/core/shortest_paths.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::paths_command {
namespace {

struct PathsArgs {
  std::string file;
  std::string threat;
  std::vector<std::string> from, to;
  std::size_t k = 1;
  std::string by = "likelihood";
  bool json = false;
};

void run_paths(const PathsArgs& args) {
  AttackInput input = load_attack_input(args.file, args.threat, args.from);
  const std::vector<NodeId> targets = resolve_targets(input, args.to);
  const AttackGraph& g = input.graph;
  const PathMetric metric = *parse_metric(args.by);
  CancelToken* cancel = &global_cancel_token();

  // One forward tree serves the best path of every target; Yen runs per target only for k > 1.
  ShortestPathOptions so;
  so.metric = metric;
  so.cancel = cancel;
  const ShortestPathTree tree = shortest_paths_from(g, input.sources, so);
  KShortestOptions ko;
  ko.k = args.k;
  ko.metric = metric;
  ko.cancel = cancel;
  KShortestPathFinder finder(g);

  struct Row {
    ListedPath path;
    std::size_t target_index;
  };
  std::vector<Row> rows;
  std::vector<NodeId> unreachable;
  for (std::size_t ti = 0; ti < targets.size(); ++ti) {
    auto found = finder.find(input.sources, targets[ti], ko, &tree);
    if (found.empty()) unreachable.push_back(targets[ti]);
    for (std::size_t r = 0; r < found.size(); ++r)
      rows.push_back({list_path(g, input.waypoint, found[r], targets[ti], r + 1), ti});
  }
  // Best first overall. The search length is the ranking key (-ln of the probability, or the
  // mean time), so the order within a target always matches its ranks.
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.path.length != b.path.length) return a.path.length < b.path.length;
    if (a.target_index != b.target_index) return a.target_index < b.target_index;
    return a.path.rank < b.path.rank;
  });

  if (args.json) {
    nlohmann::json paths = nlohmann::json::array(), missing = nlohmann::json::array();
    for (const Row& row : rows) paths.push_back(path_to_json(g, row.path));
    for (NodeId t : unreachable) missing.push_back(g.name(t));
    print_json({{"paths", std::move(paths)}, {"unreachable", std::move(missing)}});
    return;
  }
  std::cout << (metric == PathMetric::Time ? "Fastest" : "Most likely") << " attack paths (" << rows.size()
            << " to " << targets.size() - unreachable.size() << " of " << targets.size() << " targets)\n";
  for (std::size_t i = 0; i < rows.size(); ++i)
    std::cout << (i + 1) << ". [" << g.name(rows[i].path.target) << " #" << rows[i].path.rank << "] "
              << path_to_text(g, rows[i].path);
  if (!unreachable.empty()) {
    std::cout << "Unreachable:";
    for (NodeId t : unreachable) std::cout << ' ' << g.name(t);
    std::cout << '\n';
  }
}

const bool registered = register_command("paths", 30, [](CLI::App& app) {
  auto args = std::make_shared<PathsArgs>();
  CLI::App* cmd = app.add_subcommand("paths", "Most likely or fastest attack paths to each target");
  cmd->add_option("FILE", args->file, "Raw attack graph (zonepath/graph/v1) or site model")->required();
  cmd->add_option("--threat", args->threat, "Threat actor id (site models)");
  cmd->add_option("--from", args->from, "Source node id(s) (raw graphs)")->expected(1, -1);
  cmd->add_option("--to", args->to, "Target node id(s); default: the input's default targets")
      ->expected(1, -1);
  cmd->add_option("-k", args->k, "Number of paths per target")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  cmd->add_option("--by", args->by, "Rank by likelihood (probability) or time (mean TTC)")
      ->check(CLI::IsMember({"likelihood", "time"}));
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback([args] { run_paths(*args); });
});

} // namespace
} // namespace zonepath::cli::paths_command
