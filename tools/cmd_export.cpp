// zonepath export SITE --graphml OUT: the site (zones, assets, conduits) or its attack graph
// for one threat actor as GraphML, for yEd and Gephi; with --rules, the conduits' rules as the
// firewall rule sets that enforce them (iptables-save or nftables JSON).
#include <iostream>

#include "command.hpp"
#include "zonepath/core/atomic_file.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/graph_json.hpp"
#include "zonepath/interchange/attack_input.hpp"
#include "zonepath/interchange/document_file.hpp"
#include "zonepath/interchange/export_rules.hpp"
#include "zonepath/interchange/graphml_export.hpp"
#include "zonepath/interchange/import_site.hpp"
#include "zonepath/interchange/yaml_document.hpp"
#include "zonepath/models/site_loader.hpp"

// A namespace per command keeps each file's private names apart in unity builds.
namespace zonepath::cli::export_command {
namespace {

// --rules: the enforceable rule set of every conduit (or one) of a site.
void write_rules(const std::string& file, const std::string& format, const std::string& conduit,
                 const std::optional<models::Date>& as_of, const std::string& out_path, bool json) {
  nlohmann::json value = interchange::load_site_value(file);
  models::SitePtr site = models::with_as_of(models::load_site_json(value, file), as_of);
  interchange::RuleFormat f = interchange::parse_rule_format(format);
  interchange::RuleExportOptions options;
  options.conduit = conduit;
  options.as_of = site->as_of;
  auto sets = interchange::plan_rule_sets(*site, value, options);
  std::string text = f == interchange::RuleFormat::Iptables
                         ? interchange::iptables_rule_sets(sets, site->id)
                         : interchange::nftables_rule_sets(sets).dump(1) + "\n";
  nlohmann::json summary = nlohmann::json::array();
  std::size_t rules = 0;
  for (const auto& s : sets) {
    summary.push_back({{"conduit", s.conduit},
                       {"zones", {s.zone_a, s.zone_b}},
                       {"rules", s.rules.size()},
                       {"one_way", s.one_way},
                       {"notes", s.notes}});
    rules += s.rules.size();
  }
  if (out_path.empty()) {
    std::cout << text;
    return;
  }
  write_file_atomic(out_path, text);
  if (json)
    print_json({{"file", out_path},
                {"format", format},
                {"as_of", site->as_of ? nlohmann::json(site->as_of->text()) : nlohmann::json()},
                {"conduits", summary},
                {"rules", rules}});
  else
    std::cout << "wrote " << out_path << " (" << sets.size() << " conduit firewalls, " << rules
              << " rules)\n";
}

void attach(CLI::App& app) {
  auto* sub = app.add_subcommand(
      "export", "Write the site (zones, assets, conduits, manages) or the attack graph "
                "of a threat actor as GraphML for yEd and Gephi, the attack graph as a raw "
                "graph (zonepath/graph/v1 JSON) for other tools, or (--rules) each conduit's "
                "rules as an enforceable iptables or nftables rule set.");
  struct Args {
    std::string file, out, graph = "site", threat, format = "graphml", rules, conduit;
    bool json = false;
    std::optional<models::Date> as_of;
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
  sub->add_option(
         "--rules", a->rules,
         "write the conduits' rules as firewall rule sets instead: iptables (iptables-save) or nftables "
         "(nft -j JSON), one firewall per conduit")
      ->check(CLI::IsMember({"iptables", "nftables"}));
  sub->add_option("--conduit", a->conduit, "with --rules: only this conduit's firewall");
  sub->add_flag("--json", a->json, "print a JSON summary on stdout (needs -o)");
  add_as_of_option(*sub, a->as_of);
  sub->footer(
      "Examples:\n"
      "  zonepath export scenarios/examples/water-treatment.json -o site.graphml\n"
      "  zonepath export scenarios/examples/water-treatment.json --graph attack --threat ta-apt \\\n"
      "      -o attack.graphml\n"
      "  zonepath export scenarios/examples/water-treatment.json --graph attack --threat ta-apt \\\n"
      "      --format json -o attack.json\n"
      "  zonepath export scenarios/examples/water-treatment.json --rules nftables \\\n"
      "      --conduit fw-dmz-scada -o fw.json\n"
      "  zonepath export scenarios/examples/pharma-batch.json --rules iptables --as-of 2026-11-18 \\\n"
      "      -o fw-during-window.rules");
  sub->callback([a] {
    if (a->json && a->out.empty())
      throw CLI::ValidationError("--json", "needs -o FILE (the graph goes there)");
    if (!a->rules.empty()) {
      if (a->graph != "site" || a->format != "graphml" || !a->threat.empty())
        throw CLI::ValidationError("--rules",
                                   "writes firewall rules; --graph, --format and --threat do not apply");
      write_rules(a->file, a->rules, a->conduit, a->as_of, a->out, a->json);
      return;
    }
    if (!a->conduit.empty()) throw CLI::ValidationError("--conduit", "applies to --rules");
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
        if (a->as_of) throw CLI::ValidationError("--as-of", "applies to site models, not raw attack graphs");
        AttackGraph g = load_graph(doc);
        text = raw_json ? graph_to_json(g).dump(1) + "\n"
                        : interchange::attack_graph_graphml(g, {}, {}, a->file);
        nodes = g.node_count();
        edges = g.edge_count();
      }
    }
    if (!raw_graph) {
      models::SitePtr site = models::with_as_of(interchange::load_site_file(a->file), a->as_of);
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
