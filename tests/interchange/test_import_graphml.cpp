// GraphML export of a site and of its attack graph.
#include <gtest/gtest.h>

#include "zonepath/core/text_escape.hpp"
#include "zonepath/interchange/graphml_export.hpp"
#include "zonepath/models/site_graph.hpp"
#include "zonepath/models/site_loader.hpp"

using namespace zonepath;
using namespace zonepath::models;
using namespace zonepath::interchange;

namespace {
std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}
} // namespace

TEST(ImportGraphml, Escaping) {
  EXPECT_EQ(xml_escape("a<b & \"c\" 'd'>\x01"), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
}

TEST(ImportGraphml, SiteAndAttackGraph) {
  auto site = load_site_json(nlohmann::json::parse(R"({
    "schema": "zonepath/site/v1", "site": {"id": "g"},
    "zones": [{"id": "ent", "kind": "enterprise", "name": "Office <IT>"}, {"id": "cell", "kind": "control"}],
    "assets": [{"id": "ews", "zone": "cell", "type": "engineering-workstation", "services": [{"protocol": "rdp"}],
                "manages": ["plc"]},
               {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}]}],
    "conduits": [{"id": "fw", "zones": ["ent", "cell"], "rules": [
       {"priority": 1, "action": "allow", "from": "ent", "to": "cell", "protocols": ["rdp"]}]}],
    "threat_actors": [{"id": "t", "sophistication": 2, "starts": ["ent"]}]})"),
                             "g.json");
  std::string s = site_graphml(*site);
  EXPECT_EQ(count(s, "<node "), 4u); // 2 zones + 2 assets
  EXPECT_EQ(count(s, "<edge "), 4u); // 1 conduit + 2 memberships + 1 manages
  EXPECT_EQ(count(s, ">conduit<"), 1u);
  EXPECT_EQ(count(s, ">manages<"), 1u);
  EXPECT_NE(s.find("Office &lt;IT&gt;"), std::string::npos);

  auto ctx = SiteContext::make(*site);
  SiteGraph g = build_site_graph(ctx, site->threat_actors[0]);
  std::string a = attack_graph_graphml(g.graph, g.sources, g.waypoint, "g:t");
  EXPECT_EQ(count(a, "<node "), g.graph.node_count());
  EXPECT_EQ(count(a, "<edge "), g.graph.edge_count());
  EXPECT_EQ(count(a, ">true</data>"), g.sources.size());
  EXPECT_EQ(count(a, ">zone-network<"), 2u);
  EXPECT_GT(g.graph.edge_count(), 0u);
}
