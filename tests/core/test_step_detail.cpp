// Step details (means, service, port, vulnerability) travel with the edges: through the graph
// builder's interning, ranked paths, path JSON and text, and the graph JSON round trip.
#include <gtest/gtest.h>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/graph_json.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/core/path_listing.hpp"

using namespace zonepath;

namespace {

EdgeSpec step(NodeId from, NodeId to, double p) {
  EdgeSpec e;
  e.from = from;
  e.to = to;
  e.p = p;
  return e;
}

AttackGraph two_steps() {
  AttackGraphBuilder b;
  NodeId s = b.add_node({"s"}), m = b.add_node({"m"}), t = b.add_node({"t"});
  EdgeSpec first = step(s, m, 0.5);
  first.technique = "T0866";
  first.detail = {"known-vulnerability", "rdp", 3389, "CVE-2019-0708"};
  b.add_edge(first);
  EdgeSpec second = step(m, t, 0.9);
  second.detail = {"unauthenticated-protocol", "modbus-tcp", 502, ""};
  b.add_edge(second);
  b.add_edge(step(s, t, 0.01)); // no detail
  return b.build();
}

} // namespace

TEST(StepDetail, KeptPerEdgeAndShared) {
  AttackGraph g = two_steps();
  EXPECT_EQ(g.detail(0).vulnerability, "CVE-2019-0708");
  EXPECT_EQ(g.detail(0).port, 3389);
  EXPECT_TRUE(g.detail(1).empty()); // edges are ordered by source: s->m, s->t, m->t
  EXPECT_EQ(g.detail(2).means, "unauthenticated-protocol");
}

TEST(StepDetail, PathJsonAndTextNameWhatEachStepUses) {
  AttackGraph g = two_steps();
  NodeId s = g.find("s"), t = g.find("t");
  RankedPaths ranked = ranked_paths(g, {}, std::span<const NodeId>(&s, 1), std::span<const NodeId>(&t, 1), 1,
                                    PathMetric::Likelihood);
  ASSERT_EQ(ranked.paths.size(), 1u);
  nlohmann::json j = path_to_json(g, ranked.paths[0]);
  ASSERT_EQ(j["steps"].size(), 2u); // 0.45 beats the direct 0.01
  EXPECT_EQ(j["steps"][0]["vulnerability"], "CVE-2019-0708");
  EXPECT_EQ(j["steps"][0]["service"], "rdp");
  EXPECT_EQ(j["steps"][0]["port"], 3389);
  EXPECT_EQ(j["steps"][1]["means"], "unauthenticated-protocol");
  EXPECT_FALSE(j["steps"][1].contains("vulnerability"));
  const std::string text = path_to_text(g, ranked.paths[0]);
  EXPECT_NE(text.find("T0866 (CVE-2019-0708 on rdp/3389, known-vulnerability)"), std::string::npos) << text;
  EXPECT_NE(text.find("(modbus-tcp/502, unauthenticated-protocol)"), std::string::npos) << text;
}

TEST(StepDetail, GraphJsonRoundTrip) {
  AttackGraph g = two_steps();
  nlohmann::json out = graph_to_json(g);
  AttackGraph back = load_graph(JsonDocument::parse(out.dump(), "g.json"));
  ASSERT_EQ(back.edge_count(), g.edge_count());
  for (EdgeId e = 0; e < g.edge_count(); ++e) EXPECT_EQ(back.detail(e), g.detail(e));
}

// The tables look up recent labels and details by the address of the caller's views; the text
// decides. A buffer reused with other text gets other ids, the same text from anywhere the same.
TEST(StepDetail, InterningByTextWhateverTheViewsAddress) {
  LabelTable labels;
  std::string buffer = "T0866";
  const std::uint32_t first = labels.intern(buffer);
  labels.intern("T0800"); // the last-label check no longer hits
  buffer = "T0812";       // same capacity: most likely the same address
  const std::uint32_t second = labels.intern(buffer);
  EXPECT_NE(first, second);
  EXPECT_EQ(labels.table()[second], "T0812");
  const std::string elsewhere = "T0866";
  labels.intern("T0800");
  EXPECT_EQ(labels.intern(elsewhere), first);
  EXPECT_EQ(labels.size(), 4u); // "", T0866, T0800, T0812

  StepDetailTable details;
  std::string service = "rdp", vulnerability = "CVE-2019-0708";
  const std::uint32_t rdp = details.intern({"known-vulnerability", service, 3389, vulnerability});
  details.intern({"remote-service", "ssh", 22, ""});
  service = "vnc";
  const std::uint32_t vnc = details.intern({"known-vulnerability", service, 3389, vulnerability});
  EXPECT_NE(rdp, vnc);
  EXPECT_EQ(details.table()[vnc].service, "vnc");
  details.intern({"remote-service", "ssh", 22, ""});
  EXPECT_EQ(details.intern({"known-vulnerability", "rdp", 3389, "CVE-2019-0708"}), rdp);
  EXPECT_EQ(details.size(), 4u); // the empty detail and three others

  // Many details share the few recent entries: each lookup must still find its own.
  std::vector<std::uint32_t> ids;
  for (int i = 0; i < 300; ++i)
    ids.push_back(details.intern({"known-vulnerability", i % 2 ? "rdp" : "smb", std::uint16_t(i % 7),
                                  "CVE-2024-" + std::to_string(1000 + i)}));
  for (int i = 299; i >= 0; --i) {
    const std::string cve = "CVE-2024-" + std::to_string(1000 + i);
    const std::uint32_t id =
        details.intern({"known-vulnerability", i % 2 ? "rdp" : "smb", std::uint16_t(i % 7), cve});
    EXPECT_EQ(id, ids[static_cast<std::size_t>(i)]);
    EXPECT_EQ(details.table()[id].vulnerability, cve);
  }
  EXPECT_EQ(details.size(), 304u);
}
