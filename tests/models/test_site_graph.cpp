// Site -> attack graph translation on tiny plants; every probability worked out by hand from
// models/data/threat-model.json (tier 2: generic exploit 0.03; remote service 0.3;
// unauthenticated protocol 0.95; SL-A 0 gives factor 1.0, SL-A 1 against tier 2 gives 0.8).
#include <gtest/gtest.h>

#include <map>

#include "site_fixture.hpp"
#include "zonepath/models/site_graph.hpp"

using namespace zonepath;
using namespace zonepath::models;

namespace {

// technique -> p of every edge from `from` to `to`.
std::multimap<std::string, double> edges_between(const SiteGraph& sg, const std::string& from,
                                                 const std::string& to, std::string* via = nullptr) {
  std::multimap<std::string, double> out;
  NodeId u = sg.graph.find(from), v = sg.graph.find(to);
  if (u == kNoNode || v == kNoNode) return out;
  for (EdgeId e = sg.graph.out_begin(u); e < sg.graph.out_end(u); ++e)
    if (sg.graph.to(e) == v) {
      out.emplace(std::string(sg.graph.technique(e)), sg.graph.p(e));
      if (via) *via = std::string(sg.graph.via(e));
    }
  return out;
}

const char* kZones = R"([{"id": "internet", "kind": "untrusted"}, {"id": "ent", "kind": "enterprise"},
                         {"id": "cell", "kind": "control"CELL}])";
const char* kAssets =
    R"([{"id": "ws", "zone": "ent", "type": "workstation", "services": [{"protocol": "rdp"}]},
                          {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}]}])";
const char* kConduits = R"([
  {"id": "inet-ent", "zones": ["internet", "ent"], "rules": [{"priority": 1, "action": "allow", "from": "internet", "to": "ent"}]},
  {"id": "ent-cell", "zones": ["ent", "cell"], "rules": [{"priority": 1, "action": "allow", "from": "ent", "to": "cell"}]}])";

Site plant(const std::string& cell_extra = "", int tier = 2, const std::string& conduits = kConduits) {
  std::string zones = kZones;
  zones.replace(zones.find("CELL"), 4, cell_extra);
  return fixture::make_site(zones, kAssets, conduits,
                            R"([{"id": "t", "sophistication": )" + std::to_string(tier) +
                                R"(, "starts": ["internet"]}])");
}

SiteGraph graph_of(const Site& site) {
  auto ctx = SiteContext::make(site);
  return build_site_graph(ctx, site.threat_actors[0]);
}

const std::string kFr1Sl1Countermeasures =
    R"(, "countermeasures": ["SR 1.1", "SR 1.3", "SR 1.4", "SR 1.5", "SR 1.6", "SR 1.7",
                                 "SR 1.10", "SR 1.11", "SR 1.12", "SR 1.13"])";

} // namespace

TEST(SiteGraph, EdgesByMeansWithHandWorkedProbabilities) {
  auto site = plant();
  auto sg = graph_of(site);
  std::string via;
  auto in = edges_between(sg, "internet", "ws", &via);
  EXPECT_EQ(via, "inet-ent");
  ASSERT_EQ(in.size(), 2u);
  EXPECT_DOUBLE_EQ(in.find("T0822")->second, 0.3);  // external remote service
  EXPECT_DOUBLE_EQ(in.find("T0866")->second, 0.03); // generic exploit, tier 2
  auto to_plc = edges_between(sg, "ent", "plc", &via);
  EXPECT_EQ(via, "ent-cell");
  ASSERT_EQ(to_plc.size(), 2u);
  EXPECT_DOUBLE_EQ(to_plc.find("T0855")->second, 0.95); // unauthenticated Modbus/TCP
  // Holding an asset gives its zone network.
  auto net = edges_between(sg, "ws", "ent");
  ASSERT_EQ(net.size(), 1u);
  EXPECT_DOUBLE_EQ(net.begin()->second, 1.0);
  // Conduits never transit: nothing from the internet straight into the cell.
  EXPECT_TRUE(edges_between(sg, "internet", "plc").empty());
  EXPECT_EQ(sg.sources, (std::vector<NodeId>{sg.zone_node(0)}));
  EXPECT_EQ(sg.waypoint[sg.zone_node(1)], 1);
  EXPECT_EQ(sg.waypoint[sg.asset_node(0)], 0);
}

TEST(SiteGraph, HigherSlNeverEasierHigherTierNeverWorse) {
  auto base = graph_of(plant());
  auto defended = graph_of(plant(kFr1Sl1Countermeasures));
  // FR1 SL-A 1 in the cell: the unauthenticated-protocol step (FRs 1, 2) meets a level-1
  // defence: tier 2 beats it with 0.8, so 0.95 x 0.8.
  EXPECT_DOUBLE_EQ(edges_between(defended, "ent", "plc").find("T0855")->second, 0.95 * 0.8);
  EXPECT_LE(edges_between(defended, "ent", "plc").find("T0855")->second,
            edges_between(base, "ent", "plc").find("T0855")->second);
  for (int tier = 1; tier < 4; ++tier) {
    auto low = graph_of(plant(kFr1Sl1Countermeasures, tier)),
         high = graph_of(plant(kFr1Sl1Countermeasures, tier + 1));
    for (const char* t : {"T0855", "T0866"})
      EXPECT_LE(edges_between(low, "ent", "plc").find(t)->second,
                edges_between(high, "ent", "plc").find(t)->second);
  }
}

TEST(SiteGraph, NoAllowedFlowNoEdge) {
  auto site = plant("", 2, R"([
    {"id": "inet-ent", "zones": ["internet", "ent"], "rules": [{"priority": 1, "action": "allow", "from": "internet", "to": "ent"}]},
    {"id": "ent-cell", "zones": ["ent", "cell"], "rules": [{"priority": 1, "action": "allow", "from": "cell", "to": "ent"}]}])");
  auto sg = graph_of(site);
  EXPECT_TRUE(edges_between(sg, "ent", "plc").empty()); // the rule lets the cell initiate, not the enterprise
  EXPECT_FALSE(edges_between(sg, "cell", "ws").empty());
}

TEST(SiteGraph, DataDiodeBlocksTheReversePath) {
  auto site = plant("", 2, R"([
    {"id": "inet-ent", "zones": ["internet", "ent"], "rules": [{"priority": 1, "action": "allow", "from": "internet", "to": "ent"}]},
    {"id": "diode", "zones": ["ent", "cell"], "kind": "data-diode", "direction": "cell->ent"}])");
  auto sg = graph_of(site);
  EXPECT_TRUE(edges_between(sg, "ent", "plc").empty());
  // The diode's own direction carries no RDP session either (TCP needs replies).
  EXPECT_TRUE(edges_between(sg, "cell", "ws").empty());
}

TEST(SiteGraph, ManagesNeedsARoute) {
  auto make = [](const std::string& rules) {
    return fixture::make_site(
        R"([{"id": "eng", "kind": "supervisory"}, {"id": "cell", "kind": "control"}])",
        R"([{"id": "ews", "zone": "eng", "type": "engineering-workstation", "manages": ["plc"]},
                                  {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "s7comm"}]}])",
        R"([{"id": "fw", "zones": ["eng", "cell"], "rules": )" + rules + "}]",
        R"([{"id": "t", "sophistication": 3, "starts": ["ews"]}])");
  };
  auto routed =
      make(R"([{"priority": 1, "action": "allow", "from": "eng", "to": "cell", "protocols": ["s7comm"]}])");
  auto sg = graph_of(routed);
  auto pd = edges_between(sg, "ews", "plc");
  ASSERT_EQ(pd.size(), 1u);
  EXPECT_DOUBLE_EQ(pd.find("T0843")->second, 0.95);
  auto unrouted = make("[]");
  EXPECT_TRUE(edges_between(graph_of(unrouted), "ews", "plc").empty()); // no route, no control
}

TEST(SiteGraph, FlatZoneVersusIsolatedZone) {
  auto make = [](const std::string& mode) {
    return fixture::make_site(
        R"([{"id": "cell", "kind": "control", "intra_zone": ")" + mode + R"("}])",
        R"([{"id": "hmi", "zone": "cell", "type": "hmi", "services": [{"protocol": "vnc"}]},
                                  {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}]}])",
        "[]", R"([{"id": "t", "sophistication": 2, "starts": ["hmi"]}])");
  };
  EXPECT_DOUBLE_EQ(edges_between(graph_of(make("flat")), "cell", "plc").find("T0855")->second, 0.95);
  EXPECT_TRUE(edges_between(graph_of(make("isolated")), "cell", "plc").empty());
}

TEST(SiteGraph, KnownVulnerabilityUsesExploitability) {
  auto site = fixture::make_site(
      R"([{"id": "internet", "kind": "untrusted"}, {"id": "dmz", "kind": "dmz"}])",
      R"([{"id": "web", "zone": "dmz", "type": "server", "services": [{"protocol": "https"}],
                                      "vulnerabilities": [{"id": "CVE-1", "cvss": "CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H"}]}])",
      R"([{"id": "fw", "zones": ["internet", "dmz"], "rules": [{"priority": 1, "action": "allow", "from": "internet", "to": "dmz"}]}])",
      R"([{"id": "t", "sophistication": 4, "starts": ["internet"]}])");
  auto sg = graph_of(site);
  // Exploitability 8.22 x 0.85 x 0.44 x 0.62 x 0.85 = 1.6201, over 3.887; T0819 from the internet.
  double expect = 8.22 * 0.85 * 0.44 * 0.62 * 0.85 / 3.887;
  auto e = edges_between(sg, "internet", "web");
  ASSERT_TRUE(e.count("T0819"));
  EXPECT_NEAR(e.find("T0819")->second, expect, 1e-12);
  EXPECT_DOUBLE_EQ(e.find("T0859")->second, 0.2);  // valid accounts on an authenticated service
  EXPECT_DOUBLE_EQ(e.find("T0866")->second, 0.25); // generic exploit, tier 4
}
