// Raw attack graph v1 loader: semantics of the fields and the quality of its error messages
// (JSON pointer, line and column, offending value, did-you-mean).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "zonepath/core/error.hpp"
#include "zonepath/core/graph_json.hpp"
#include "zonepath/core/json_document.hpp"
#include "zonepath/core/limits.hpp"

namespace zonepath {
namespace {

AttackGraph load(const std::string& text) {
  return load_graph(JsonDocument::parse(text, "g.json"));
}

// The diagnostics of a document that must be rejected.
std::vector<Diagnostic> errors_of(const std::string& text) {
  try {
    load(text);
  } catch (const ValidationError& e) {
    return e.diagnostics();
  }
  ADD_FAILURE() << "accepted: " << text;
  return {};
}

const char* kDesignExample = R"({"schema": "zonepath/graph/v1",
 "nodes": [{"id": "D", "prior": 0.7}, {"id": "B"}, {"id": "C", "type": "and"}, {"id": "A"}],
 "edges": [{"from": "D", "to": "B", "p": 0.85},
           {"from": "D", "to": "C", "p": 0.7, "ttc": {"dist": "lognormal", "mu": 1, "sigma": 0.5}},
           {"from": "B", "to": "A", "p": 0.65, "technique": "T0866", "via": "fw-1", "cost": 4},
           {"from": "C", "to": "A", "p": 1.0, "ttc": {"dist": "exponential", "mean": 10}}]})";

TEST(GraphJson, LoadsTheDesignExample) {
  AttackGraph g = load(kDesignExample);
  ASSERT_EQ(g.node_count(), 4u);
  ASSERT_EQ(g.edge_count(), 4u);
  EXPECT_DOUBLE_EQ(g.prior(g.find("D")), 0.7);
  EXPECT_DOUBLE_EQ(g.prior(g.find("B")), 1.0);
  EXPECT_EQ(g.kind(g.find("C")), NodeKind::And);
  EXPECT_EQ(g.kind(g.find("A")), NodeKind::Or);
  const EdgeId ba = g.out_begin(g.find("B"));
  EXPECT_EQ(g.technique(ba), "T0866");
  EXPECT_EQ(g.via(ba), "fw-1");
  EXPECT_FLOAT_EQ(g.cost(ba), 4.0f);
  // Defaults: cost 1 and Exponential with a mean of one day.
  const EdgeId db = g.out_begin(g.find("D"));
  EXPECT_FLOAT_EQ(g.cost(db), 1.0f);
  EXPECT_EQ(g.ttc(db).kind, TtcKind::Exponential);
  EXPECT_FLOAT_EQ(g.ttc_mean(db), 1.0f);
  EXPECT_FLOAT_EQ(g.ttc_mean(g.out_begin(g.find("C"))), 10.0f);
  EXPECT_NEAR(g.ttc_mean(db + 1), std::exp(1 + 0.125), 1e-5);
}

TEST(GraphJson, RoundTripsThroughGraphToJson) {
  AttackGraph g = load(kDesignExample);
  AttackGraph h = load_graph(JsonDocument::from_value(graph_to_json(g)));
  ASSERT_EQ(h.edge_count(), g.edge_count());
  for (EdgeId e = 0; e < g.edge_count(); ++e) {
    EXPECT_EQ(g.name(g.from(e)), h.name(h.from(e)));
    EXPECT_EQ(g.p(e), h.p(e));
    EXPECT_EQ(g.ttc_mean(e), h.ttc_mean(e));
    EXPECT_EQ(g.technique(e), h.technique(e));
    EXPECT_EQ(g.cost(e), h.cost(e));
  }
  EXPECT_EQ(h.prior(h.find("D")), 0.7);
  EXPECT_EQ(h.kind(h.find("C")), NodeKind::And);
}

TEST(GraphJson, UnknownEdgeEndpointNamesPointerLineAndSuggestion) {
  const std::string text = "{\"schema\": \"zonepath/graph/v1\",\n"
                           " \"nodes\": [{\"id\": \"plc-1\"}, {\"id\": \"ews-1\"}, {\"id\": \"hmi-1\"}],\n"
                           " \"edges\": [\n"
                           "  {\"from\": \"ews-1\", \"to\": \"plc-1\", \"p\": 0.5},\n"
                           "  {\"from\": \"ews-1\", \"to\": \"hmi-1\", \"p\": 0.5},\n"
                           "  {\"from\": \"hmi-1\", \"to\": \"plc-1\", \"p\": 0.5},\n"
                           "  {\"from\": \"ews-1\",\n"
                           "   \"to\": \"plc-2\", \"p\": 0.5}]}";
  auto ds = errors_of(text);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].pointer, "/edges/3/to");
  EXPECT_EQ(ds[0].line, 8);
  EXPECT_EQ(ds[0].column, 10);
  EXPECT_EQ(ds[0].file, "g.json");
  EXPECT_NE(ds[0].message.find("unknown node 'plc-2'"), std::string::npos);
  EXPECT_NE(ds[0].suggestion.find("did you mean 'plc-1'"), std::string::npos);
  EXPECT_NE(ds[0].format().find("g.json:8:10: /edges/3/to"), std::string::npos);
}

TEST(GraphJson, ReportsEveryProblemAtOnce) {
  auto ds = errors_of(R"({"schema": "zonepath/graph/v1",
    "nodes": [{"id": "a", "prior": 1.5}, {"id": "a"}, {"id": "b", "type": "xor", "pror": 1}],
    "edges": [{"from": "a", "to": "b", "p": 2},
              {"from": "a", "to": "b"},
              {"from": "a", "to": "b", "p": 0.5, "cost": -1, "ttc": {"dist": "exponentail", "mean": 1}}]})");
  std::vector<std::string> pointers;
  for (const auto& d : ds) pointers.push_back(d.pointer);
  for (const char* want : {"/nodes/0/prior", "/nodes/1/id", "/nodes/2/type", "/nodes/2/pror", "/edges/0/p",
                           "/edges/1", "/edges/2/cost", "/edges/2/ttc/dist"})
    EXPECT_NE(std::find(pointers.begin(), pointers.end(), want), pointers.end()) << want;
  for (const auto& d : ds) {
    EXPECT_GT(d.line, 0) << d.pointer;
    if (d.pointer == "/nodes/2/pror") {
      EXPECT_NE(d.suggestion.find("prior"), std::string::npos);
    }
    if (d.pointer == "/edges/2/ttc/dist") {
      EXPECT_NE(d.suggestion.find("exponential"), std::string::npos);
    }
  }
}

TEST(GraphJson, SchemaAndTypeErrors) {
  auto wrong_schema = errors_of(R"({"schema": "zonepath/graph/v2", "nodes": [], "edges": []})");
  ASSERT_EQ(wrong_schema.size(), 1u);
  EXPECT_EQ(wrong_schema[0].pointer, "/schema");
  auto not_object = errors_of(R"([1, 2])");
  ASSERT_FALSE(not_object.empty());
  auto missing = errors_of(R"({"schema": "zonepath/graph/v1", "nodes": [{"prior": 0.5}]})");
  EXPECT_GE(missing.size(), 2u); // missing /nodes/0/id and missing "edges"
}

TEST(GraphJson, MalformedJsonCarriesLineAndColumn) {
  try {
    load("{\"schema\": \"zonepath/graph/v1\",\n \"nodes\": [}\n");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.diagnostic().line, 2);
    EXPECT_GT(e.diagnostic().column, 0);
  }
}

TEST(GraphJson, LimitsAreEnforced) {
  JsonLimits tight;
  tight.max_depth = 3;
  EXPECT_THROW(JsonDocument::parse(R"({"a": [[[1]]]})", "deep.json", tight), ParseError);
  tight = {};
  tight.max_bytes = 10;
  EXPECT_THROW(JsonDocument::parse(R"({"schema": "zonepath/graph/v1"})", "big.json", tight), ParseError);
  EXPECT_THROW(load_graph_file("/nonexistent/graph.json"), ParseError);
  // An edge stores its technique as a 16-bit index: the first edge past the limit is named.
  std::string many = R"({"schema": "zonepath/graph/v1", "nodes": [{"id": "a"}], "edges": [)";
  for (std::size_t i = 0; i <= kMaxGraphTechniques; ++i)
    many += std::string(i ? "," : "") + R"({"from":"a","to":"a","p":1,"technique":"T)" + std::to_string(i) +
            "\"}";
  many += "]}";
  try {
    load(many);
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].pointer, "/edges/" + std::to_string(kMaxGraphTechniques) + "/technique");
    EXPECT_EQ(e.diagnostics()[0].message, "more than 65534 distinct techniques in one graph");
  }
  // The builder, which site graphs use, refuses the same number.
  AttackGraphBuilder builder;
  builder.add_node({});
  for (std::size_t i = 0; i <= kMaxGraphTechniques; ++i) {
    EdgeSpec e;
    e.from = e.to = 0;
    const std::string technique = "T" + std::to_string(i);
    e.technique = technique; // interned by add_edge
    builder.add_edge(e);
  }
  try {
    builder.build();
    FAIL();
  } catch (const GraphError& e) {
    EXPECT_STREQ(e.what(), "more than 65534 distinct techniques in one graph");
  }
}

TEST(GraphJson, LoadsFromFile) {
  const std::string path = ::testing::TempDir() + "zonepath_graph_json_test.json";
  std::ofstream(path) << kDesignExample;
  AttackGraph g = load_graph_file(path);
  EXPECT_EQ(g.node_count(), 4u);
  std::ofstream(path) << "{\"schema\": \"zonepath/graph/v1\", \"nodes\": [{\"id\": \"x\"}], \"edges\": "
                         "[{\"from\": \"x\", \"to\": \"y\", \"p\": 1}]}";
  try {
    load_graph_file(path);
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.diagnostics()[0].file, path);
    EXPECT_EQ(e.diagnostics()[0].line, 1);
  }
  std::remove(path.c_str());
}

} // namespace
} // namespace zonepath
