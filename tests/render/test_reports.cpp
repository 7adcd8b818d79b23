// report.html, report.md and the ATT&CK layer on hand-made reports.
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "../../render/src/csp_hash.hpp" // internal: the report's script hash
#include "render_fixture.hpp"
#include "zonepath/render/attack_layer.hpp"
#include "zonepath/render/report_html.hpp"
#include "zonepath/render/report_markdown.hpp"
#include "zonepath/render/report_text.hpp"
#include "zonepath/render/top_paths.hpp"

namespace zonepath {
namespace {

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
  return n;
}

nlohmann::json path(double p, std::vector<std::string> techniques) {
  nlohmann::json steps = nlohmann::json::array();
  for (auto& t : techniques)
    steps.push_back({{"from", "a"}, {"to", "b"}, {"technique", t}, {"p", 0.5}, {"ttc_mean", 1.0}});
  return {{"nodes", {"a", "b"}}, {"probability", p}, {"steps", steps}};
}

models::Report layer_report() {
  models::Report r;
  r.site_id = "s";
  r.paths.push_back({"apt", "t1", 1, path(0.6, {"T0866", "T0843"})});
  r.paths.push_back({"apt", "t1", 2, path(0.2, {"T0866", "T0886", "T0866"})});
  r.paths.push_back({"insider", "t1", 1, path(0.2, {"T0859"})});
  return r;
}

TEST(AttackLayer, ScoresAreTheShareOfTopPathProbabilityCarried) {
  // Total 1.0: T0866 on paths 0.6 + 0.2 (counted once on the second) = 80; T0843 60; T0886 20;
  // T0859 20.
  nlohmann::json layer = render::attack_layer(layer_report());
  EXPECT_EQ(layer["domain"], "ics-attack");
  EXPECT_EQ(layer["versions"]["layer"], "4.5");
  std::map<std::string, double> scores;
  for (const auto& t : layer["techniques"]) scores[t["techniqueID"]] = t["score"];
  EXPECT_EQ(scores, (std::map<std::string, double>{
                        {"T0866", 80.0}, {"T0843", 60.0}, {"T0886", 20.0}, {"T0859", 20.0}}));
  EXPECT_EQ(layer["techniques"][0]["techniqueID"], "T0866"); // best first, ties by id
  EXPECT_EQ(layer["techniques"][2]["techniqueID"], "T0859");
  // One actor only: apt's total is 0.8, T0843 carries 0.6 of it.
  render::AttackLayerOptions o;
  o.threat = "apt";
  const auto apt_layer = render::attack_layer(layer_report(), o); // the loop must not iterate a temporary
  bool seen = false;
  for (const auto& t : apt_layer["techniques"])
    if (t["techniqueID"] == "T0843") {
      seen = true;
      EXPECT_DOUBLE_EQ(t["score"].get<double>(), 75.0);
    }
  EXPECT_TRUE(seen);
}

TEST(TopPaths, BestFirstTiesInReportOrder) {
  models::Report r = layer_report();
  auto all = render::top_paths(r, "", 10);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0], &r.paths[0]);
  EXPECT_EQ(all[1], &r.paths[1]); // 0.2 before the insider's 0.2: report order
  EXPECT_EQ(all[2], &r.paths[2]);
  EXPECT_EQ(render::top_paths(r, "insider", 1).size(), 1u);
  EXPECT_EQ(render::top_paths(r, "apt", 1)[0], &r.paths[0]);
}

TEST(CspHash, IsTheBase64OfTheSha256OfTheScript) {
  using render::detail::csp_script_hash;
  EXPECT_EQ(csp_script_hash(""), "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  EXPECT_EQ(csp_script_hash("abc"), "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='");
  // 56 bytes: the length no longer fits the first block, so the padding takes a second one.
  EXPECT_EQ(csp_script_hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "'sha256-JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE='");
  EXPECT_EQ(csp_script_hash(std::string(1000, 'a')), "'sha256-Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM='");
}

struct HostileSite : ::testing::Test {
  models::SitePtr site;
  models::Report report;
  void SetUp() override {
    nlohmann::json j = nlohmann::json::parse(std::ifstream(render_test::data_file("small-plant.json")));
    j["zones"][4]["name"] = "<script>alert(1)</script> | *x*";
    j["site"]["description"] = "Tom & Jerry's \"plant\"";
    site = models::load_site_json(j, "hostile.json");
    report = render_test::small_plant_report(*site);
  }
};

TEST_F(HostileSite, HtmlEscapesEveryModelString) {
  render::HtmlReportOptions o;
  std::string html = render::report_html(*site, report, o);
  EXPECT_EQ(count(html, "<script"), 1u) << "only the report's own script";
  // Only that script may run, even if a string escaped the escaping (no 'unsafe-inline').
  auto script = html.substr(html.find("<script>") + 8);
  script = script.substr(0, script.find("</script>"));
  EXPECT_NE(html.find("script-src " + render::detail::csp_script_hash(script) + ";"), std::string::npos);
  EXPECT_EQ(html.find("script-src 'unsafe-inline'"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("Tom &amp; Jerry&#39;s &quot;plant&quot;"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos) << "no external reference";
  EXPECT_EQ(html.find("https://"), std::string::npos) << "no external reference";
}

TEST_F(HostileSite, HtmlHeatMapHasOneRowPerZoneWithGapCells) {
  std::string html = render::report_html(*site, report);
  for (const char* z : {"internet", "ent", "dmz", "ops", "cell"})
    EXPECT_NE(html.find(std::string("<tr data-zone=\"") + z + "\">"), std::string::npos) << z;
  // cell: SL-T 3 3 3 1 3 2 3 over SL-A 0: seven gap cells, five of them gap 3 (class g3).
  auto row = html.substr(html.find("<tr data-zone=\"cell\">"));
  row = row.substr(0, row.find("</tr>"));
  EXPECT_EQ(count(row, "class=\"cell g3\""), 5u);
  EXPECT_EQ(count(row, "class=\"cell g2\""), 1u);
  EXPECT_EQ(count(row, "class=\"cell g1\""), 1u);
}

TEST_F(HostileSite, HtmlEmbedsTheSvgWithoutItsProlog) {
  render::HtmlReportOptions o;
  o.diagrams.push_back(
      {"d", "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"x\" \"y\">\n<svg width=\"1\"></svg>\n"});
  std::string html = render::report_html(*site, report, o);
  EXPECT_NE(html.find("<svg width=\"1\"></svg>"), std::string::npos);
  EXPECT_EQ(html.find("<?xml"), std::string::npos);
  EXPECT_EQ(html.find("<!DOCTYPE svg"), std::string::npos);
}

TEST_F(HostileSite, MarkdownEscapesTablesAndMarkup) {
  std::string md = render::report_markdown(*site, report);
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_NE(md.find("Tom &amp; Jerry's \"plant\""), std::string::npos);
  EXPECT_NE(md.find("## Security levels"), std::string::npos);
  // cell row: SL-T/SL-A with the gap in bold.
  EXPECT_NE(md.find("| `cell` | derived | 3/0 **3** | 3/0 **3** | 3/0 **3** | 1/0 **1** |"),
            std::string::npos)
      << md;
  // The hand-made path names no means, so its "Uses" cell is empty.
  EXPECT_NE(md.find("| 3 | `ews-1` | `plc-1` | T0843 Program Download |  | cell | 0.9 | 3 |"),
            std::string::npos)
      << md;
}

// A declared SL-T below the derived one shows in every report, not only in report.json.
TEST_F(HostileSite, DeclaredTargetBelowTheDerivedIsShownEverywhere) {
  models::ZoneResult& cell = report.zones[4];
  cell.sl_t_declared = cell.sl_t;
  cell.sl_t_derived = render_test::sl({4, 3, 4, 1, 3, 2, 3});
  cell.declared_below_derived = {1, 3};
  const std::string text =
      "declared SL-T is below the derived target in FR1 IAC, FR3 SI (declared 3 3 3 1 3 2 3, "
      "derived 4 3 4 1 3 2 3); gaps use the declared target";
  std::ostringstream console;
  render::print_gap_table(console, *site, report);
  EXPECT_NE(console.str().find("  ! cell: " + text + "\n"), std::string::npos) << console.str();
  EXPECT_NE(render::report_markdown(*site, report).find("- **Warning:** zone `cell`: " + text + ".\n"),
            std::string::npos);
  std::string html = render::report_html(*site, report);
  EXPECT_NE(
      html.find("<p class=\"bad\" data-zone-warning=\"cell\"><b>Warning:</b> zone cell: " + text + ".</p>"),
      std::string::npos);
  // Zones whose targets agree get no line.
  EXPECT_EQ(count(console.str(), "  ! "), 1u);
  EXPECT_EQ(count(html, "data-zone-warning"), 1u);
}

} // namespace
} // namespace zonepath
