// JsonDocument::parse reads valid documents with simdjson and everything else with nlohmann's
// checking parser: whichever reader takes a text, the document (down to each value's type) and
// the verdict must be nlohmann's own. nlohmann::json::parse is the reference here.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "zonepath/core/json_document.hpp"
#include "zonepath/core/progress.hpp"

#include "json_mutation.hpp"
#include "strict_json.hpp"

using namespace zonepath;
using nlohmann::json;
using zonepath::testing::same_json;

namespace {

// The document JsonDocument builds must be the one nlohmann builds.
void expect_as_nlohmann(const std::string& text) {
  SCOPED_TRACE(text);
  const json reference = json::parse(text);
  const JsonDocument doc = JsonDocument::parse(text, "t.json");
  EXPECT_TRUE(same_json(doc.root(), reference)) << doc.root().dump() << " vs " << reference.dump();
}

// Text nlohmann refuses must be refused, with a located error.
void expect_refused(const std::string& text) {
  SCOPED_TRACE(text);
  EXPECT_FALSE(json::accept(text));
  try {
    JsonDocument::parse(text, "t.json");
    ADD_FAILURE() << "accepted";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.diagnostic().file, "t.json");
    EXPECT_GE(e.diagnostic().line, 1);
  }
}

} // namespace

TEST(JsonFastPath, NumbersKeepNlohmannsTypes) {
  // Unsigned without a sign, signed with one, float with a fraction or exponent; integers past
  // 64 bits and -0 become what nlohmann makes of them.
  for (const char* number : {"0",
                             "1",
                             "-1",
                             "9223372036854775807",
                             "9223372036854775808",
                             "18446744073709551615",
                             "18446744073709551616",
                             "-9223372036854775808",
                             "-9223372036854775809",
                             "-0",
                             "-0.0",
                             "0.0",
                             "1.0",
                             "1e2",
                             "1E+2",
                             "-1e-2",
                             "0.1",
                             "1.7976931348623157e308",
                             "5e-324",
                             "1e-400",
                             "123456789012345678901234567890",
                             "2.2250738585072011e-308"}) {
    expect_as_nlohmann(std::string("{\"n\": ") + number + "}");
    expect_as_nlohmann(std::string("[") + number + ", " + number + "]");
  }
}

TEST(JsonFastPath, StringsAndStructureAsNlohmann) {
  for (const char* text :
       {R"({"a": "\u00e9\ud83d\ude00\/\b\f\n\r\t\"\\", "": "", "k\u0000": "nul"})",
        "{\"caf\xc3\xa9\": \"\xe2\x82\xac\"}",
        R"([[], {}, [[[]]], {"a": {"b": {"c": [true, false, null]}}}])", " \n\t{\"x\": [1, \"2\", 3.5]} \r\n",
        "\xEF\xBB\xBF{\"bom\": 1}", "5", "\"just a string\"", "null", "[]", "{}"})
    expect_as_nlohmann(text);
}

TEST(JsonFastPath, RefusesWhatNlohmannRefuses) {
  for (const char* text : {R"({"a": "\ud800"})",
                           R"({"a": "\udc00"})",
                           R"({"a": "\ud800\u0041"})",
                           "{\"a\": \"tab\there\"}",
                           "[1, 2,]",
                           "{\"a\": 1,}",
                           "[01]",
                           "[1.]",
                           "[.5]",
                           "[+1]",
                           "{} x",
                           "[1] [2]",
                           "{\"a\": \"\xff\"}",
                           "{\"a\": \"\xc0\x80\"}",
                           "[1e999]",
                           "[-1e999]",
                           "{\"a\" 1}",
                           "{'a': 1}",
                           "[tru]",
                           "[nul]",
                           "[\"unterminated]",
                           "{\"a\": 1"})
    expect_refused(text);
}

TEST(JsonFastPath, RepeatedKeysAreStillRefusedWithTheirPlace) {
  try {
    JsonDocument::parse("{\n  \"a\": {\"x\": 1,\n   \"x\": 2}\n}", "dup.json");
    FAIL() << "accepted";
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("duplicate key 'x'"), std::string::npos);
    EXPECT_EQ(e.diagnostic().pointer, "/a/x");
    EXPECT_EQ(e.diagnostic().line, 3);
  }
}

namespace {

// A random document of objects, arrays, strings with escapes and numbers of every kind.
std::string random_document(std::mt19937& rng, int depth) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  static const char* scalars[] = {"0",
                                  "-0",
                                  "17",
                                  "-17",
                                  "1.5",
                                  "-2.5e-3",
                                  "1e300",
                                  "18446744073709551615",
                                  "9223372036854775808",
                                  "true",
                                  "false",
                                  "null",
                                  "\"\"",
                                  "\"a\\nb\"",
                                  "\"\\u00e9\"",
                                  "\"\\ud83d\\ude00\"",
                                  "\"x\\\"y\"",
                                  "\"\xc3\xa9t\xc3\xa9\""};
  if (depth > 4 || pick(3) == 0) return scalars[pick(std::size(scalars))];
  std::string out;
  const int n = pick(5);
  if (pick(2) == 0) {
    out = "[";
    for (int i = 0; i < n; ++i) out += (i ? ", " : "") + random_document(rng, depth + 1);
    return out + "]";
  }
  out = "{";
  for (int i = 0; i < n; ++i)
    out += (i ? ", \"k" : "\"k") + std::to_string(i) + "\": " + random_document(rng, depth + 1);
  return out + "}";
}

} // namespace

TEST(JsonFastPath, RandomAndMutatedDocumentsGetNlohmannsVerdict) {
  // Valid documents, then the same with one byte replaced, inserted or deleted: whatever
  // JsonDocument accepts nlohmann accepts as the same document, and whatever it refuses
  // nlohmann refuses too, or repeats a key (which nlohmann lets the last one win).
  std::mt19937 rng(20261207);
  const std::string alphabet = "{}[],:\"\\-.0123456789eE+tfnulrsa \n\xc3\xa9\xed\xff";
  int accepted = 0, refused = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string text = "{\"root\": " + random_document(rng, 0) + "}";
    if (round % 4 != 0) zonepath::testing::mutate_byte(text, rng, alphabet);
    SCOPED_TRACE(text);
    try {
      const JsonDocument doc = JsonDocument::parse(text, "r.json");
      ++accepted;
      ASSERT_TRUE(json::accept(text));
      ASSERT_TRUE(same_json(doc.root(), json::parse(text)));
    } catch (const ParseError& e) {
      ++refused;
      ASSERT_TRUE(!json::accept(text) || std::string(e.what()).find("duplicate key") != std::string::npos);
    }
  }
  // Both verdicts were exercised many times.
  EXPECT_GT(accepted, 1000);
  EXPECT_GT(refused, 1000);
}

namespace {

struct LastDone : ProgressSink {
  std::uint64_t done = 0, total = 0;
  void on_event(const ProgressEvent& e) override {
    done = e.done;
    total = e.total;
  }
};

} // namespace

TEST(JsonFastPath, BothReadersCountEveryByteBeforeThePhaseEnds) {
  // A document of 2.5 MB: both readers count its bytes into the open phase, all of them by the
  // time the parse returns (nlohmann's reader counts whole megabytes as it goes).
  std::string text = "{\"a\": [";
  for (int i = 0; text.size() < 2'500'000; ++i) text += (i ? ", \"" : "\"") + std::string(40, 'x') + "\"";
  text += "]}";
  for (const bool checking : {false, true}) {
    SCOPED_TRACE(checking ? "checking reader" : "fast reader");
    if (checking) ::setenv("ZONEPATH_JSON_READER", "checking", 1);
    LastDone sink;
    ProgressOptions options;
    options.min_interval = 0.0; // every change is sent
    ProgressReporter progress(&sink, options);
    progress.begin("load");
    (void)JsonDocument::parse(text, "big.json", {}, &progress);
    EXPECT_EQ(sink.total, text.size());
    EXPECT_EQ(sink.done, text.size());
    progress.end();
    ::unsetenv("ZONEPATH_JSON_READER");
  }
}
