// JSON documents: parse errors and JSON-pointer locations with line and column.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "zonepath/core/json_checker.hpp"
#include "zonepath/core/json_document.hpp"

using namespace zonepath;

TEST(JsonDocument, LocatesPointersExactly) {
  std::string text = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"c~/d\": true,\n  \"e\": {}\n}";
  auto doc = JsonDocument::parse(text, "f.json");
  EXPECT_EQ(doc.diagnostic("/a/1/b", "m").line, 2);
  EXPECT_EQ(doc.diagnostic("/a/1/b", "m").column, 18); // the opening quote of "x"
  EXPECT_EQ(doc.diagnostic("/a/0", "m").column, 9);
  EXPECT_EQ(doc.diagnostic("/c~0~1d", "m").line, 3);
  EXPECT_EQ(doc.diagnostic("/c~0~1d", "m").column, 11);
  EXPECT_EQ(doc.diagnostic("/e", "m").line, 4);
  // A missing key is located at its nearest existing parent.
  auto missing = doc.diagnostic("/a/1/zz", "m");
  EXPECT_EQ(missing.line, 2);
  EXPECT_EQ(missing.column, 12);
  EXPECT_EQ(doc.diagnostic("", "m").line, 1);
}

TEST(JsonDocument, ParseErrorsNameLineAndColumn) {
  try {
    JsonDocument::parse("{\n  \"a\": 1,\n  \"b\": tru\n}", "bad.json");
    FAIL() << "expected a ParseError";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.diagnostic().file, "bad.json");
    EXPECT_EQ(e.diagnostic().line, 3);
    EXPECT_NE(std::string(e.what()).find("malformed JSON"), std::string::npos);
  }
}

TEST(JsonDocument, RefusesHostileInputs) {
  EXPECT_THROW(JsonDocument::parse("", "e.json"), ParseError);
  EXPECT_THROW(JsonDocument::parse("   \n", "e.json"), ParseError);
  EXPECT_THROW(JsonDocument::parse(std::string(100000, '['), "deep.json"), ParseError);
  EXPECT_THROW(JsonDocument::parse("{\"a\": 1e999}", "big.json"), ParseError);
  EXPECT_THROW(JsonDocument::parse("{\"a\": NaN}", "nan.json"), ParseError);
  EXPECT_THROW(JsonDocument::parse(std::string("\x00\xff\xfe garbage", 12), "bin.json"), ParseError);
  JsonLimits small;
  small.max_bytes = 10;
  EXPECT_THROW(JsonDocument::parse("{\"aaaaaaaaaaaa\": 1}", "big.json", small), ParseError);
  try {
    JsonDocument::parse(std::string(70, '[') + std::string(70, ']'), "deep.json");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("nesting"), std::string::npos);
  }
}

TEST(JsonChecker, CollectsAllErrorsWithSuggestions) {
  auto doc = JsonDocument::parse(R"({"nmae": 1, "count": "x", "x-extra": {}})", "c.json");
  JsonChecker check(doc);
  check.check_keys(doc.root(), "", {"name", "count"});
  check.get_integer(doc.root(), "", "count");
  check.get_string(doc.root(), "", "id", true);
  try {
    check.throw_if_errors();
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.diagnostics().size(), 3u);
    EXPECT_EQ(e.diagnostics()[0].pointer, "/nmae");
    EXPECT_EQ(e.diagnostics()[0].suggestion, "did you mean 'name'?");
    EXPECT_EQ(e.diagnostics()[1].message, "expected number, got string");
    EXPECT_EQ(e.diagnostics()[1].column, 22);
    EXPECT_EQ(e.diagnostics()[2].message, "missing required key 'id'");
  }
}

TEST(JsonChecker, EditDistance) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(did_you_mean("countermeasure", {"countermeasures", "compensating"}), "countermeasures");
  EXPECT_EQ(did_you_mean("zzzzzz", {"countermeasures"}), "");
}

TEST(JsonDocument, RefusesFilesTooLargeForTheMemoryWithAdvice) {
  const std::string path = ::testing::TempDir() + "/zonepath-memory-check.json";
  {
    std::ofstream out(path);
    out << "{\"pad\": \"" << std::string(1000, 'x') << "\"}";
  }
  JsonLimits tight;
  tight.max_memory = 1010 * kParseMemoryFactor - 1; // the file is 1011 bytes
  try {
    JsonDocument::load_file(path, tight);
    FAIL() << "expected a LimitError";
  } catch (const LimitError& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find(path), std::string::npos) << msg;
    EXPECT_NE(msg.find("ZONEPATH_NO_MEMORY_CHECK=1"), std::string::npos) << msg;
  }
  JsonLimits enough;
  enough.max_memory = 1011 * kParseMemoryFactor;
  EXPECT_EQ(JsonDocument::load_file(path, enough).root()["pad"].get<std::string>().size(), 1000u);
  setenv("ZONEPATH_NO_MEMORY_CHECK", "1", 1);
  EXPECT_NO_THROW(JsonDocument::load_file(path, tight));
  unsetenv("ZONEPATH_NO_MEMORY_CHECK");
  std::remove(path.c_str());
}

TEST(JsonChecker, ListsAProblemOnceAndNamesAFractionWhereAnIntegerBelongs) {
  auto doc = JsonDocument::parse(R"({"id": true, "levels": [1, 2.0, 2.5, "3"]})", "c.json");
  JsonChecker check(doc);
  // Two readers looking at the same value report it once.
  check.get_string(doc.root(), "", "id", true);
  check.get_string(doc.root(), "", "id", true);
  const auto& levels = doc.root().at("levels");
  EXPECT_EQ(check.as_integer(levels[0], "/levels/0"), 1);
  EXPECT_EQ(check.as_integer(levels[1], "/levels/1"), 2); // a whole float is an integer
  EXPECT_FALSE(check.as_integer(levels[2], "/levels/2"));
  EXPECT_FALSE(check.as_integer(levels[3], "/levels/3"));
  try {
    check.throw_if_errors();
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.diagnostics().size(), 3u);
    EXPECT_EQ(e.diagnostics()[0].message, "expected string, got boolean");
    EXPECT_EQ(e.diagnostics()[1].pointer, "/levels/2");
    EXPECT_EQ(e.diagnostics()[1].message, "expected integer, got a fractional number");
    EXPECT_EQ(e.diagnostics()[2].message, "expected number, got string");
  }
}
