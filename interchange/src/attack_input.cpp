#include "zonepath/interchange/attack_input.hpp"

#include <algorithm>

#include "zonepath/core/error.hpp"
#include "zonepath/core/graph_json.hpp"
#include "zonepath/core/json_checker.hpp"
#include "zonepath/interchange/document_file.hpp"
#include "zonepath/interchange/yaml_document.hpp"
#include "zonepath/models/site_graph.hpp"
#include "zonepath/models/site_loader.hpp"

namespace zonepath::interchange {

using namespace models;

namespace {

std::string unknown_node_message(const AttackGraph& g, const std::string& name, const char* what) {
  std::vector<std::string_view> names;
  if (g.node_count() <= 20000)
    for (NodeId v = 0; v < g.node_count(); ++v) names.push_back(g.name(v));
  std::string near = did_you_mean(name, names);
  std::string msg = std::string("unknown ") + what + " '" + name + "'";
  if (!near.empty()) msg += " (did you mean '" + near + "'?)";
  return msg;
}

AttackInput graph_input(const std::string& file, AttackGraph graph, const std::vector<std::string>& from) {
  AttackInput in;
  in.file = file;
  in.graph = std::move(graph);
  if (from.empty()) throw Error(file + ": a raw attack graph needs at least one --from node");
  for (const auto& name : from) {
    NodeId v = in.graph.find(name);
    if (v == kNoNode) throw Error(file + ": --from: " + unknown_node_message(in.graph, name, "node"));
    if (std::find(in.sources.begin(), in.sources.end(), v) == in.sources.end()) in.sources.push_back(v);
  }
  // Default targets of a raw graph: every sink (no outgoing edge) that is not a source.
  for (NodeId v = 0; v < in.graph.node_count(); ++v)
    if (in.graph.out_begin(v) == in.graph.out_end(v) &&
        std::find(in.sources.begin(), in.sources.end(), v) == in.sources.end())
      in.default_targets.push_back(v);
  return in;
}

// The options a raw graph refuses, checked before the graph is (as for a site, whose schema
// decides which options apply).
void check_graph_options(const std::string& file, const std::string& threat,
                         const std::optional<models::Date>& as_of) {
  if (!threat.empty()) throw Error(file + ": --threat applies to site files; use --from with a raw graph");
  if (as_of) throw Error(file + ": --as-of applies to site files; a raw graph has no dates");
}

// A JSON file: a valid raw graph goes through the fast reader; anything else (a site, or a
// graph with errors, which the checking reader then locates) is parsed into a document.
JsonDocument read_json_input(const std::string& file, std::optional<AttackGraph>& fast,
                             ProgressReporter* progress) {
  std::string text = JsonDocument::read_text(file);
  if ((fast = read_graph_fast(text))) {
    if (progress) {
      progress->set_total(text.size());
      progress->advance(text.size());
    }
    return JsonDocument::from_value(nullptr, file);
  }
  return JsonDocument::parse(std::move(text), file, {}, progress);
}

} // namespace

AttackInput load_attack_input(const std::string& file, const std::string& threat,
                              const std::vector<std::string>& from, const std::optional<models::Date>& as_of,
                              ProgressReporter* progress) {
  models::SitePtr site;
  {
    // The parsed document can be several times the size of the model: free it before the
    // attack graph is built so the two never peak together.
    std::optional<AttackGraph> fast;
    JsonDocument doc = is_yaml_path(file) ? interchange::load_document_file(file, {}, progress)
                                          : read_json_input(file, fast, progress);
    if (fast) {
      check_graph_options(file, threat, as_of);
      return graph_input(file, std::move(*fast), from);
    }
    const auto& root = doc.root();
    std::string schema = root.is_object() && root.contains("schema") && root["schema"].is_string()
                             ? root["schema"].get<std::string>()
                             : "";
    if (schema == kGraphSchema) {
      check_graph_options(file, threat, as_of);
      return graph_input(file, load_graph(doc), from);
    }
    if (!from.empty()) throw Error(file + ": --from applies to raw graphs; a site takes --threat ID");
    models::Site loaded = models::load_site(doc);
    if (as_of) loaded.as_of = as_of;
    site = std::make_shared<const models::Site>(std::move(loaded));
  }
  return load_site_input(file, site, threat);
}

AttackInput load_site_input(const std::string& file, const models::SitePtr& site, const std::string& threat) {
  models::Index actor = models::kNone;
  if (threat.empty()) {
    if (site->threat_actors.size() != 1)
      throw Error(file + ": name a threat actor with --threat (the site has " +
                  std::to_string(site->threat_actors.size()) + ")");
    actor = 0;
  } else if ((actor = site->threat_index(threat)) == models::kNone) {
    std::vector<std::string_view> names;
    for (const auto& t : site->threat_actors) names.push_back(t.id);
    std::string near = did_you_mean(threat, names);
    throw Error(file + ": --threat: unknown threat actor '" + threat + "'" +
                (near.empty() ? "" : " (did you mean '" + near + "'?)"));
  }
  auto ctx = models::SiteContext::make(*site);
  auto sg = models::build_site_graph(ctx, site->threat_actors[actor]);
  AttackInput in;
  in.file = file;
  in.threat = site->threat_actors[actor].id;
  in.sources = sg.sources;
  in.waypoint = std::move(sg.waypoint);
  for (models::Index a : models::crown_jewels(*site)) {
    NodeId v = sg.asset_node(a);
    if (std::find(in.sources.begin(), in.sources.end(), v) == in.sources.end())
      in.default_targets.push_back(v);
  }
  in.graph = std::move(sg.graph);
  in.site = site;
  return in;
}

std::vector<NodeId> resolve_targets(const AttackInput& input, const std::vector<std::string>& to) {
  if (to.empty()) return input.default_targets;
  std::vector<NodeId> out;
  for (const auto& name : to) {
    NodeId v = input.graph.find(name);
    if (v == kNoNode)
      throw Error(input.file + ": --to: " + unknown_node_message(input.graph, name, "target"));
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

} // namespace zonepath::interchange
