// YAML site files: same model as JSON, same diagnostics (file, pointer, line, column, value).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "zonepath/core/error.hpp"
#include "zonepath/interchange/yaml_document.hpp"
#include "zonepath/models/site_loader.hpp"

using namespace zonepath;
using namespace zonepath::models;
using namespace zonepath::interchange;
using nlohmann::json;

namespace {
const char* kSite = R"(schema: zonepath/site/v1
site: {id: y1}
zones:
  - id: ent
    kind: enterprise
    purdue: 4
  - id: cell
    kind: controll
    sl_t: [3, 3, 2, 1, 3, 2, 1]
assets:
  - id: plc-1
    zone: cell
    type: plc
    version: "1.10"
    legacy: yes
)";
}

TEST(ImportYaml, ScalarsFollowTheCoreSchema) {
  JsonDocument d =
      parse_yaml("a: 1\nb: 1.50\nc: \"1.50\"\nd: yes\ne: ~\nf: true\ng: 0x1F\nh: -7\ni: .inf\n", "t.yaml");
  const json& r = d.root();
  EXPECT_EQ(r["a"], 1);
  EXPECT_DOUBLE_EQ(r["b"].get<double>(), 1.5);
  EXPECT_EQ(r["c"], "1.50");
  EXPECT_EQ(r["d"], "yes"); // YAML 1.1 booleans stay strings
  EXPECT_TRUE(r["e"].is_null());
  EXPECT_EQ(r["f"], true);
  EXPECT_EQ(r["g"], 31);
  EXPECT_EQ(r["h"], -7);
  EXPECT_EQ(r["i"], ".inf"); // no infinity in JSON: the validators see a string
}

TEST(ImportYaml, ErrorsCarryYamlLines) {
  try {
    load_site(parse_yaml(kSite, "site.yaml"));
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& e) {
    // 'controll' (line 8, column 11) and legacy: yes is a string, not a boolean (line 15).
    ASSERT_EQ(e.diagnostics().size(), 2u);
    const auto& kind = e.diagnostics()[0];
    EXPECT_EQ(kind.file, "site.yaml");
    EXPECT_EQ(kind.pointer, "/zones/1/kind");
    EXPECT_EQ(kind.line, 8);
    EXPECT_EQ(kind.column, 11);
    EXPECT_EQ(kind.value, "\"controll\"");
    EXPECT_EQ(kind.suggestion, "did you mean 'control'?");
    EXPECT_EQ(e.diagnostics()[1].pointer, "/assets/0/legacy");
    EXPECT_EQ(e.diagnostics()[1].line, 15);
  }
}

TEST(ImportYaml, MissingKeyIsLocatedAtItsParent) {
  try {
    load_site(parse_yaml("schema: zonepath/site/v1\nzones:\n  - kind: dmz\n", "m.yaml"));
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.diagnostics()[0].pointer, "/zones/0"); // "missing required key 'id'"
    EXPECT_EQ(e.diagnostics()[0].line, 3);
    EXPECT_EQ(e.diagnostics()[0].column, 5);
  }
}

TEST(ImportYaml, SyntaxErrors) {
  try {
    parse_yaml("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.diagnostic().file, "bad.yaml");
    EXPECT_GT(e.diagnostic().line, 1);
  }
  try {
    parse_yaml("a: 1\nb: 2\na: 3\n", "dup.yaml");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.diagnostic().line, 3);
  }
  // Exponential aliases are refused, not expanded.
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i)
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" + std::to_string(i - 1) + ", *a" +
            std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + ", *a" +
            std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + ", *a" +
            std::to_string(i - 1) + "]\n";
  EXPECT_THROW(parse_yaml(bomb, "bomb.yaml"), ParseError);
}

// Found by fuzz_yaml: yaml-cpp's LoadAll never returns on a stray flow indicator at the start.
TEST(ImportYaml, StrayFlowIndicatorFailsInsteadOfHanging) {
  try {
    parse_yaml(std::string(60, ',') + "ssnull", "stuck.yaml");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.diagnostic().file, "stuck.yaml");
    EXPECT_EQ(e.diagnostic().line, 1);
    EXPECT_NE(std::string(e.what()).find("cannot get past"), std::string::npos) << e.what();
  }
  try {
    parse_yaml("a: 1\n---\nb: 2\n", "two.yaml");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.diagnostic().line, 2);
  }
  EXPECT_THROW(parse_yaml("", "empty.yaml"), ParseError);
  EXPECT_THROW(parse_yaml("---\n...\n", "null.yaml"), ParseError);
}

TEST(ImportYaml, RoundTripsTheExamples) {
  for (const char* name : {"water-treatment.json", "oil-gas-unit.json", "pharma-batch.json"}) {
    std::string path = std::string(ZONEPATH_SOURCE_DIR) + "/scenarios/examples/" + name;
    JsonDocument j = JsonDocument::load_file(path);
    JsonDocument y = parse_yaml(to_yaml(j.root()), "x.yaml");
    EXPECT_EQ(y.root(), j.root()) << name;
    Site a = load_site(j), b = load_site(y);
    EXPECT_EQ(a.assets.size(), b.assets.size());
    EXPECT_EQ(a.conduits.size(), b.conduits.size());
  }
}

TEST(ImportYaml, TheMemoryCheckStatesTheFileSizeAndTheYamlFactor) {
  // A sparse file: its size is checked before anything is read.
  const std::string path = ::testing::TempDir() + "zonepath_memory_check.yaml";
  { std::ofstream out(path); }
  std::filesystem::resize_file(path, std::size_t{100} << 20);
  JsonLimits limits;
  limits.max_memory = std::size_t{1} << 30;
  try {
    load_yaml_file(path, limits);
    FAIL();
  } catch (const LimitError& e) {
    // 100 MB at 24 bytes of memory per byte of YAML (twice JSON's 12): 2.34 GiB.
    EXPECT_NE(std::string(e.what()).find("file of 100 MB needs about 2.34 GiB"), std::string::npos)
        << e.what();
  }
  std::filesystem::remove(path);
}
