// zonepath cut: the cheapest set of edges (or nodes) whose removal cuts every attack path
// from the sources to the targets.
#include <iostream>
#include <memory>

#include "command.hpp"
#include "progress_options.hpp"
#include "zonepath/core/cancel.hpp"
#include "zonepath/core/min_cut.hpp"
#include "zonepath/interchange/attack_input.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::cut_command {
namespace {

struct CutArgs {
  std::string file;
  std::string threat;
  std::vector<std::string> from, to;
  bool nodes = false;
  bool json = false;
  std::optional<models::Date> as_of;
};

void run_cut(const CutArgs& args) {
  interchange::AttackInput input = [&] {
    const ProgressPhase load(progress(), "load and build graph");
    return interchange::load_attack_input(args.file, args.threat, args.from, args.as_of, progress());
  }();
  const std::vector<NodeId> targets = interchange::resolve_targets(input, args.to);
  const AttackGraph& g = input.graph;
  MinCutOptions opt;
  opt.mode = args.nodes ? CutMode::Nodes : CutMode::Edges; // node costs: 1 each
  opt.cancel = &global_cancel_token();
  opt.progress = progress();
  const MinCutResult cut = [&] {
    const ProgressPhase phase(progress(), "min cut", kMinCutSteps);
    return min_cut(g, input.sources, targets, opt);
  }();

  nlohmann::json items = nlohmann::json::array(), names = nlohmann::json::array();
  for (NodeId t : targets) names.push_back(g.name(t));
  if (args.nodes) {
    for (NodeId v : cut.nodes) items.push_back({{"id", g.name(v)}, {"cost", 1.0}});
  } else {
    for (EdgeId e : cut.edges)
      items.push_back({{"from", g.name(g.from(e))},
                       {"to", g.name(g.to(e))},
                       {"via", std::string(g.via(e))},
                       {"technique", std::string(g.technique(e))},
                       {"p", g.p(e)},
                       {"cost", double(g.cost(e))}});
  }
  if (args.json) {
    print_json({{"mode", args.nodes ? "nodes" : "edges"},
                {"cost", cut.cost},
                {"targets", std::move(names)},
                {args.nodes ? "nodes" : "edges", std::move(items)}});
    return;
  }
  std::cout << "Minimum " << (args.nodes ? "node" : "edge") << " cut: cost " << cut.cost << ", "
            << items.size() << (args.nodes ? " node(s)\n" : " edge(s)\n");
  for (const auto& it : items) {
    if (args.nodes) {
      std::cout << "  " << it["id"].get<std::string>() << '\n';
      continue;
    }
    std::cout << "  " << it["from"].get<std::string>() << " -> " << it["to"].get<std::string>() << "  cost "
              << it["cost"].get<double>();
    if (!it["technique"].get<std::string>().empty()) std::cout << ", " << it["technique"].get<std::string>();
    if (!it["via"].get<std::string>().empty()) std::cout << ", via " << it["via"].get<std::string>();
    std::cout << '\n';
  }
}

const bool registered = register_command("cut", 35, [](CLI::App& app) {
  auto args = std::make_shared<CutArgs>();
  CLI::App* cmd = app.add_subcommand("cut", "Cheapest set of edges (or nodes) that cuts every attack path");
  cmd->add_option("FILE", args->file, "Raw attack graph (zonepath/graph/v1) or site model")->required();
  cmd->add_option("--threat", args->threat, "Threat actor id (site models)");
  cmd->add_option("--from", args->from, "Source node id(s) (raw graphs)")->expected(1, -1);
  cmd->add_option("--to", args->to, "Target node id(s); default: the input's default targets")
      ->expected(1, -1);
  cmd->add_flag("--nodes", args->nodes,
                "Cut nodes (cost 1 each, sources and targets excluded) instead of edges");
  add_as_of_option(*cmd, args->as_of);
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->footer("Example:\n  zonepath cut scenarios/examples/water-treatment.json --threat ta-apt\n"
              "  zonepath cut site.json --threat apt --to plc-1 --nodes --json\n"
              "  zonepath cut graph.json --from internet --to plc --json");
  cmd->callback([args] { run_cut(*args); });
});

} // namespace
} // namespace zonepath::cli::cut_command
