// AttackGraphBuilder's runs: edges added directly and parts appended (parts that themselves
// took parts) give each edge the id of its place in (source, insertion order), with its own
// values, labels and TTC distribution bit for bit, whatever mix of runs carried it.
#include <algorithm>
#include <bit>
#include <numeric>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "zonepath/core/attack_graph.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/rng.hpp"

namespace zonepath {
namespace {

// An edge as the test keeps it: owning strings, so the expectation outlives the EdgeSpec.
struct KeptEdge {
  NodeId from, to;
  double p, cost;
  TtcDistribution ttc;
  std::string technique, via, service, vulnerability;
  std::uint16_t port;

  EdgeSpec spec() const {
    EdgeSpec e;
    e.from = from;
    e.to = to;
    e.p = p;
    e.cost = cost;
    e.ttc = ttc;
    e.technique = technique;
    e.via = via;
    e.detail = {service.empty() ? "" : "known-vulnerability", service, port, vulnerability};
    return e;
  }
};

std::vector<KeptEdge> random_edges(std::size_t m, std::size_t n, std::uint64_t seed) {
  RandomStream rng(seed, 1);
  auto pick = [&](std::size_t k) { return static_cast<std::size_t>(rng.next() % k); };
  // Few distinct distributions, as in plant graphs, with 0 and -0 among them (two entries).
  const std::vector<TtcDistribution> ttcs = {
      TtcDistribution::fixed(0.0),          TtcDistribution::fixed(-0.0),
      TtcDistribution::exponential(2.5),    TtcDistribution::exponential(0.25),
      TtcDistribution::lognormal(0.1, 0.4), TtcDistribution::gamma(2, 3),
      TtcDistribution::uniform(1, 7)};
  std::vector<KeptEdge> out;
  for (std::size_t i = 0; i < m; ++i) {
    KeptEdge e{NodeId(pick(n)),
               NodeId(pick(n)),
               double(pick(1001)) / 1000,
               double(pick(50)),
               ttcs[pick(ttcs.size())],
               pick(3) ? "T08" + std::to_string(pick(5)) : "",
               pick(2) ? "conduit-" + std::to_string(pick(4)) : "",
               pick(2) ? (pick(2) ? "rdp" : "modbus-tcp") : "",
               pick(4) ? "" : "CVE-" + std::to_string(pick(3)),
               std::uint16_t(pick(3) * 100)};
    if (e.service.empty()) e.vulnerability.clear(), e.port = 0;
    out.push_back(std::move(e));
  }
  return out;
}

std::uint32_t bits(float x) {
  return std::bit_cast<std::uint32_t>(x);
}

TEST(AttackGraphBuilder, RunsOfEveryKindGiveSourceThenInsertionOrder) {
  constexpr std::size_t n = 13, m = 400;
  const std::vector<KeptEdge> edges = random_edges(m, n, 7);
  AttackGraphBuilder builder;
  for (std::size_t v = 0; v < n; ++v) builder.add_node({"n" + std::to_string(v)});
  auto add = [&](AttackGraphBuilder& b, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) b.add_edge(edges[i].spec());
  };
  // [0, 90) directly; [90, 200) a part holding its own edges then a part of its own;
  // [200, 250) directly; [250, 400) two parts, the first shrunk.
  EXPECT_EQ(builder.add_edge(edges[0].spec()), 0u);
  add(builder, 1, 90);
  AttackGraphBuilder outer, inner, third, fourth;
  add(outer, 90, 140);
  add(inner, 140, 200);
  outer.append_edges(std::move(inner));
  EXPECT_EQ(outer.edge_count(), 110u);
  builder.append_edges(std::move(outer));
  EXPECT_EQ(builder.add_edge(edges[200].spec()), 200u);
  add(builder, 201, 250);
  add(third, 250, 330);
  third.shrink_to_fit();
  add(fourth, 330, 400);
  builder.append_edges(std::move(third));
  builder.append_edges(std::move(fourth));
  ASSERT_EQ(builder.edge_count(), m);
  const AttackGraph g = builder.build();

  // The expectation: insertion indices stably sorted by source.
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return edges[a].from < edges[b].from; });
  ASSERT_EQ(g.edge_count(), m);
  for (EdgeId e = 0; e < m; ++e) {
    const KeptEdge& k = edges[order[e]];
    SCOPED_TRACE("edge " + std::to_string(e) + " = insertion " + std::to_string(order[e]));
    EXPECT_EQ(g.from(e), k.from);
    EXPECT_EQ(g.to(e), k.to);
    EXPECT_EQ(g.p(e), k.p);
    EXPECT_EQ(g.cost(e), float(k.cost));
    EXPECT_EQ(g.ttc(e).kind, k.ttc.kind);
    EXPECT_EQ(bits(g.ttc(e).a), bits(k.ttc.a));
    EXPECT_EQ(bits(g.ttc(e).b), bits(k.ttc.b));
    EXPECT_EQ(g.ttc_mean(e), float(k.ttc.mean()));
    EXPECT_EQ(g.technique(e), k.technique);
    EXPECT_EQ(g.via(e), k.via);
    EXPECT_EQ(g.detail(e).service, k.service);
    EXPECT_EQ(g.detail(e).vulnerability, k.vulnerability);
    EXPECT_EQ(g.detail(e).port, k.port);
  }
  for (NodeId v = 0; v < n; ++v) {
    const auto expected =
        std::count_if(edges.begin(), edges.end(), [&](const KeptEdge& k) { return k.from == v; });
    EXPECT_EQ(g.out_end(v) - g.out_begin(v), static_cast<EdgeId>(expected));
  }
}

// A bad edge in an appended part is named by its insertion index in the whole builder.
TEST(AttackGraphBuilder, ErrorsNameTheInsertionIndexAcrossParts) {
  auto build_with_bad = [](std::size_t bad, std::size_t part_from) {
    std::vector<KeptEdge> edges = random_edges(120, 5, 3);
    edges[bad].p = 1.5;
    AttackGraphBuilder builder, part;
    for (int v = 0; v < 5; ++v) builder.add_node({"n" + std::to_string(v)});
    for (std::size_t i = 0; i < part_from; ++i) builder.add_edge(edges[i].spec());
    for (std::size_t i = part_from; i < edges.size(); ++i) part.add_edge(edges[i].spec());
    builder.append_edges(std::move(part));
    try {
      builder.build();
    } catch (const GraphError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(build_with_bad(97, 40).find("edge 97: p must be within [0, 1]"), std::string::npos);
  EXPECT_NE(build_with_bad(12, 40).find("edge 12: p must be within [0, 1]"), std::string::npos);
}

} // namespace
} // namespace zonepath
