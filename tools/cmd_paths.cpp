// zonepath paths: the k most likely (or fastest) attack paths to each target.
#include <algorithm>
#include <iostream>
#include <memory>

#include "command.hpp"
#include "progress_options.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/k_shortest_paths.hpp"
#include "zonepath/core/path_listing.hpp"
#include "zonepath/core/shortest_paths.hpp"
#include "zonepath/interchange/attack_input.hpp"

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
  std::optional<models::Date> as_of;
};

void run_paths(const PathsArgs& args) {
  interchange::AttackInput input = [&] {
    const ProgressPhase load(progress(), "load and build graph");
    return interchange::load_attack_input(args.file, args.threat, args.from, args.as_of, progress());
  }();
  const std::vector<NodeId> targets = interchange::resolve_targets(input, args.to);
  const AttackGraph& g = input.graph;
  const PathMetric metric = *parse_metric(args.by);
  const RankedPaths ranked = [&] {
    const ProgressPhase phase(progress(), "paths", targets.size());
    return ranked_paths(g, input.waypoint, input.sources, targets, args.k, metric, &global_cancel_token(),
                        progress());
  }();
  if (args.json) {
    print_json(ranked_paths_to_json(g, ranked));
    return;
  }
  const auto& rows = ranked.paths;
  const auto& unreachable = ranked.unreachable;
  const std::size_t reached = targets.size() - unreachable.size();
  std::cout << (metric == PathMetric::Time ? "Fastest" : "Most likely") << " attack paths: " << rows.size()
            << (rows.size() == 1 ? " path" : " paths") << " to " << reached << " of " << targets.size()
            << (targets.size() == 1 ? " target" : " targets") << " reached\n";
  for (std::size_t i = 0; i < rows.size(); ++i)
    std::cout << (i + 1) << ". [" << g.name(rows[i].target) << " #" << rows[i].rank << "] "
              << zonepath::path_to_text(g, rows[i]);
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
  cmd->add_option("-k", args->k, "Number of paths per target")->check(CLI::Range(std::size_t{1}, kMaxPaths));
  cmd->add_option("--by", args->by, "Rank by likelihood (probability) or time (mean TTC)")
      ->check(CLI::IsMember({"likelihood", "time"}));
  add_as_of_option(*cmd, args->as_of);
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->footer("Example:\n  zonepath paths scenarios/examples/water-treatment.json --threat ta-apt -k 3\n"
              "  zonepath paths site.json --threat apt --to plc-1 --by time --json\n"
              "  zonepath paths graph.json --from internet --to plc -k 5");
  cmd->callback([args] { run_paths(*args); });
});

} // namespace
} // namespace zonepath::cli::paths_command
