// Access map semantics (docs/model.md, traffic rules), each case worked out by hand.
#include <gtest/gtest.h>

#include "site_fixture.hpp"
#include "zonepath/models/access_map.hpp"

#include <random>

#include "zonepath/core/error.hpp"

using namespace zonepath;
using namespace zonepath::models;

namespace {

const char* kZones = R"([{"id": "a", "kind": "enterprise"}, {"id": "b", "kind": "control"}])";
const char* kAssets = R"([
  {"id": "ws", "zone": "a", "type": "workstation", "services": [{"protocol": "smb"}]},
  {"id": "ews", "zone": "a", "type": "engineering-workstation", "services": [{"protocol": "rdp"}]},
  {"id": "plc", "zone": "b", "type": "plc", "services": [{"protocol": "modbus-tcp"}, {"protocol": "https"}]},
  {"id": "hmi", "zone": "b", "type": "hmi", "services": [{"protocol": "vnc"}]}])";

std::string conduit(const std::string& rules, const std::string& extra = "") {
  return R"([{"id": "c", "zones": ["a", "b"], "rules": )" + rules + extra + "}]";
}

// "from->to protocol via rule" strings of all cross-zone flows, for compact assertions.
std::vector<std::string> describe(const Site& site, bool only_conduits = true) {
  std::vector<std::string> out;
  const AccessMap map = AccessMap::compute(site);
  for (const auto& f : map.flows()) {
    if (only_conduits && f.conduit == kNone) continue;
    const auto& dst = site.assets[f.dst_asset];
    std::string from = f.src_asset == kNone ? site.zones[f.src_zone].id : site.assets[f.src_asset].id;
    const Rule* r = AccessMap::rule_of(site, f);
    out.push_back(from + "->" + dst.id + ":" + dst.services[f.service].protocol + "@" +
                  (r ? std::to_string(r->position) : std::string("-")));
  }
  return out;
}

using V = std::vector<std::string>;

} // namespace

TEST(AccessMap, DenyAtLowerPriorityNumberShadowsLaterAllow) {
  auto site = fixture::make_site(kZones, kAssets, conduit(R"([
    {"priority": 20, "action": "allow", "from": "a", "to": "b"},
    {"priority": 10, "action": "deny", "from": "a", "to": "b", "protocols": ["modbus-tcp"]}])"));
  // modbus to the PLC hits the deny (priority 10) first; everything else the allow (file position 0).
  EXPECT_EQ(describe(site), (V{"a->plc:https@0", "a->hmi:vnc@0"}));
}

TEST(AccessMap, AllowAllShadowsLaterDenies) {
  auto site = fixture::make_site(kZones, kAssets, conduit(R"([
    {"priority": 1, "action": "allow", "from": "*", "to": "*"},
    {"priority": 2, "action": "deny", "from": "a", "to": "b"}])"));
  EXPECT_EQ(describe(site),
            (V{"a->plc:modbus-tcp@0", "a->plc:https@0", "a->hmi:vnc@0", "b->ws:smb@0", "b->ews:rdp@0"}));
}

TEST(AccessMap, StatefulRuleLetsOnlyFromInitiate) {
  auto site = fixture::make_site(kZones, kAssets, conduit(R"([
    {"priority": 1, "action": "allow", "from": "b", "to": "a", "protocols": ["rdp"]}])"));
  // b may open RDP to a; replies flow back, but a gets no new connection into b.
  EXPECT_EQ(describe(site), (V{"b->ews:rdp@0"}));
}

TEST(AccessMap, DefaultDenyWhenNoRuleMatches) {
  auto site = fixture::make_site(kZones, kAssets, conduit(R"([
    {"priority": 1, "action": "allow", "from": "a", "to": "b", "ports": [8443]}])"));
  EXPECT_TRUE(describe(site).empty());
}

TEST(AccessMap, PriorityNotFileOrderDecides) {
  auto site = fixture::make_site(kZones, kAssets, conduit(R"([
    {"priority": 200, "action": "allow", "from": "a", "to": "b"},
    {"priority": 100, "action": "deny", "from": "*", "to": "*"}])"));
  EXPECT_TRUE(describe(site).empty());
}

TEST(AccessMap, DataDiodePassesOnlyItsDirection) {
  auto bare = fixture::make_site(
      kZones, kAssets, R"([{"id": "c", "zones": ["a", "b"], "kind": "data-diode", "direction": "b->a"}])");
  EXPECT_EQ(describe(bare), (V{"b->ws:smb@-", "b->ews:rdp@-"}));
  // Even an allow-all rule cannot open the reverse direction of a diode.
  auto ruled = fixture::make_site(kZones, kAssets,
                                  conduit(R"([{"priority": 1, "action": "allow", "from": "*", "to": "*",
                                                              "protocols": ["smb", "modbus-tcp"]}])",
                                          R"(, "kind": "data-diode", "direction": "b->a")"));
  EXPECT_EQ(describe(ruled), (V{"b->ws:smb@0"}));
}

TEST(AccessMap, SourceDestinationProtocolAndPortNarrowing) {
  auto site = fixture::make_site(kZones, kAssets, conduit(R"([
    {"priority": 1, "action": "allow", "from": "a", "to": "b", "src_assets": ["ews"], "dst_assets": ["plc"],
     "protocols": ["modbus-tcp"]},
    {"priority": 2, "action": "allow", "from": "a", "to": "b", "ports": [443]}])"));
  // Only the EWS may speak Modbus to the PLC; any host of a reaches port 443.
  EXPECT_EQ(describe(site), (V{"ews->plc:modbus-tcp@0", "a->plc:https@1"}));
}

TEST(AccessMap, FlatZoneReachesEveryServiceIsolatedNone) {
  auto flat = fixture::make_site(kZones, kAssets, "[]");
  EXPECT_EQ(describe(flat, false),
            (V{"a->ws:smb@-", "a->ews:rdp@-", "b->plc:modbus-tcp@-", "b->plc:https@-", "b->hmi:vnc@-"}));
  auto isolated = fixture::make_site(
      R"([{"id": "a", "kind": "enterprise"}, {"id": "b", "kind": "control", "intra_zone": "isolated",
          "intra_rules": [{"priority": 5, "action": "allow", "src_assets": ["hmi"], "dst_assets": ["plc"],
                           "protocols": ["modbus-tcp"]}]}])",
      kAssets, "[]");
  EXPECT_EQ(describe(isolated, false), (V{"a->ws:smb@-", "a->ews:rdp@-", "hmi->plc:modbus-tcp@0"}));
}

TEST(AccessMap, EvaluateRulesReportsDecidingRule) {
  auto site = fixture::make_site(kZones, kAssets, conduit(R"([
    {"priority": 5, "action": "deny", "from": "a", "to": "b", "dst_assets": ["hmi"]},
    {"priority": 9, "action": "allow", "from": "a", "to": "b"}])"));
  const auto& rules = site.conduits[0].rules;
  Index hmi = site.asset_index("hmi"), plc = site.asset_index("plc");
  auto d1 = evaluate_rules(rules, 0, kNone, 1, hmi, site.assets[hmi].services[0]);
  EXPECT_FALSE(d1.allowed);
  EXPECT_EQ(d1.rule, 0);
  auto d2 = evaluate_rules(rules, 0, kNone, 1, plc, site.assets[plc].services[0]);
  EXPECT_TRUE(d2.allowed);
  EXPECT_EQ(d2.rule, 1);
  auto d3 = evaluate_rules(rules, 1, kNone, 0, site.asset_index("ws"),
                           site.assets[site.asset_index("ws")].services[0]);
  EXPECT_FALSE(d3.allowed);
  EXPECT_EQ(d3.rule, -1);
}

namespace {

// Every (zone pair, destination service, named source) decided by evaluate_rules, without any
// shortcut: the reference the access map's pruning of unlisted destinations must reproduce.
std::vector<std::string> brute_force_conduit_flows(const Site& site) {
  std::vector<std::string> out;
  for (Index c = 0; c < site.conduits.size(); ++c) {
    const auto& conduit = site.conduits[c];
    for (int dir = 0; dir < 2; ++dir) {
      Index from = conduit.zones[dir], to = conduit.zones[1 - dir];
      std::vector<Index> named;
      for (const auto& r : conduit.rules)
        for (Index a : r.src_assets)
          if (site.assets[a].zone == from) named.push_back(a);
      std::sort(named.begin(), named.end());
      named.erase(std::unique(named.begin(), named.end()), named.end());
      for (Index dst = 0; dst < site.assets.size(); ++dst) {
        if (site.assets[dst].zone != to) continue;
        for (std::size_t s = 0; s < site.assets[dst].services.size(); ++s) {
          const auto& svc = site.assets[dst].services[s];
          auto generic = evaluate_rules(conduit.rules, from, kNone, to, dst, svc);
          auto name = [&](const std::string& src, int rule) {
            return src + "->" + site.assets[dst].id + ":" + svc.protocol + "@" + std::to_string(rule) + "/" +
                   conduit.id;
          };
          if (generic.allowed) {
            out.push_back(name(site.zones[from].id, generic.rule));
            continue;
          }
          for (Index src : named) {
            if (src == dst) continue;
            auto d = evaluate_rules(conduit.rules, from, src, to, dst, svc);
            if (d.allowed) out.push_back(name(site.assets[src].id, d.rule));
          }
        }
      }
    }
  }
  return out;
}

} // namespace

TEST(AccessMap, MatchesBruteForceRuleEvaluationOnRandomSites) {
  using nlohmann::json;
  const std::vector<std::string> protocols = {"modbus-tcp", "https", "rdp", "smb", "s7comm", "ssh"};
  int checked = 0;
  for (unsigned seed = 1; seed <= 300; ++seed) {
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const int zones = 3 + pick(3), assets = 6 + pick(10);
    json z = json::array(), a = json::array(), c = json::array();
    for (int i = 0; i < zones; ++i) z.push_back({{"id", "z" + std::to_string(i)}, {"kind", "control"}});
    std::vector<std::vector<std::string>> in_zone(static_cast<std::size_t>(zones));
    for (int i = 0; i < assets; ++i) {
      int zi = pick(zones);
      std::string id = "a" + std::to_string(i);
      in_zone[static_cast<std::size_t>(zi)].push_back(id);
      json services = json::array();
      for (int s = 0, n = 1 + pick(3); s < n; ++s) services.push_back({{"protocol", protocols[pick(6)]}});
      a.push_back(
          {{"id", id}, {"zone", "z" + std::to_string(zi)}, {"type", "server"}, {"services", services}});
    }
    for (int k = 0; k < zones; ++k) {
      int x = k, y = (k + 1 + pick(zones - 1)) % zones;
      json rules = json::array();
      for (int r = 0, n = 1 + pick(4); r < n; ++r) {
        bool forward = pick(2);
        int from = forward ? x : y, to = forward ? y : x;
        json rule = {{"priority", 10 * (1 + pick(5))},
                     {"action", pick(4) ? "allow" : "deny"},
                     {"from", pick(5) ? "z" + std::to_string(from) : "*"},
                     {"to", pick(5) ? "z" + std::to_string(to) : "*"}};
        if (pick(3) == 0) rule["protocols"] = {protocols[pick(6)]};
        auto subset = [&](const std::vector<std::string>& ids) {
          json out = json::array();
          for (const auto& id : ids)
            if (pick(2)) out.push_back(id);
          return out;
        };
        const auto& dsts = in_zone[static_cast<std::size_t>(to)];
        const auto& srcs = in_zone[static_cast<std::size_t>(from)];
        if (pick(3) && !dsts.empty()) rule["dst_assets"] = subset(dsts);
        if (pick(3) == 0 && !srcs.empty()) rule["src_assets"] = subset(srcs);
        if (rule.contains("dst_assets") && rule["dst_assets"].empty()) rule.erase("dst_assets");
        if (rule.contains("src_assets") && rule["src_assets"].empty()) rule.erase("src_assets");
        rules.push_back(rule);
      }
      c.push_back({{"id", "c" + std::to_string(k)},
                   {"zones", {"z" + std::to_string(x), "z" + std::to_string(y)}},
                   {"rules", rules}});
    }
    Site site;
    try {
      site = fixture::make_site(z.dump(), a.dump(), c.dump());
    } catch (const Error&) {
      continue; // e.g. two conduits joining the same zone pair: not what this test is about
    }
    std::vector<std::string> got;
    const AccessMap map = AccessMap::compute(site);
    for (const auto& f : map.flows()) {
      if (f.conduit == kNone) continue;
      const auto& dst = site.assets[f.dst_asset];
      std::string from = f.src_asset == kNone ? site.zones[f.src_zone].id : site.assets[f.src_asset].id;
      got.push_back(from + "->" + dst.id + ":" + dst.services[f.service].protocol + "@" +
                    std::to_string(f.rule) + "/" + site.conduits[f.conduit].id);
    }
    ASSERT_EQ(got, brute_force_conduit_flows(site)) << "seed " << seed;
    ++checked;
  }
  EXPECT_GT(checked, 100);
}

TEST(AccessMap, TransportRulesMatchServicesOfThatTransport) {
  // A VPN on 1194/udp, an OpenVPN-over-TCP on 1194/tcp, SNMP (udp by the catalog), SSH (tcp).
  const char* assets = R"([
    {"id": "ws", "zone": "a", "type": "workstation", "services": [{"protocol": "smb"}]},
    {"id": "vpn", "zone": "b", "type": "vpn-server", "services": [
      {"protocol": "openvpn", "port": 1194, "transport": "udp"}, {"protocol": "openvpn-tcp", "port": 1194},
      {"protocol": "snmp"}, {"protocol": "ssh"}]}])";
  auto udp = fixture::make_site(kZones, assets,
                                conduit(R"([{"priority": 1, "action": "allow", "from": "a", "to": "b",
                                                               "protocols": ["udp"]}])"));
  EXPECT_EQ(describe(udp), (V{"a->vpn:openvpn@0", "a->vpn:snmp@0"}));
  auto tcp_port =
      fixture::make_site(kZones, assets, conduit(R"([{"priority": 1, "action": "allow", "from": "a",
                                                                    "to": "b", "protocols": ["tcp"], "ports": [1194]}])"));
  EXPECT_EQ(describe(tcp_port), (V{"a->vpn:openvpn-tcp@0"}));
  EXPECT_EQ(udp.assets[1].services[0].transport, Transport::Udp);
  EXPECT_EQ(udp.assets[1].services[1].transport, Transport::Tcp); // no transport: tcp
  EXPECT_EQ(udp.assets[1].services[2].transport, Transport::Udp); // snmp: udp-only in the catalog
  auto flows = AccessMap::compute(udp);
  std::vector<std::string> transports;
  for (const auto& f : flows.flows())
    if (f.conduit != kNone) transports.push_back(flow_to_json(udp, f)["transport"].get<std::string>());
  EXPECT_EQ(transports, (V{"udp", "udp"}));
}

TEST(AccessMap, UnknownTransportIsAnError) {
  const char* assets = R"([{"id": "vpn", "zone": "b", "type": "vpn-server",
                             "services": [{"protocol": "openvpn", "port": 1194, "transport": "sctp"}]}])";
  try {
    fixture::make_site(kZones, assets, "[]");
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.diagnostics()[0].pointer, "/assets/0/services/0/transport");
    EXPECT_NE(e.diagnostics()[0].message.find("sctp"), std::string::npos);
  }
}
