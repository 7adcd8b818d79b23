// The CSR attack graph and its builder: layout, lookups, validation, limits, memory budget and
// independence from the thread count.
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/parallel.hpp"
#include "zonepath/core/rng.hpp"

namespace zonepath {
namespace {

EdgeSpec edge(NodeId u, NodeId v, double p, TtcDistribution ttc = {}, std::string_view technique = {},
              std::string_view via = {}, double cost = 1.0) {
  EdgeSpec e;
  e.from = u;
  e.to = v;
  e.p = p;
  e.ttc = ttc;
  e.technique = technique;
  e.via = via;
  e.cost = cost;
  return e;
}

AttackGraph small() {
  AttackGraphBuilder b;
  b.add_node({"D", NodeKind::Or, 0.7});
  b.add_node({"B", NodeKind::And, 1.0});
  b.add_node({"A", NodeKind::Or, 1.0});
  // Inserted out of source order on purpose.
  b.add_edge(edge(2, 1, 0.5));                                                    // A->B
  b.add_edge(edge(0, 2, 0.25, TtcDistribution::fixed(3), "T0866", "fw-1", 2.5));  // D->A
  b.add_edge(edge(0, 1, 0.0));                                                    // D->B
  b.add_edge(edge(1, 2, 1.0, TtcDistribution::exponential(4), "T0843", "", 0.0)); // B->A
  return b.build();
}

TEST(AttackGraph, EdgesAreGroupedBySourceInInsertionOrder) {
  AttackGraph g = small();
  ASSERT_EQ(g.node_count(), 3u);
  ASSERT_EQ(g.edge_count(), 4u);
  // D's edges (inserted 2nd and 3rd) come first, then B's, then A's.
  EXPECT_EQ(g.out_begin(0), 0u);
  EXPECT_EQ(g.out_end(0), 2u);
  EXPECT_EQ(g.to(0), 2u);
  EXPECT_EQ(g.to(1), 1u);
  EXPECT_EQ(g.out_begin(1), 2u);
  EXPECT_EQ(g.out_end(1), 3u);
  EXPECT_EQ(g.out_begin(2), 3u);
  EXPECT_EQ(g.out_end(2), 4u);
  EXPECT_EQ(g.from(3), 2u);
}

TEST(AttackGraph, IncomingEdgesAndAttributes) {
  AttackGraph g = small();
  auto in_b = g.in_edges(1);
  ASSERT_EQ(in_b.size(), 2u);
  EXPECT_EQ(g.from(in_b[0]), 0u); // D->B (edge 1)
  EXPECT_EQ(g.from(in_b[1]), 2u); // A->B (edge 3)
  EXPECT_EQ(g.in_degree(0), 0u);
  EXPECT_EQ(g.in_degree(2), 2u);
  EXPECT_DOUBLE_EQ(g.p(0), 0.25);
  EXPECT_DOUBLE_EQ(g.neg_log_p(0), -std::log(0.25));
  EXPECT_TRUE(std::isinf(g.neg_log_p(1)));
  EXPECT_EQ(g.technique(0), "T0866");
  EXPECT_EQ(g.via(0), "fw-1");
  EXPECT_EQ(g.technique(1), "");
  EXPECT_FLOAT_EQ(g.cost(0), 2.5f);
  EXPECT_FLOAT_EQ(g.cost(2), 0.0f);
  EXPECT_FLOAT_EQ(g.ttc_mean(0), 3.0f);
  EXPECT_FLOAT_EQ(g.ttc_mean(2), 4.0f);
  EXPECT_EQ(g.kind(1), NodeKind::And);
  EXPECT_DOUBLE_EQ(g.prior(0), 0.7);
}

TEST(AttackGraph, FindByName) {
  AttackGraph g = small();
  EXPECT_EQ(g.find("D"), 0u);
  EXPECT_EQ(g.find("A"), 2u);
  EXPECT_EQ(g.find("Z"), kNoNode);
  EXPECT_EQ(g.find(""), kNoNode);
}

TEST(AttackGraph, BuilderRejectsBadInput) {
  auto build_with = [](EdgeSpec e, double prior = 1.0) {
    AttackGraphBuilder b;
    b.add_node({"a", NodeKind::Or, prior});
    b.add_node({"b", NodeKind::Or, 1.0});
    b.add_edge(e);
    return b.build();
  };
  EXPECT_THROW(build_with(edge(0, 2, 0.5)), GraphError);
  EXPECT_THROW(build_with(edge(0, 1, 1.5)), GraphError);
  EXPECT_THROW(build_with(edge(0, 1, -0.1)), GraphError);
  EXPECT_THROW(build_with(edge(0, 1, std::nan(""))), GraphError);
  EXPECT_THROW(build_with(edge(0, 1, 0.5, TtcDistribution{}, "", "", -1.0)), GraphError);
  EXPECT_THROW(build_with(edge(0, 1, 0.5, TtcDistribution::exponential(0.0))), GraphError);
  EXPECT_THROW(build_with(edge(0, 1, 0.5, TtcDistribution::uniform(3, 1))), GraphError);
  EXPECT_THROW(build_with(edge(0, 1, 0.5), 1.2), GraphError);
  EXPECT_NO_THROW(build_with(edge(0, 1, 0.5, TtcDistribution::gamma(2, 1))));
  AttackGraphBuilder dup;
  dup.add_node({"x", NodeKind::Or, 1.0});
  dup.add_node({"x", NodeKind::Or, 1.0});
  try {
    dup.build();
    FAIL() << "duplicate names accepted";
  } catch (const GraphError& e) {
    EXPECT_NE(std::string(e.what()).find("duplicate node name 'x'"), std::string::npos);
  }
}

TEST(AttackGraph, TooManyDistinctTechniquesIsALimitError) {
  // Technique ids are 16-bit: 65535 labels fit (the empty label included), one more does not.
  AttackGraphBuilder b;
  b.add_node({"a", NodeKind::Or, 1.0});
  for (int i = 0; i < 65535; ++i) b.add_edge(edge(0, 0, 0.5, {}, "T" + std::to_string(i)));
  EXPECT_THROW(b.build(), GraphError);
  AttackGraphBuilder ok;
  ok.add_node({"a", NodeKind::Or, 1.0});
  for (int i = 0; i < 65534; ++i) ok.add_edge(edge(0, 0, 0.5, {}, "T" + std::to_string(i)));
  EXPECT_NO_THROW(ok.build());
}

AttackGraph random_csr_graph(std::size_t n, std::size_t m) {
  RandomStream rng(11, 0);
  AttackGraphBuilder b;
  b.reserve(n, m);
  for (std::size_t i = 0; i < n; ++i) b.add_node({"n" + std::to_string(i), NodeKind::Or, 1.0});
  for (std::size_t i = 0; i < m; ++i)
    b.add_edge(edge(NodeId(rng.next() % n), NodeId(rng.next() % n), rng.uniform(),
                    TtcDistribution::exponential(1 + rng.uniform()),
                    "T08" + std::to_string(rng.next() % 90)));
  return b.build();
}

TEST(AttackGraph, MemoryWithinBudget) {
  // Issue budget: at most 64 bytes per edge plus 64 bytes per node (short names).
  const std::size_t n = 50000, m = 400000;
  AttackGraph g = random_csr_graph(n, m);
  EXPECT_LE(g.memory_bytes(), 64 * (n + m));
}

TEST(AttackGraph, SameGraphWhateverTheThreadCount) {
  const std::size_t n = 20000, m = 200000;
  AttackGraph one, two;
  {
    ThreadLimit limit(1);
    one = random_csr_graph(n, m);
  }
  {
    ThreadLimit limit(2);
    two = random_csr_graph(n, m);
  }
  ASSERT_EQ(one.edge_count(), two.edge_count());
  for (EdgeId e = 0; e < one.edge_count(); ++e) {
    ASSERT_EQ(one.from(e), two.from(e));
    ASSERT_EQ(one.to(e), two.to(e));
    ASSERT_EQ(one.p(e), two.p(e));
    ASSERT_EQ(one.technique(e), two.technique(e));
  }
  for (NodeId v = 0; v < n; ++v) {
    auto a = one.in_edges(v), b = two.in_edges(v);
    ASSERT_TRUE(std::equal(a.begin(), a.end(), b.begin(), b.end()));
  }
  // Incoming edges are listed in id order: the tie rules of the searches rely on it.
  for (NodeId v = 0; v < n; ++v) {
    auto in = one.in_edges(v);
    ASSERT_TRUE(std::is_sorted(in.begin(), in.end()));
    for (EdgeId e : in) ASSERT_EQ(one.to(e), v);
  }
}

// Parts filled separately (their own label ids) and appended give the graph that adding every
// edge to one builder gives; labels are copied, so the caller's strings may go right away.
TEST(AttackGraph, AppendedPartsEqualOneBuilder) {
  auto spec = [](NodeId u, NodeId v, int i) {
    EdgeSpec e = edge(u, v, 0.1 * (i % 9 + 1), TtcDistribution::fixed(i));
    return e;
  };
  AttackGraphBuilder whole, joined;
  std::vector<AttackGraphBuilder> parts(3);
  for (const char* n : {"a", "b", "c", "d"}) {
    whole.add_node({n});
    joined.add_node({n});
  }
  for (int i = 0; i < 30; ++i) {
    // Labels made per edge and dropped at once: the builders must keep copies.
    const std::string technique = "T08" + std::to_string(i % 4), via = "conduit-" + std::to_string(i % 3),
                      service = i % 2 ? "rdp" : "modbus-tcp";
    EdgeSpec e = spec(NodeId(i % 4), NodeId((i + 1) % 4), i);
    e.technique = technique;
    e.via = i % 5 ? std::string_view(via) : std::string_view();
    e.detail = {"known-vulnerability", service, std::uint16_t(i % 2 ? 3389 : 502), i % 3 ? "" : "CVE-1"};
    whole.add_edge(e);
    parts[static_cast<std::size_t>(i / 10)].add_edge(e);
  }
  for (auto& part : parts) joined.append_edges(std::move(part));
  const AttackGraph a = whole.build(), b = joined.build();
  ASSERT_EQ(a.edge_count(), 30u);
  ASSERT_EQ(b.edge_count(), a.edge_count());
  for (EdgeId e = 0; e < a.edge_count(); ++e) {
    EXPECT_EQ(a.from(e), b.from(e));
    EXPECT_EQ(a.to(e), b.to(e));
    EXPECT_EQ(a.p(e), b.p(e));
    EXPECT_EQ(a.ttc_mean(e), b.ttc_mean(e));
    EXPECT_EQ(a.technique(e), b.technique(e));
    EXPECT_EQ(a.via(e), b.via(e));
    EXPECT_EQ(a.detail(e), b.detail(e));
  }
  // Edge 0 of node a is insertion 0: T080 over conduit-0 is empty (0 % 5), modbus on 502.
  EXPECT_EQ(b.technique(0), "T080");
  EXPECT_EQ(b.via(0), "");
  EXPECT_EQ(b.detail(0).service, "modbus-tcp");
  EXPECT_EQ(b.detail(0).vulnerability, "CVE-1");
  AttackGraphBuilder with_nodes;
  with_nodes.add_node({"x"});
  EXPECT_THROW(joined.append_edges(std::move(with_nodes)), GraphError);
}

} // namespace
} // namespace zonepath
