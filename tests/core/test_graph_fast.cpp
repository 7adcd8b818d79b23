// The fast raw-graph reader (simdjson) against the checking one (nlohmann + JsonChecker): on
// every document the checking reader accepts, the fast one builds the same graph or declines;
// on every document it rejects, the fast one declines (so the located diagnostics stay).
#include <cstdlib>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "zonepath/core/error.hpp"
#include "zonepath/core/graph_json.hpp"
#include "zonepath/core/json_document.hpp"

#include "json_mutation.hpp"

namespace zonepath::fast_reader_test {
namespace {

// The checking reader's graph as its JSON text (every field, doubles in round-trip form), or
// nullopt when it rejects the document.
std::optional<std::string> checked(const std::string& text) {
  try {
    return graph_to_json(load_graph(JsonDocument::parse(text, "g.json"))).dump();
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::optional<std::string> fast(const std::string& text) {
  auto g = read_graph_fast(text);
  return g ? std::optional<std::string>(graph_to_json(*g).dump()) : std::nullopt;
}

// The contract on one document; returns whether the fast reader took it.
bool agree(const std::string& text) {
  auto slow = checked(text);
  auto quick = fast(text);
  if (quick) {
    EXPECT_TRUE(slow.has_value()) << "fast reader accepted what the checking one rejects: " << text;
    if (slow) {
      EXPECT_EQ(*quick, *slow) << text;
    }
  }
  return quick.has_value();
}

std::string graph(const std::string& nodes, const std::string& edges) {
  return R"({"schema": "zonepath/graph/v1", "nodes": [)" + nodes + R"(], "edges": [)" + edges + "]}";
}

const std::string kNodes =
    R"({"id": "D", "prior": 0.7}, {"id": "B"}, {"id": "C", "type": "and"}, {"id": "A"})";

TEST(GraphFast, BuildsTheSameGraphAsTheCheckingReader) {
  const std::vector<std::string> accepted = {
      graph(kNodes, R"({"from": "D", "to": "B", "p": 0.85}, {"from": "D", "to": "C", "p": 0.7},
                       {"from": "B", "to": "A", "p": 0.65}, {"from": "C", "to": "A", "p": 1.0})"),
      // Unicode names, raw and escaped (a surrogate pair), and an escaped key.
      graph(
          R"({"id": "Zone Ü/ß"}, {"id": "\u00dc\ud83d\ude00"}, {"id": "a\"b\\c"}, {"id": "x\u0000y"})",
          R"({"from": "Zone Ü/ß", "to": "Ü😀", "\u0070": 0.5}, {"from": "a\"b\\c", "to": "x\u0000y", "p": 1})"),
      // Numbers: exponents, integers, negative zero, a large unsigned integer.
      graph(kNodes, R"({"from": "D", "to": "B", "p": 5e-1, "cost": 1E2},
                       {"from": "D", "to": "C", "p": 0.25e0, "cost": 18446744073709551615},
                       {"from": "B", "to": "A", "p": -0.0, "cost": 0},
                       {"from": "C", "to": "A", "p": 1, "cost": 2.5e-3})"),
      // Every optional field and every TTC distribution.
      graph(kNodes + R"(, {"id": "E", "label": "engineering", "type": "or", "prior": 1})",
            R"({"from": "D", "to": "B", "p": 0.9, "ttc": {"dist": "fixed", "value": 0}, "technique": "T0866",
                "via": "fw-1", "means": "remote-service", "service": "rdp", "port": 3389,
                "vulnerability": "CVE-2019-0708"},
               {"from": "D", "to": "C", "p": 0.7, "ttc": {"mu": -1, "dist": "lognormal", "sigma": 0.5}, "port": 443.0},
               {"from": "B", "to": "A", "p": 0.6, "ttc": {"dist": "gamma", "shape": 2, "scale": 1.5}, "technique": ""},
               {"from": "C", "to": "A", "p": 0.5, "ttc": {"dist": "uniform", "low": 1, "high": 1}},
               {"from": "A", "to": "E", "p": 0.4, "ttc": {"dist": "exponential", "mean": 3}, "via": "fw-1"},
               {"from": "B", "to": "A", "p": 0.3, "technique": "T0866", "cost": 3})"),
      // Members in another order, blank space everywhere, no edges.
      "\n{ \"edges\" : [ ] ,\r\n\t\"nodes\" : [ { \"id\" : \"only\" } ] , \"schema\" : \"zonepath/graph/v1\" "
      "}\n",
      graph("", ""),
  };
  for (const auto& text : accepted) EXPECT_TRUE(agree(text)) << "declined: " << text;
}

TEST(GraphFast, LeavesExtensionsAndOddLabelsToTheCheckingReader) {
  const std::vector<std::string> declined = {
      R"({"schema": "zonepath/graph/v1", "x-tool": {"a": 1}, "nodes": [], "edges": []})",
      graph(R"({"id": "a", "label": {"k": [1, 2]}})", ""),
      graph(R"({"id": "a", "x-note": "n"})", ""),
      "\xEF\xBB\xBF" + graph(R"({"id": "a"})", ""),
  };
  for (const auto& text : declined) {
    EXPECT_FALSE(agree(text)) << text;
    EXPECT_TRUE(checked(text).has_value()) << text;
  }
}

TEST(GraphFast, DeclinesEveryDocumentTheCheckingReaderRejects) {
  const std::string ok_edge = R"({"from": "D", "to": "B", "p": 0.5})";
  const std::vector<std::string> rejected = {
      "",
      "   ",
      "{",
      "[]",
      "null",
      graph(kNodes, ok_edge) + " {}",
      graph(kNodes, ok_edge + ","),
      R"({"schema": "zonepath/graph/v2", "nodes": [], "edges": []})",
      R"({"nodes": [], "edges": []})",
      R"({"schema": "zonepath/graph/v1", "nodes": []})",
      R"({"schema": "zonepath/graph/v1", "nodes": [], "edges": [], "extra": 1})",
      R"({"schema": "zonepath/graph/v1", "schema": "zonepath/graph/v1", "nodes": [], "edges": []})",
      graph(R"({"id": "a"}, {"id": "a"})", ""),
      graph(R"({"id": ""})", ""),
      graph(R"({"id": 1})", ""),
      graph(R"({"id": "a", "prior": 1.5})", ""),
      graph(R"({"id": "a", "prior": true})", ""),
      graph(R"({"id": "a", "type": "xor"})", ""),
      graph(R"({"id": "a", "id": "b"})", ""),
      graph(R"({"label": "no id"})", ""),
      graph(R"("a")", ""),
      graph(kNodes, R"({"from": "D", "to": "Z", "p": 0.5})"),
      graph(kNodes, R"({"from": "D", "p": 0.5})"),
      graph(kNodes, R"({"from": "D", "to": "B"})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": 1.01})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": -0.1})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": "1"})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": 1e999})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": 0.5, "p": 0.6})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": 0.5, "cost": -1})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": 0.5, "port": 0})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": 0.5, "port": 80.5})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": 0.5, "port": 65536})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": 0.5, "technique": 7})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": 0.5, "weight": 1})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": 0.5, "ttc": {"dist": "exponential", "mean": 0}})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": 0.5, "ttc": {"dist": "exponential"}})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": 0.5, "ttc": {"dist": "fixed", "value": 1, "mean": 1}})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": 0.5, "ttc": {"dist": "uniform", "low": 2, "high": 1}})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": 0.5, "ttc": {"dist": "weibull", "k": 1}})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": 0.5, "ttc": 3})"),
      graph(R"({"id": "\ud800"})", ""),
      graph(R"({"id": "\q"})", ""),
      graph("{\"id\": \"a\x01\"}", ""),
      graph("{\"id\": \"\xff\"}", ""),
      graph(R"({"id": "a"})", "") + std::string(1, '\0'),
      graph(kNodes, R"({"from": "D", "to": "B", "p": 01})"),
      graph(kNodes, R"({"from": "D", "to": "B", "p": .5})"),
      graph(R"({"id": "a", "label": )" + std::string(70, '[') + std::string(70, ']') + "}", ""),
  };
  for (const auto& text : rejected) {
    EXPECT_FALSE(checked(text).has_value()) << "the checking reader accepts: " << text;
    EXPECT_FALSE(fast(text).has_value()) << "the fast reader accepts: " << text;
  }
}

// Single-byte mutations of a valid document: whatever the checking reader makes of each, the
// fast reader agrees (same graph or declined) and never accepts a rejected one.
TEST(GraphFast, AgreesOnMutatedDocuments) {
  const std::string base = graph(kNodes, R"({"from": "D", "to": "B", "p": 0.85, "cost": 2, "technique": "T1"},
                       {"from": "D", "to": "C", "p": 0.7, "ttc": {"dist": "gamma", "shape": 2, "scale": 1.5}},
                       {"from": "B", "to": "A", "p": 0.65, "port": 502, "via": "fw"})");
  const std::string alphabet = "{}[]\":,.-+eE0123456789 abcdnptrux\\\x01\xc3";
  std::mt19937 rng(7);
  int taken = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text = base;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < edits; ++k) zonepath::testing::mutate_byte(text, rng, alphabet);
    taken += agree(text) ? 1 : 0;
  }
  EXPECT_GT(taken, 0); // some mutations (inside strings, digits) stay valid
}

TEST(GraphFast, TurnedOffByTheEnvironment) {
  const std::string text = graph(R"({"id": "a"})", "");
  ASSERT_TRUE(fast(text).has_value());
  ::setenv("ZONEPATH_GRAPH_READER", "checking", 1);
  EXPECT_FALSE(fast(text).has_value());
  ::unsetenv("ZONEPATH_GRAPH_READER");
}

} // namespace
} // namespace zonepath::fast_reader_test
