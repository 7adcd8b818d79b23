// zonepath export SITE --graphml OUT: the site (zones, assets, conduits) or its attack graph
// for one threat actor as GraphML, for yEd and Gephi.
#include <iostream>

#include "zonepath/interchange/attack_input.hpp"
#include "command.hpp"
#include "zonepath/core/atomic_file.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/graph_json.hpp"
#include "zonepath/interchange/graphml_export.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/interchange/yaml_document.hpp"
#include "zonepath/interchange/document_file.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::export_command {
namespace {

void attach(CLI::App& app) {
  auto* sub =
      app.add_subcommand("export", "Write the site (zones, assets, conduits, manages) or the attack graph "
                                   "of a threat actor as GraphML for yEd and Gephi, or the attack graph "
                                   "as a raw graph (zonepath/graph/v1 JSON) for other tools.");
  struct Args {
    std::string file, out, graph = "site", threat, format = "graphml";
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  sub->add_option("FILE", a->file, "site model (JSON or YAML) or raw attack graph (zonepath/graph/v1)")
      ->required();
  sub->add_option("-o,--out", a->out, "output .graphml file (default: stdout)");
  sub->add_option("--graph", a->graph, "site (default) or attack")->check(CLI::IsMember({"site", "attack"}));
  sub->add_option("--threat", a->threat, "threat actor of the attack graph (default: the only one)");
  sub->add_option("--format", a->format,
                  "graphml (default) or json: the attack graph in the raw graph format zonepath/graph/v1, "
                  "which `paths`, `reach`, `simulate` and `cut` read back with --from")
      ->check(CLI::IsMember({"graphml", "json"}));
  sub->add_flag("--json", a->json, "print a JSON summary on stdout (needs -o)");
  sub->footer(
      "Examples:\n"
      "  zonepath export scenarios/examples/water-treatment.json -o site.graphml\n"
      "  zonepath export scenarios/examples/water-treatment.json --graph attack --threat apt -o "
      "attack.graphml\n"
      "  zonepath export scenarios/examples/water-treatment.json --graph attack --threat apt --format json "
      "-o attack.json");
  sub->callback([a] {
    if (a->json && a->out.empty())
      throw CLI::ValidationError("--json", "needs -o FILE (the graph goes there)");
    const bool raw_json = a->format == "json";
    if (raw_json && a->graph == "site")
      throw CLI::ValidationError("--format", "json writes attack graphs: add --graph attack");
    std::string text;
    std::size_t nodes = 0, edges = 0;
    bool raw_graph = false;
    if (!interchange::is_yaml_path(a->file)) {
      JsonDocument doc = interchange::load_document_file(a->file);
      if (doc.root().is_object() && doc.root().value("schema", "") == kGraphSchema) {
        raw_graph = true;
        AttackGraph g = load_graph(doc);
        text = raw_json ? graph_to_json(g).dump(1) + "\n" : interchange::attack_graph_graphml(g, {}, {}, a->file);
        nodes = g.node_count();
        edges = g.edge_count();
      }
    }
    if (!raw_graph) {
      models::SitePtr site = interchange::load_site_file(a->file);
      if (a->graph == "site") {
        if (!a->threat.empty()) throw CLI::ValidationError("--threat", "applies to --graph attack");
        text = interchange::site_graphml(*site);
        nodes = site->zones.size() + site->assets.size();
        edges = site->conduits.size() + site->assets.size();
        for (const auto& as : site->assets) edges += as.manages.size();
      } else {
        interchange::AttackInput in = interchange::load_site_input(a->file, site, a->threat);
        text = raw_json ? graph_to_json(in.graph).dump(1) + "\n"
                        : interchange::attack_graph_graphml(in.graph, in.sources, in.waypoint,
                                                       site->id + ":" + in.threat);
        nodes = in.graph.node_count();
        edges = in.graph.edge_count();
      }
    }
    if (a->out.empty()) {
      std::cout << text;
      return;
    }
    write_file_atomic(a->out, text);
    if (a->json)
      print_json(
          {{"file", a->out}, {"graph", raw_graph ? "attack" : a->graph}, {"nodes", nodes}, {"edges", edges}});
    else
      std::cout << "wrote " << a->out << " (" << nodes << " nodes, " << edges << " edges)\n";
  });
}

const bool registered = register_command("export", 87, attach);

} // namespace
} // namespace zonepath::cli::export_command
