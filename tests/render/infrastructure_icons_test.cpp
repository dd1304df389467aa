#include "render/agents/infrastructure_icons.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "support/view_kinds.hpp"

namespace citytwin::render {
namespace {

WorldView three_sites() {
  WorldView view;
  view.agent_kinds = test_kinds::test_agent_kinds();
  view.sites.push_back({test_kinds::kRoadsideUnit, 1, 100.0f, 50.0f, 300.0f, SiteHealth::kOk});
  view.sites.push_back({test_kinds::kGateway, 2, -20.0f, 0.0f, 0.0f, SiteHealth::kOk});
  view.sites.push_back({test_kinds::kSensor, 3, 0.0f, 0.0f, 0.0f, SiteHealth::kFailed});
  return view;
}

TEST(InfrastructureIcons, OneIconPerSiteAndARingOnlyWhereThereIsARange) {
  const WorldView view = three_sites();
  const SiteStyle style;
  std::vector<QuadInstance> with_ranges;
  append_site_instances(view, 0.5, true, style, with_ranges);
  ASSERT_EQ(with_ranges.size(), style.ring_segments + 3);
  // The ring comes first (icons on top) and lies on the 300 m circle around the RSU.
  for (unsigned k = 0; k < style.ring_segments; ++k) {
    const QuadInstance& q = with_ranges[k];
    const double r = std::hypot(q.x - 100.0, q.y - 50.0);
    EXPECT_NEAR(r, 300.0, 300.0 * (1.0 - std::cos(M_PI / style.ring_segments)) + 1e-3);
    // Chords meet: the ring has no gaps.
    EXPECT_NEAR(2.0 * q.half_length, 2.0 * 300.0 * std::sin(M_PI / style.ring_segments), 1e-3);
  }
  std::vector<QuadInstance> icons_only;
  append_site_instances(view, 0.5, false, style, icons_only);
  ASSERT_EQ(icons_only.size(), 3u);
  EXPECT_EQ(icons_only[0].colour, test_kinds::kRoadsideUnitColour);
  EXPECT_EQ(icons_only[1].colour, test_kinds::kGatewayColour);
  EXPECT_NEAR(icons_only[1].heading, M_PI / 4.0, 1e-6);   // a diamond
  EXPECT_EQ(icons_only[2].colour, palette::kSiteFailed);  // a sensor shows its health
}

TEST(InfrastructureIcons, IconsKeepTheirSizeOnScreenAtAnyZoom) {
  const WorldView view = three_sites();
  for (const double ppm : {0.1, 1.0, 10.0}) {
    std::vector<QuadInstance> out;
    append_site_instances(view, ppm, false, SiteStyle{}, out);
    EXPECT_NEAR(2.0 * out[0].half_length * ppm, SiteStyle{}.icon_pixels, 1e-4) << ppm;
  }
}

TEST(InfrastructureIcons, HealthOverridesKindColour) {
  const auto kinds = test_kinds::test_agent_kinds();
  const AgentKindStyle& rsu_style = *kinds->find(test_kinds::kRoadsideUnit);
  InfrastructureSite rsu{test_kinds::kRoadsideUnit, 1, 0, 0, 0, SiteHealth::kOk};
  EXPECT_EQ(site_colour(rsu, rsu_style), test_kinds::kRoadsideUnitColour);
  rsu.health = SiteHealth::kDegraded;
  EXPECT_EQ(site_colour(rsu, rsu_style), palette::kSiteDegraded);
  rsu.health = SiteHealth::kUnknown;
  EXPECT_EQ(site_colour(rsu, rsu_style), palette::kSiteUnknown);
  InfrastructureSite sensor{test_kinds::kSensor, 1, 0, 0, 0, SiteHealth::kOk};
  EXPECT_EQ(site_colour(sensor, *kinds->find(test_kinds::kSensor)), test_kinds::kSensorColour);
}

TEST(InfrastructureIcons, TheGlyphOfTheKindShapesTheIcon) {
  const WorldView view = three_sites();
  std::vector<QuadInstance> out;
  append_site_instances(view, 1.0, false, SiteStyle{}, out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].heading, 0.0f);                                   // square
  EXPECT_NEAR(out[1].heading, M_PI / 4.0, 1e-6);                     // diamond
  EXPECT_NEAR(out[2].half_length, 0.7f * out[0].half_length, 1e-6);  // small square
}

}  // namespace
}  // namespace citytwin::render
