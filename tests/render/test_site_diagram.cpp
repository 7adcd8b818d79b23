// draw_site_diagram, the diagram of `zonepath render` from the site alone, against the same
// picture put together by hand: analyze_site over every actor with paths for the one drawn,
// then render_diagram. Also its checks, which come before any analysis.
#include <gtest/gtest.h>

#include "render_fixture.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/render/site_diagram.hpp"

namespace zonepath {
namespace {

TEST(SiteDiagram, EqualsTheAnalysisAndDiagramPutTogetherByHand) {
  models::SitePtr site = render_test::small_plant();
  render::SiteDiagramOptions o;
  o.diagram.threat = "apt";
  o.diagram.paths = 2;
  o.diagram.view = render::View::Auto; // 5 assets: below the threshold of 40, the asset view
  o.format = render::ImageFormat::Dot;
  o.samples = 300;
  o.seed = 9;
  const render::SiteDiagram drawn = render::draw_site_diagram(*site, "small-plant.json", o);

  models::AnalysisOptions a;
  a.samples = 300;
  a.seed = 9;
  a.paths_per_target = 2;
  const models::Report report = models::analyze_site(*site, a);
  EXPECT_EQ(drawn.image, render::render_diagram(*site, report, o.diagram, render::ImageFormat::Dot));
  EXPECT_EQ(drawn.view, render::View::Assets);
  EXPECT_EQ(drawn.report.samples, 300u);
  EXPECT_FALSE(drawn.report.paths.empty());

  // Without a threat no paths are computed, and the picture has none.
  o.diagram.threat.clear();
  const render::SiteDiagram plain = render::draw_site_diagram(*site, "small-plant.json", o);
  EXPECT_TRUE(plain.report.paths.empty());
  a.compute_paths = false;
  EXPECT_EQ(plain.image, render::render_diagram(*site, models::analyze_site(*site, a), o.diagram,
                                                render::ImageFormat::Dot));
}

TEST(SiteDiagram, UnknownThreatAndZeroSamplesAreRefusedFirst) {
  models::SitePtr site = render_test::small_plant();
  render::SiteDiagramOptions o;
  o.diagram.threat = "nope";
  try {
    render::draw_site_diagram(*site, "small-plant.json", o);
    FAIL() << "expected ModelError";
  } catch (const ModelError& e) {
    EXPECT_STREQ(e.what(), "small-plant.json: unknown threat actor 'nope'");
  }
  o.diagram.threat = "apt";
  o.samples = 0;
  EXPECT_THROW(render::draw_site_diagram(*site, "small-plant.json", o), AnalysisError);
}

TEST(SiteDiagram, ACancelledRunGivesNoPicture) {
  models::SitePtr site = render_test::small_plant();
  CancelToken cancel;
  cancel.cancel();
  render::SiteDiagramOptions o;
  o.cancel = &cancel;
  EXPECT_THROW(render::draw_site_diagram(*site, "small-plant.json", o), CancelledError);
}

} // namespace
} // namespace zonepath
