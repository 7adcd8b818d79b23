// Zone and asset views of the small plant: clusters, Purdue ranks, gap colours, conduit labels
// and the path overlay, checked on the DotGraph and on the DOT text Graphviz writes.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "render_fixture.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/text_escape.hpp"
#include "zonepath/render/diagram.hpp"

namespace zonepath {
namespace {

using render::DiagramOptions;
using render::DotGraph;
using render::View;

const render::DotEdge* find_edge(const DotGraph& g, const std::string& tail, const std::string& head,
                                 const std::string& style_not = "invis") {
  for (const auto& e : g.edges)
    if (e.tail == tail && e.head == head && render::attr(e.attrs, "style") != style_not) return &e;
  return nullptr;
}

struct SmallPlant : ::testing::Test {
  models::SitePtr site = render_test::small_plant();
  models::Report report = render_test::small_plant_report(*site);
  DotGraph zones(const std::string& threat = "apt") {
    DiagramOptions o;
    o.view = View::Zones;
    o.threat = threat;
    return render::build_diagram(*site, report, o);
  }
};

TEST_F(SmallPlant, ExternalZonesSitOutsideThePlantCluster) {
  DotGraph g = zones();
  ASSERT_NE(g.find_cluster("cluster_plant"), nullptr);
  EXPECT_EQ(g.find_cluster("cluster_plant")->parent, "");
  EXPECT_EQ(g.find_cluster("cluster_zone_internet")->parent, "");
  for (const char* z : {"ent", "dmz", "ops", "cell"})
    EXPECT_EQ(g.find_cluster(std::string("cluster_zone_") + z)->parent, "cluster_plant") << z;
}

TEST_F(SmallPlant, ZonesAreFilledByTheirLargestGap) {
  DotGraph g = zones();
  auto fill = [&](const char* z) {
    return render::attr(g.find_cluster(std::string("cluster_zone_") + z)->attrs, "fillcolor");
  };
  EXPECT_EQ(fill("ops"), "#a6d96a");      // gap 0
  EXPECT_EQ(fill("ent"), "#fee08b");      // gap 1
  EXPECT_EQ(fill("dmz"), "#fdae61");      // gap 2
  EXPECT_EQ(fill("cell"), "#f46d43");     // gap 3
  EXPECT_EQ(fill("internet"), "#eeeeee"); // external
  EXPECT_NE(render::attr(g.find_cluster("cluster_zone_cell")->attrs, "label").find("largest gap 3"),
            std::string::npos);
}

TEST_F(SmallPlant, RanksFollowPurdueLevelsTopDown) {
  DotGraph g = zones();
  // internet L5, ent L4, dmz L3.5, ops L3, cell L1 (kind defaults)
  std::vector<std::vector<std::string>> expected = {
      {"z:internet"}, {"z:ent"}, {"z:dmz"}, {"z:ops"}, {"z:cell"}};
  EXPECT_EQ(g.same_rank, expected);
  const auto* chain = find_edge(g, "z:ops", "z:cell", "");
  ASSERT_NE(chain, nullptr);
  EXPECT_EQ(render::attr(chain->attrs, "minlen"), "2");
  EXPECT_EQ(render::attr(g.graph, "newrank"), "true");
}

TEST_F(SmallPlant, ConduitsAreLabelledWithKindAndAllowedServices) {
  DotGraph g = zones();
  const auto* inet = find_edge(g, "z:internet", "z:dmz");
  ASSERT_NE(inet, nullptr);
  EXPECT_EQ(render::attr(inet->attrs, "label"), "fw-inet-dmz (firewall)\\ninternet \u2192 dmz: https");
  EXPECT_EQ(render::attr(inet->attrs, "dir"), "forward");
  // The unconditional deny at priority 200 hides the later smb allow.
  const auto* ent = find_edge(g, "z:ent", "z:dmz");
  ASSERT_NE(ent, nullptr);
  EXPECT_EQ(render::attr(ent->attrs, "label"), "fw-ent-dmz (firewall)\\nent \u2192 dmz: https");
  // The diode joins [cell, ops]; ops (L3) is drawn above cell (L1), traffic flows cell -> ops, so
  // the arrow points back at the tail.
  const auto* diode = find_edge(g, "z:ops", "z:cell");
  ASSERT_NE(diode, nullptr);
  EXPECT_EQ(render::attr(diode->attrs, "label"), "diode-cell-ops (data-diode)\\ncell \u2192 ops: https");
  EXPECT_EQ(render::attr(diode->attrs, "dir"), "back");
}

TEST_F(SmallPlant, TopPathIsOverlaidBoldNumberedWithTooltips) {
  DotGraph g = zones();
  const std::pair<const char*, const char*> steps[] = {
      {"z:internet", "a:web-1"}, {"a:web-1", "a:ews-1"}, {"a:ews-1", "a:plc-1"}};
  for (std::size_t s = 0; s < 3; ++s) {
    const auto* e = find_edge(g, steps[s].first, steps[s].second);
    ASSERT_NE(e, nullptr) << s;
    // Step 3 stays inside the cell zone, within one rank: its number is an xlabel, which
    // Graphviz 2.42 lays out without the heap corruption of labelled flat edges.
    EXPECT_EQ(render::attr(e->attrs, s == 2 ? "xlabel" : "label"), "1." + std::to_string(s + 1));
    EXPECT_EQ(render::attr(e->attrs, s == 2 ? "label" : "xlabel"), "");
    EXPECT_EQ(render::attr(e->attrs, "penwidth"), "3");
    EXPECT_EQ(render::attr(e->attrs, "constraint"), "false");
  }
  std::string tip = render::attr(find_edge(g, "a:ews-1", "a:plc-1")->attrs, "tooltip");
  EXPECT_NE(tip.find("T0843 Program Download"), std::string::npos) << tip;
  EXPECT_NE(tip.find("p=0.9"), std::string::npos) << tip;
  EXPECT_EQ(render::attr(g.find_node("z:internet")->attrs, "label").rfind("\u2691 start of apt", 0), 0u);
}

TEST_F(SmallPlant, ZoneViewDrawsOnlyCrownJewelsAndPathAssets) {
  DotGraph g = zones();
  for (const char* shown : {"a:plc-1", "a:web-1", "a:ews-1"}) EXPECT_NE(g.find_node(shown), nullptr) << shown;
  for (const char* hidden : {"a:pc-1", "a:hist-1"}) EXPECT_EQ(g.find_node(hidden), nullptr) << hidden;
  EXPECT_EQ(g.find_node("a:plc-1")->cluster, "cluster_zone_cell");
  EXPECT_EQ(render::attr(g.find_node("a:plc-1")->attrs, "label").rfind("\u2605 plc-1", 0), 0u);
  // Without a threat: no path assets, and a cap of 0 crown jewels summarises plc-1 in its zone.
  DiagramOptions o;
  o.view = View::Zones;
  o.jewels_per_zone = 0;
  DotGraph bare = render::build_diagram(*site, report, o);
  EXPECT_EQ(bare.find_node("a:plc-1"), nullptr);
  EXPECT_NE(render::attr(bare.find_node("z:cell")->attrs, "label").find("+1 more crown jewels"),
            std::string::npos);
}

TEST_F(SmallPlant, AssetViewShapesAssetsByType) {
  DiagramOptions o;
  o.view = View::Assets;
  DotGraph g = render::build_diagram(*site, report, o);
  const std::pair<const char*, const char*> shapes[] = {{"a:plc-1", "box3d"},
                                                        {"a:hist-1", "cylinder"},
                                                        {"a:web-1", "component"},
                                                        {"a:ews-1", "box"},
                                                        {"a:pc-1", "box"}};
  for (const auto& [node, shape] : shapes) {
    ASSERT_NE(g.find_node(node), nullptr) << node;
    EXPECT_EQ(render::attr(g.find_node(node)->attrs, "shape"), shape) << node;
  }
  const auto* manages = find_edge(g, "a:ews-1", "a:plc-1");
  ASSERT_NE(manages, nullptr);
  EXPECT_EQ(render::attr(manages->attrs, "style"), "dashed");
}

TEST_F(SmallPlant, AutoViewSwitchesToZonesAboveTheThreshold) {
  DiagramOptions o;
  EXPECT_EQ(render::resolved_view(*site, o), View::Assets); // 5 assets <= 40
  o.auto_threshold = 4;
  EXPECT_EQ(render::resolved_view(*site, o), View::Zones);
}

TEST_F(SmallPlant, UnknownThreatIsARenderError) {
  EXPECT_THROW(zones("nobody"), RenderError);
}

TEST_F(SmallPlant, DotTextMatchesTheGoldenFile) {
  DiagramOptions o;
  o.view = View::Zones;
  o.threat = "apt";
  std::string dot = render::render_diagram(*site, report, o, render::ImageFormat::Dot);
  const std::string golden = render_test::data_file("small-plant-zones.dot");
  if (std::getenv("ZONEPATH_UPDATE_GOLDEN")) std::ofstream(golden) << dot;
  std::ifstream in(golden);
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(dot, expected.str()) << "regenerate with ZONEPATH_UPDATE_GOLDEN=1 after checking the change";
}

// Repeated renders in one process must give the same bytes: cgraph's default object IDs are
// heap addresses, which once reordered the clusters between calls (graphviz.cpp).
TEST_F(SmallPlant, ImagesAreDeterministicAndOfTheRightFormat) {
  DiagramOptions o;
  o.threat = "apt";
  auto twice = [&](render::ImageFormat f) {
    std::string first = render::render_diagram(*site, report, o, f);
    // Unrelated graphs in between move the heap, as in a long-running process.
    render::render_diagram(*site, report, DiagramOptions{}, f);
    EXPECT_EQ(first, render::render_diagram(*site, report, o, f)) << render::format_name(f);
    return first;
  };
  std::string svg = twice(render::ImageFormat::Svg);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("plc&#45;1"), std::string::npos);
  EXPECT_EQ(twice(render::ImageFormat::Png).substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  std::string pdf = twice(render::ImageFormat::Pdf);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_EQ(pdf.find("/CreationDate"), std::string::npos);
  EXPECT_EQ(twice(render::ImageFormat::Dot).rfind("digraph", 0), 0u);
}

TEST(RenderFormat, ExtensionPicksTheFormat) {
  EXPECT_EQ(render::format_for_path("a/b.SVG"), render::ImageFormat::Svg);
  EXPECT_EQ(render::format_for_path("x.gv"), render::ImageFormat::Dot);
  EXPECT_EQ(render::format_for_path("x.pdf"), render::ImageFormat::Pdf);
  EXPECT_THROW(render::format_for_path("x.jpg"), RenderError);
  EXPECT_THROW(render::format_for_path("noext"), RenderError);
}

TEST(RenderEscaping, ModelStringsCannotInjectGraphvizEscapesOrMarkup) {
  EXPECT_EQ(zonepath::dot_string("a\\N\nb"), "a\\\\N\\nb");
  EXPECT_EQ(zonepath::dot_html_label("<b>&\""), "&lt;b&gt;&amp;&quot;");
  render::DotGraph g;
  g.name = "x";
  g.nodes.push_back({"n", "", {{"label", zonepath::dot_string("<script>alert(1)</script>")}}});
  std::string svg = render::render_graph(g, render::ImageFormat::Svg);
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

} // namespace
} // namespace zonepath
