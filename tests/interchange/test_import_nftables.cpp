// nftables JSON: the OT firewall of tests/data/import (sets, jump, goto, return, NAT, IPv6),
// small rulesets for single constructs, and the bounds on inlining jumps.
#include <gtest/gtest.h>

#include "zonepath/core/error.hpp"
#include "zonepath/interchange/import_nftables.hpp"
#include "zonepath/interchange/import_site.hpp"

using namespace zonepath;
using namespace zonepath::interchange;
using nlohmann::json;

namespace {
const std::string kNftDir = std::string(ZONEPATH_TEST_DATA) + "/import/";

std::vector<std::string> nft_nets(const FirewallRule& r, bool src) {
  std::vector<std::string> out;
  for (const auto& n : src ? r.src_nets : r.dst_nets) out.push_back(n.str());
  return out;
}

// A ruleset with one forward chain holding `rules` (each a list of expressions) and more chains.
std::string ruleset(const json& forward_rules, const json& chains = json::object(),
                    const std::string& policy = "drop") {
  json items = json::array();
  items.push_back({{"table", {{"family", "inet"}, {"name", "f"}}}});
  items.push_back({{"chain",
                    {{"family", "inet"},
                     {"table", "f"},
                     {"name", "forward"},
                     {"type", "filter"},
                     {"hook", "forward"},
                     {"prio", 0},
                     {"policy", policy}}}});
  for (const auto& [name, rules] : chains.items()) {
    items.push_back({{"chain", {{"family", "inet"}, {"table", "f"}, {"name", name}}}});
    for (const auto& r : rules)
      items.push_back({{"rule", {{"family", "inet"}, {"table", "f"}, {"chain", name}, {"expr", r}}}});
  }
  for (const auto& r : forward_rules)
    items.push_back({{"rule", {{"family", "inet"}, {"table", "f"}, {"chain", "forward"}, {"expr", r}}}});
  return json{{"nftables", items}}.dump(1);
}

json dport(json right) {
  return {
      {"match",
       {{"op", "=="}, {"left", {{"payload", {{"protocol", "tcp"}, {"field", "dport"}}}}}, {"right", right}}}};
}
json jump(const std::string& to) {
  return {{"jump", {{"target", to}}}};
}
const json kAccept = {{"accept", nullptr}};
} // namespace

TEST(ImportNftables, OtFirewall) {
  std::vector<ImportNote> notes;
  auto rules = parse_nftables_json(read_text_file(kNftDir + "nftables-ops-fw.json"), "nft.json", notes);
  // Worked out from the file: the jump into ot_cells gives its two rules (the unconditional
  // return hides the third), SCADA polls, the goto gives from_dmz's rule and the policy for the
  // rest of the DMZ, the enterprise drop, then the policy.
  ASSERT_EQ(rules.size(), 7u);
  EXPECT_EQ(rules[0].src_interface, "eth2");
  EXPECT_EQ(nft_nets(rules[0], true), (std::vector<std::string>{"10.10.0.20/32"}));
  EXPECT_EQ(nft_nets(rules[0], false), (std::vector<std::string>{"10.20.1.0/24", "10.20.2.0/24"}));
  EXPECT_EQ(rules[0].ports, (std::vector<int>{502, 20256, 44818, 5006, 5007}));
  EXPECT_EQ(rules[0].description, "engineering protocols");
  EXPECT_EQ(nft_nets(rules[1], false),
            (std::vector<std::string>{"10.20.1.0/24"})); // jump's set meets 10.20.1.0/24
  EXPECT_EQ(rules[1].ports, (std::vector<int>{22}));
  EXPECT_EQ(nft_nets(rules[2], true),
            (std::vector<std::string>{"10.10.0.20/32", "10.10.0.30/32"})); // @scada_hosts
  EXPECT_TRUE(rules[3].allow);
  EXPECT_EQ(rules[3].ports, (std::vector<int>{135}));
  EXPECT_FALSE(rules[4].allow); // goto: what from_dmz leaves undecided meets the policy drop
  EXPECT_EQ(nft_nets(rules[4], true), (std::vector<std::string>{"10.2.0.0/24"}));
  EXPECT_TRUE(rules[4].dst_nets.empty());
  EXPECT_EQ(nft_nets(rules[5], false),
            (std::vector<std::string>{"10.20.0.0/16"})); // a range 10.20.0.0-10.20.255.255
  EXPECT_TRUE(rules[6].policy);
  EXPECT_FALSE(rules[6].allow);
  std::vector<int> priorities;
  for (const auto& r : rules) priorities.push_back(static_cast<int>(r.priority));
  EXPECT_EQ(priorities, (std::vector<int>{10, 20, 30, 40, 50, 60, 0}));
  auto note = [&](const std::string& level, const std::string& part) {
    for (const auto& n : notes)
      if (n.level == level && n.message.find(part) != std::string::npos) return n.line;
    return -1;
  };
  EXPECT_EQ(note("warning", "IPv6 rule"), 37);
  EXPECT_EQ(note("error", "negated match"), 40);
  EXPECT_EQ(note("error", "meta mark"), 44);
  EXPECT_EQ(note("warning", "NAT rule not translated"), 61);
  EXPECT_EQ(note("warning", "table ip6 filter6"), 63);
  EXPECT_EQ(note("info", "hook input"), 4);
  EXPECT_EQ(note("info", "established/related"), 16);
}

TEST(ImportNftables, PlacedOnTheConduits) {
  ImportOptions o;
  o.zone_map = kNftDir + "zone-map.csv";
  ImportOutcome out = import_files(load_site_value(kNftDir + "plant-base.json"), "out.json",
                                   {kNftDir + "inventory-messy.csv", kNftDir + "nftables-ops-fw.json"}, o);
  const json& f = out.report["files"][1];
  EXPECT_EQ(f["kind"], "nftables");
  json c2;
  for (const auto& c : out.site["conduits"])
    if (c["id"] == "fw-ops-cell2") c2 = c;
  ASSERT_EQ(c2["rules"].size(), 3u); // EWS engineering ports, SCADA polls, the policy
  EXPECT_EQ(c2["rules"][0]["src_assets"], json::array({"ews-eng-01"}));
  EXPECT_EQ(c2["rules"][1]["src_assets"], json::array({"ews-eng-01", "scada-srv"}));
  EXPECT_EQ(c2["rules"][1]["dst_assets"], json::array({"plc-press-01"}));
  EXPECT_EQ(c2["rules"][2]["priority"], 1000000);
}

TEST(ImportNftables, SetsRangesComparisonsAndVerdicts) {
  std::vector<ImportNote> notes;
  json r1 = json::array({dport({{"set", json::array({80, json{{"range", {8000, 8080}}}})}}), kAccept});
  json r2 = json::array(
      {{{"match",
         {{"op", "<"}, {"left", {{"payload", {{"protocol", "th"}, {"field", "dport"}}}}}, {"right", 1024}}}},
       {{"drop", nullptr}}});
  json r3 = json::array({dport("https"), {{"reject", {{"type", "tcp reset"}}}}});
  auto rules = parse_nftables_json(ruleset({r1, r2, r3}, json::object(), "accept"), "t.json", notes);
  ASSERT_EQ(rules.size(), 4u);
  EXPECT_EQ(rules[0].ports.size(), 82u); // 80 and 8000..8080
  EXPECT_TRUE(rules[1].ports.empty());
  EXPECT_EQ(rules[1].port_ranges, (std::vector<std::pair<int, int>>{{1, 1023}})); // resolved when placed
  EXPECT_EQ(rules[2].ports, (std::vector<int>{443}));
  EXPECT_FALSE(rules[2].allow);         // reject refuses like drop
  EXPECT_EQ(rules[2].transport, "tcp"); // tcp dport: TCP services only
  EXPECT_EQ(rules[1].transport, "");    // th dport: either
  EXPECT_TRUE(rules[3].allow);          // policy accept
}

TEST(ImportNftables, JumpsAreInlinedWithinBounds) {
  std::vector<ImportNote> notes;
  // c0 .. c11, each jumping three times into the next (as a ruleset that counts traffic per
  // source would): 3^12 paths to the bottom chain, within the nesting bound of 16.
  json chains = json::object();
  for (int i = 0; i < 12; ++i) {
    std::string next = "c" + std::to_string(i + 1);
    json counted = json::array({{{"counter", {{"packets", 0}, {"bytes", 0}}}}, jump(next)});
    chains["c" + std::to_string(i)] = json::array({counted, counted, counted});
  }
  chains["c12"] = json::array({json::array({dport(502), kAccept})});
  std::string text = ruleset(json::array({json::array({jump("c0")})}), chains);
  try {
    parse_nftables_json(text, "blowup.json", notes);
    FAIL() << "exponential inlining accepted";
  } catch (const LimitError& e) {
    EXPECT_NE(std::string(e.what()).find("blowup.json: chain c"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("more than 100000 rules"), std::string::npos) << e.what();
  }
  // A loop stops at the nesting bound, naming the chain.
  json loop = {{"a", json::array({json::array({jump("b")})})},
               {"b", json::array({json::array({jump("a")})})}};
  try {
    parse_nftables_json(ruleset(json::array({json::array({jump("a")})}), loop), "loop.json", notes);
    FAIL() << "jump loop accepted";
  } catch (const LimitError& e) {
    EXPECT_NE(std::string(e.what()).find("nested deeper than 16"), std::string::npos) << e.what();
  }
  // Few jumps: fine, and the jump's port meets the chain's.
  json small = {{"x", json::array({json::array({dport(json{{"set", {22, 502}}}), kAccept})})}};
  auto rules = parse_nftables_json(ruleset(json::array({json::array({dport(502), jump("x")})}), small),
                                   "ok.json", notes);
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].ports, (std::vector<int>{502}));
}

TEST(ImportNftables, NotARuleset) {
  std::vector<ImportNote> notes;
  EXPECT_THROW(parse_nftables_json("{\"tables\": []}", "x.json", notes), ParseError);
  EXPECT_THROW(parse_nftables_json("{\"nftables\": [", "x.json", notes), ParseError);
  EXPECT_TRUE(is_nftables_json(" {\n \"nftables\": []}"));
  EXPECT_FALSE(is_nftables_json("{\"document\": {\"nftables\": 1}}"));
}
