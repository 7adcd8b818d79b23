#include "zonepath/interchange/graphml_export.hpp"

#include <algorithm>
#include <sstream>

#include "zonepath/core/numbers.hpp"
#include "zonepath/core/text_escape.hpp"

namespace zonepath::interchange {

using namespace models;

namespace {

struct Key {
  const char* id;
  const char* domain; // node or edge
  const char* name;
  const char* type; // string, double, int, boolean
};

void header(std::ostringstream& out, const std::vector<Key>& keys, const std::string& id, bool directed) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
      << "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      << "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  for (const auto& k : keys)
    out << "  <key id=\"" << k.id << "\" for=\"" << k.domain << "\" attr.name=\"" << k.name
        << "\" attr.type=\"" << k.type << "\"/>\n";
  out << "  <graph id=\"" << xml_escape(id) << "\" edgedefault=\"" << (directed ? "directed" : "undirected")
      << "\">\n";
}

void data(std::ostringstream& out, const char* key, const std::string& value) {
  if (value.empty()) return;
  out << "      <data key=\"" << key << "\">" << xml_escape(value) << "</data>\n";
}

// Shortest text that reads back as the same double, whatever the locale.
std::string number(double v) {
  return format_round_trip(v);
}

std::string sl_text(const std::optional<SlVector>& sl) {
  if (!sl) return {};
  return sl_vector_text(*sl, ",");
}

} // namespace

std::string site_graphml(const Site& site) {
  std::ostringstream out;
  header(out,
         {{"n_label", "node", "label", "string"},
          {"n_class", "node", "class", "string"},
          {"n_kind", "node", "kind", "string"},
          {"n_zone", "node", "zone", "string"},
          {"n_purdue", "node", "purdue", "double"},
          {"n_sl_t", "node", "sl_t", "string"},
          {"n_vendor", "node", "vendor", "string"},
          {"n_product", "node", "product", "string"},
          {"n_version", "node", "version", "string"},
          {"n_vulns", "node", "vulnerabilities", "int"},
          {"e_relation", "edge", "relation", "string"},
          {"e_label", "edge", "label", "string"},
          {"e_kind", "edge", "kind", "string"},
          {"e_rules", "edge", "rules", "int"},
          {"e_direction", "edge", "direction", "string"}},
         site.id.empty() ? "site" : site.id, false);
  // Zone and asset ids share one namespace in a site, so they are usable as node ids as is.
  for (const Zone& z : site.zones) {
    out << "    <node id=\"" << xml_escape(z.id) << "\">\n";
    data(out, "n_label", z.name.empty() ? z.id : z.name);
    data(out, "n_class", "zone");
    data(out, "n_kind", z.kind);
    if (z.purdue) data(out, "n_purdue", number(*z.purdue));
    data(out, "n_sl_t", sl_text(z.sl_t));
    out << "    </node>\n";
  }
  for (const Asset& a : site.assets) {
    out << "    <node id=\"" << xml_escape(a.id) << "\">\n";
    data(out, "n_label", a.name.empty() ? a.id : a.name);
    data(out, "n_class", "asset");
    data(out, "n_kind", a.type);
    data(out, "n_zone", site.zones[a.zone].id);
    data(out, "n_vendor", a.vendor);
    data(out, "n_product", a.product);
    data(out, "n_version", a.version);
    data(out, "n_vulns", std::to_string(a.vulnerabilities.size()));
    out << "    </node>\n";
  }
  std::size_t e = 0;
  for (const Conduit& c : site.conduits) {
    out << "    <edge id=\"e" << e++ << "\" source=\"" << xml_escape(site.zones[c.zones[0]].id)
        << "\" target=\"" << xml_escape(site.zones[c.zones[1]].id) << "\">\n";
    data(out, "e_relation", "conduit");
    data(out, "e_label", c.id);
    data(out, "e_kind", c.kind);
    data(out, "e_rules", std::to_string(c.rules.size()));
    if (c.direction)
      data(out, "e_direction", site.zones[(*c.direction)[0]].id + "->" + site.zones[(*c.direction)[1]].id);
    out << "    </edge>\n";
  }
  for (const Asset& a : site.assets) {
    out << "    <edge id=\"e" << e++ << "\" source=\"" << xml_escape(a.id) << "\" target=\""
        << xml_escape(site.zones[a.zone].id) << "\">\n";
    data(out, "e_relation", "member");
    out << "    </edge>\n";
  }
  for (const Asset& a : site.assets)
    for (Index m : a.manages) {
      out << "    <edge id=\"e" << e++ << "\" source=\"" << xml_escape(a.id) << "\" target=\""
          << xml_escape(site.assets[m].id) << "\">\n";
      data(out, "e_relation", "manages");
      data(out, "e_direction", a.id + "->" + site.assets[m].id);
      out << "    </edge>\n";
    }
  out << "  </graph>\n</graphml>\n";
  return out.str();
}

std::string attack_graph_graphml(const AttackGraph& g, const std::vector<NodeId>& sources,
                                 const std::vector<std::uint8_t>& waypoint, const std::string& graph_id) {
  std::ostringstream out;
  header(out,
         {{"n_label", "node", "label", "string"},
          {"n_class", "node", "class", "string"},
          {"n_type", "node", "type", "string"},
          {"n_prior", "node", "prior", "double"},
          {"n_source", "node", "source", "boolean"},
          {"e_p", "edge", "p", "double"},
          {"e_weight", "edge", "weight", "double"},
          {"e_technique", "edge", "technique", "string"},
          {"e_via", "edge", "via", "string"},
          {"e_ttc", "edge", "ttc_mean_days", "double"},
          {"e_cost", "edge", "cost", "double"}},
         graph_id, true);
  std::vector<std::uint8_t> is_source(g.node_count(), 0);
  for (NodeId s : sources)
    if (s < is_source.size()) is_source[s] = 1;
  // Node ids are positional ("n0", ...) because raw-graph names may repeat characters XML ids forbid.
  for (NodeId v = 0; v < g.node_count(); ++v) {
    out << "    <node id=\"n" << v << "\">\n";
    data(out, "n_label", g.name(v));
    if (!waypoint.empty()) data(out, "n_class", waypoint[v] ? "zone-network" : "asset");
    data(out, "n_type", g.kind(v) == NodeKind::And ? "and" : "or");
    data(out, "n_prior", number(g.prior(v)));
    data(out, "n_source", is_source[v] ? "true" : "false");
    out << "    </node>\n";
  }
  for (EdgeId e = 0; e < g.edge_count(); ++e) {
    out << "    <edge id=\"e" << e << "\" source=\"n" << g.from(e) << "\" target=\"n" << g.to(e) << "\">\n";
    data(out, "e_p", number(g.p(e)));
    data(out, "e_weight", number(g.p(e))); // Gephi draws edge thickness from "weight"
    data(out, "e_technique", std::string(g.technique(e)));
    data(out, "e_via", std::string(g.via(e)));
    data(out, "e_ttc", number(g.ttc_mean(e)));
    data(out, "e_cost", number(g.cost(e)));
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
  return out.str();
}

} // namespace zonepath::interchange
