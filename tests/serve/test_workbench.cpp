// The workbench API without HTTP: design states from operation lists, the rules marked as
// carrying a path, the diff against the baseline, the scenario document, request checks.
#include <gtest/gtest.h>

#include "zonepath/core/error.hpp"
#include "zonepath/scenarios/scenario_run.hpp"
#include "zonepath/serve/workbench.hpp"

namespace zonepath::serve {
namespace {

using json = nlohmann::json;

// internet -> cell through one firewall with two rules: [0] ssh to the HMI, [1] modbus-tcp to
// the PLC (the crown jewel). The cell is flat, so from the HMI the PLC is reachable too. So the
// PLC has a direct path (internet, plc) through rule 1 and one through the HMI (internet, hmi,
// plc) whose first step is rule 0's. Without both rules nothing enters the cell: reach 0.
json two_rule_site() {
  return json::parse(R"({
    "schema": "zonepath/site/v1", "site": {"id": "two-rules"},
    "zones": [{"id": "internet", "kind": "untrusted"}, {"id": "cell", "kind": "control"}],
    "assets": [{"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}],
                "consequence": {"safety": 5}},
               {"id": "hmi", "zone": "cell", "type": "hmi", "services": [{"protocol": "ssh"}]}],
    "conduits": [{"id": "fw", "zones": ["internet", "cell"],
                  "rules": [{"priority": 100, "action": "allow", "from": "internet", "to": "cell",
                             "protocols": ["ssh"], "dst_assets": ["hmi"]},
                            {"priority": 200, "action": "allow", "from": "internet", "to": "cell",
                             "protocols": ["modbus-tcp"], "dst_assets": ["plc"]}]}],
    "threat_actors": [{"id": "ext", "sophistication": 2, "starts": ["internet"]}]
  })");
}

WorkbenchOptions options() {
  WorkbenchOptions o;
  o.samples = 300;
  o.seed = 7;
  return o;
}

json remove_rule(int index) {
  return {{"op", "remove-rule"}, {"conduit", "fw"}, {"index", index}};
}

// The number of the listed path with these nodes, 0 when absent.
std::size_t path_number(const json& state, const std::vector<std::string>& nodes) {
  for (const auto& p : state["paths"])
    if (p["nodes"] == json(nodes)) return p["number"].get<std::size_t>();
  return 0;
}

std::vector<std::size_t> carries(const json& state, int rule) {
  return state["conduits"][0]["rules"][rule]["carries"].get<std::vector<std::size_t>>();
}

double plc_reach(const json& state, const char* side) {
  for (const auto& t : state["diff"]["targets"])
    if (t["id"] == "plc" && t["threat"] == "ext") return t["reach_probability"][side].get<double>();
  ADD_FAILURE() << "no plc target";
  return -1;
}

bool contains(const std::vector<std::size_t>& v, std::size_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

TEST(Workbench, RulesCarryingEachPathAreMarked) {
  const Workbench bench(two_rule_site(), "two-rules.json", options());
  const json state = bench.evaluate(json::object(), nullptr);
  EXPECT_EQ(state["threat"], "ext"); // the first threat actor when none is asked for
  const std::size_t direct = path_number(state, {"internet", "plc"}),
                    via_hmi = path_number(state, {"internet", "hmi", "plc"});
  ASSERT_NE(direct, 0u);
  ASSERT_NE(via_hmi, 0u);
  EXPECT_TRUE(contains(carries(state, 1), direct));
  EXPECT_FALSE(contains(carries(state, 1), via_hmi));
  EXPECT_TRUE(contains(carries(state, 0), via_hmi));
  EXPECT_FALSE(contains(carries(state, 0), direct));
  EXPECT_EQ(state["operations"].size(), 0u);
  EXPECT_DOUBLE_EQ(plc_reach(state, "baseline"), plc_reach(state, "design"));
}

TEST(Workbench, RemovingTheRuleOfThePathRemovesItAndLowersReach) {
  const Workbench bench(two_rule_site(), "two-rules.json", options());
  const json state = bench.evaluate({{"operations", json::array({remove_rule(1)})}}, nullptr);
  EXPECT_EQ(path_number(state, {"internet", "plc"}), 0u);
  EXPECT_NE(path_number(state, {"internet", "hmi", "plc"}), 0u);
  bool vanished = false;
  for (const auto& p : state["diff"]["paths_disappeared"])
    vanished |= p["nodes"] == json({"internet", "plc"});
  EXPECT_TRUE(vanished);
  EXPECT_LT(plc_reach(state, "design"), plc_reach(state, "baseline"));
  EXPECT_EQ(state["operations"][0]["op"], "remove-rule");
  EXPECT_EQ(state["conduits"][0]["rules"].size(), 1u);

  // Both rules gone: nothing enters the cell.
  const json closed = bench.evaluate({{"operations", {remove_rule(1), remove_rule(0)}}}, nullptr);
  EXPECT_EQ(plc_reach(closed, "design"), 0.0);
  EXPECT_TRUE(closed["paths"].empty());
}

TEST(Workbench, TheScenarioDocumentGivesTheSameNumbersThroughWhatif) {
  const Workbench bench(two_rule_site(), "two-rules.json", options());
  const json ops = json::array({remove_rule(1)});
  const json doc = bench.scenario({{"operations", ops}, {"id", "close-modbus"}});
  EXPECT_EQ(doc["schema"], "zonepath/scenario/v1");
  EXPECT_EQ(doc["id"], "close-modbus");
  EXPECT_EQ(doc["base"], "two-rules");
  EXPECT_EQ(doc["operations"], ops);
  models::AnalysisOptions a;
  a.samples = 300;
  a.seed = 7;
  const auto whatif = scenarios::run_whatif(two_rule_site(), "two-rules.json",
                                            {scenarios::scenario_from_json(doc, "close-modbus.json")}, a);
  const json state = bench.evaluate({{"operations", ops}}, nullptr);
  const json diff = scenarios::diff_to_json(whatif.scenarios[0].diff);
  for (const auto& t : diff["targets"])
    if (t["id"] == "plc") {
      EXPECT_EQ(t["reach_probability"]["after"].get<double>(), plc_reach(state, "design"));
    }
  EXPECT_EQ(bench.edited_site({{"operations", ops}}), whatif.scenarios[0].result.site_json);
}

TEST(Workbench, DiagramCarriesTheIdsTheAppClicks) {
  const Workbench bench(two_rule_site(), "two-rules.json", options());
  const std::string svg = bench.evaluate({{"view", "assets"}}, nullptr)["svg"];
  // Graphviz writes '-' in attribute values as "&#45;".
  for (const char* id : {"id=\"zone&#45;0\"", "id=\"zone&#45;1\"", "id=\"conduit&#45;0\"",
                         "id=\"asset&#45;0\"", "id=\"asset&#45;1\""})
    EXPECT_NE(svg.find(id), std::string::npos) << id;
}

TEST(Workbench, CompareDiffsTwoDesigns) {
  const Workbench bench(two_rule_site(), "two-rules.json", options());
  const json both = {remove_rule(1), remove_rule(0)};
  const json out =
      bench.compare({{"a", {{"operations", json::array()}}}, {"b", {{"operations", both}}}}, nullptr);
  for (const auto& t : out["diff"]["targets"])
    if (t["id"] == "plc") {
      EXPECT_EQ(t["reach_probability"]["b"].get<double>(), 0.0);
    }
  EXPECT_EQ(out["b"]["operations"].size(), 2u);
  EXPECT_NE(out["a"]["svg"].get<std::string>().find("<svg"), std::string::npos);
}

std::string first_pointer(const std::function<void()>& f) {
  try {
    f();
  } catch (const ValidationError& e) {
    return e.diagnostics().at(0).pointer;
  }
  return "(no error)";
}

TEST(Workbench, RequestsAreCheckedWhereTheyEnter) {
  const Workbench bench(two_rule_site(), "two-rules.json", options());
  EXPECT_EQ(first_pointer([&] { bench.evaluate({{"operations", 3}}, nullptr); }), "/operations");
  EXPECT_EQ(first_pointer([&] { bench.evaluate({{"bogus", 1}}, nullptr); }), "/bogus");
  EXPECT_EQ(first_pointer([&] { bench.evaluate({{"view", "3d"}}, nullptr); }), "/view");
  EXPECT_EQ(first_pointer([&] { bench.evaluate({{"threat", "nobody"}}, nullptr); }), "/threat");
  EXPECT_EQ(first_pointer([&] { bench.evaluate(json::array(), nullptr); }), "");
  EXPECT_EQ(first_pointer([&] { bench.scenario({{"id", ""}}); }), "/id");
  // An operation that cannot apply names itself.
  EXPECT_EQ(first_pointer([&] {
              bench.evaluate({{"operations", json::array({remove_rule(7)})}}, nullptr);
            }).rfind("/operations/0", 0),
            0u);
  WorkbenchOptions small = options();
  small.max_operations = 1;
  const Workbench limited(two_rule_site(), "two-rules.json", small);
  EXPECT_EQ(first_pointer([&] {
              limited.evaluate({{"operations", {remove_rule(1), remove_rule(0)}}}, nullptr);
            }),
            "/operations");
}

TEST(Workbench, APreviewIsTheAnalysisWithFewerSamples) {
  WorkbenchOptions few = options();
  few.samples = 40;
  const Workbench bench(two_rule_site(), "two-rules.json", options()),
      small(two_rule_site(), "two-rules.json", few);
  WorkbenchOptions preview = options();
  preview.preview_samples = 40;
  const Workbench previewing(two_rule_site(), "two-rules.json", preview);
  const json ops = json::array({remove_rule(1)});
  const json quick = previewing.evaluate({{"operations", ops}, {"preview", true}}, nullptr);
  const json exact = small.evaluate({{"operations", ops}}, nullptr);
  EXPECT_EQ(quick["samples"], 40);
  EXPECT_TRUE(quick["preview"].get<bool>());
  EXPECT_EQ(quick["targets"], exact["targets"]);
  const json full = previewing.evaluate({{"operations", ops}}, nullptr);
  EXPECT_EQ(full["samples"], 300);
  EXPECT_EQ(full["targets"], bench.evaluate({{"operations", ops}}, nullptr)["targets"]);
  EXPECT_EQ(first_pointer([&] { previewing.evaluate({{"preview", 1}}, nullptr); }), "/preview");
}

TEST(Workbench, ACancelledComputationThrows) {
  const Workbench bench(two_rule_site(), "two-rules.json", options());
  CancelToken cancel;
  cancel.cancel();
  EXPECT_THROW(bench.evaluate({{"operations", json::array({remove_rule(0)})}}, &cancel), CancelledError);
}

} // namespace
} // namespace zonepath::serve
