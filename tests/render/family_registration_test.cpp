// A family registered only in tests (tests/support/test_family.hpp) plugs into the loader, the
// builder, the KPI plots, the viewer's --inspect parser and the dashboards' panels: nothing in
// sim/, render/ or tools/ names it.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>

#include "agents/families.hpp"
#include "render/city_picture.hpp"
#include "render/render_fixtures.hpp"
#include "render/vulkan/render_error.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "support/test_family.hpp"
#include "support/view_kinds.hpp"
#include "tools/viewer/view_input.hpp"

namespace citytwin {
namespace {

using testing::beacons_family;
using testing::BeaconsSpec;
using testing::kBeaconsHeardKpi;
using testing::kBeaconsKey;
using testing::kBeaconsPanelTitle;

// The built-in families plus the test family, as a test's "app" assembles them.
FamilyRegistry families_with_beacons() {
  FamilyRegistry registry;
  register_builtin_families(registry);
  registry.add(beacons_family());
  return registry;
}

const std::string kSmallGrid = R"(name: beacons_town
simulation:
  step: 1 s
  duration: 60 s
network:
  format: grid
  grid: {rows: 2, cols: 2, spacing: 200 m}
signals:
  control: fixed_time
)";

Scenario load_text(const std::string& text, const FamilyRegistry& families,
                   const LoadOptions& options = {}) {
  return load_scenario_from_string(text, "/virtual/beacons_town.yaml", families, options);
}

TEST(FamilyRegistration, SectionWithUnitsIsDecodedIntoScenarioSections) {
  const FamilyRegistry families = families_with_beacons();
  const Scenario scenario =
      load_text(kSmallGrid + "beacons:\n  range: 0.25 km\n  count: 3\n", families);
  const BeaconsSpec* beacons = scenario.sections.find<BeaconsSpec>(kBeaconsKey);
  ASSERT_NE(beacons, nullptr);
  EXPECT_DOUBLE_EQ(beacons->range, 250.0);
  EXPECT_EQ(beacons->count, 3u);
}

TEST(FamilyRegistration, SectionNotWrittenHoldsItsDefaults) {
  const Scenario scenario = load_text(kSmallGrid, families_with_beacons());
  const BeaconsSpec* beacons = scenario.sections.find<BeaconsSpec>(kBeaconsKey);
  ASSERT_NE(beacons, nullptr);
  EXPECT_DOUBLE_EQ(beacons->range, BeaconsSpec{}.range);
}

TEST(FamilyRegistration, SectionErrorsAreLocatedWithTheKernelsMessages) {
  const FamilyRegistry families = families_with_beacons();
  try {
    load_text(kSmallGrid + "beacons:\n  range: 5 s\n", families);
    FAIL() << "a duration for a length was accepted";
  } catch (const ScenarioError& error) {
    EXPECT_EQ(error.file(), "/virtual/beacons_town.yaml");
    EXPECT_EQ(error.line(), 11);
    EXPECT_EQ(error.column(), 10);
    EXPECT_EQ(error.key_path(), "beacons.range");
    EXPECT_NE(error.message().find("length"), std::string::npos) << error.message();
  }
  try {
    load_text(kSmallGrid + "beacons:\n  rnage: 5 m\n", families);
    FAIL() << "an unknown key was accepted";
  } catch (const ScenarioError& error) {
    EXPECT_EQ(error.line(), 11);
    EXPECT_EQ(error.key_path(), "beacons");
    EXPECT_NE(error.message().find("did you mean 'range'"), std::string::npos) << error.message();
  }
}

TEST(FamilyRegistration, UnregisteredSectionIsAnUnknownTopLevelKey) {
  try {
    load_text(kSmallGrid + "beacons:\n  count: 3\n", builtin_families());
    FAIL() << "a section no family registered was accepted";
  } catch (const ScenarioError& error) {
    EXPECT_EQ(error.line(), 10);
    EXPECT_NE(error.message().find("unknown key 'beacons'"), std::string::npos) << error.message();
  }
}

TEST(FamilyRegistration, VariantsOverlayFamilySections) {
  const FamilyRegistry families = families_with_beacons();
  const std::string text =
      kSmallGrid + "beacons:\n  count: 2\nvariants:\n  many:\n    beacons:\n      count: 9\n";
  EXPECT_EQ(load_text(text, families).sections.find<BeaconsSpec>(kBeaconsKey)->count, 2u);
  EXPECT_EQ(load_text(text, families, {"many"}).sections.find<BeaconsSpec>(kBeaconsKey)->count, 9u);
  // Every variant is checked, the family's keys too.
  EXPECT_THROW(
      load_text(kSmallGrid + "variants:\n  bad:\n    beacons:\n      count: 0\n", families),
      ScenarioError);
}

TEST(FamilyRegistration, BuilderAddsTheSystemAndItsKpi) {
  const FamilyRegistry families = families_with_beacons();
  const Scenario scenario = load_text(kSmallGrid + "beacons:\n  count: 4\n", families);
  const auto world = build_world(scenario, families, WorldOverrides{.threads = 1});
  ASSERT_NE(world->find_system("beacons"), nullptr);
  ASSERT_NE(world->find_system("traffic"), nullptr);
  for (int step = 0; step < 10; ++step) world->step();
  const KpiColumn* column = find_kpi(world->kpi_columns(), kBeaconsHeardKpi);
  ASSERT_NE(column, nullptr);
  EXPECT_EQ(column->title(), "beacon pings");
  const auto& names = world->timeseries().columns();
  const auto at = std::find(names.begin(), names.end(), kBeaconsHeardKpi);
  ASSERT_NE(at, names.end());
  EXPECT_DOUBLE_EQ(world->current_kpis()[static_cast<std::size_t>(at - names.begin())], 40.0);
  // Its kind of device, with the style it declared, reaches the snapshot beside traffic's kinds.
  const AgentKindStyle* beacon = world->agent_kinds().find(testing::kBeaconKind);
  ASSERT_NE(beacon, nullptr);
  EXPECT_EQ(beacon->colour, testing::kBeaconColour);
  EXPECT_NE(world->agent_kinds().find(agent_kind("car")), nullptr);
  WorldView view;
  world->snapshot(view);
  ASSERT_EQ(view.sites.size(), 4u);
  EXPECT_EQ(view.sites[1].kind, testing::kBeaconKind);
  EXPECT_EQ(view.agent_kinds->find(testing::kBeaconKind), beacon);
}

TEST(FamilyRegistration, BuiltinWorldIsUnchangedByTheRegistryPath) {
  // The same scenario built through the built-in list and through a registry holding the same
  // families runs to the same state.
  const Scenario scenario = load_text(kSmallGrid, builtin_families());
  FamilyRegistry again;
  register_builtin_families(again);
  const auto a = build_world(scenario, WorldOverrides{.threads = 1});
  const auto b = build_world(scenario, again, WorldOverrides{.threads = 1});
  for (int step = 0; step < 30; ++step) {
    a->step();
    b->step();
  }
  EXPECT_EQ(a->state_hash(), b->state_hash());
}

TEST(FamilyRegistration, KpiPlotsAndPanelsComeFromTheRegistry) {
  const FamilyRegistry families = families_with_beacons();
  const auto plots = families.kpi_plots();
  ASSERT_FALSE(plots.empty());
  EXPECT_EQ(plots.front().column, "vehicles");  // traffic's, registered before
  EXPECT_EQ(plots.back().column, kBeaconsHeardKpi);
  const auto panels = families.panels();
  ASSERT_EQ(panels.size(), 1u);
  EXPECT_EQ(panels.front().title, kBeaconsPanelTitle);
}

TEST(FamilyRegistration, InspectKindResolvesAndJoinsTheUsage) {
  const FamilyRegistry families = families_with_beacons();
  const Network& network = render::testing::small_grid();
  EXPECT_EQ(viewer::parse_inspect_target("beacon:2", network, families),
            InspectTarget::agent(testing::kBeaconKind, 2));
  EXPECT_EQ(viewer::parse_inspect_target("vehicle:7", network, families),
            InspectTarget::agent(test_kinds::kCar, 7));
  try {
    viewer::parse_inspect_target("beacon:x", network, families);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()),
              "--inspect: 'beacon:x' is not node:NAME, vehicle:ID or beacon:N (e.g. "
              "node:J_r1_c1, vehicle:42, beacon:0)");
  }
  // The built-in families alone give the message the viewer always gave.
  try {
    viewer::parse_inspect_target("robot:1", network, builtin_families());
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()),
              "--inspect: 'robot:1' is not node:NAME or vehicle:ID (e.g. node:J_r1_c1, "
              "vehicle:42)");
  }
}

TEST(FamilyRegistration, DuplicateOrKernelClaimsAreRefused) {
  FamilyRegistry families = families_with_beacons();
  EXPECT_THROW(families.add(beacons_family()), std::logic_error);
  FamilyRegistration kernel_key;
  kernel_key.name = "greedy";
  kernel_key.sections.push_back(scenario_section<BeaconsSpec>("demand", testing::decode_beacons));
  EXPECT_THROW(families.add(kernel_key), std::logic_error);
  FamilyRegistration node_kind;
  node_kind.name = "nodes";
  node_kind.inspect_kinds.push_back({"node", "node:X", "node:x", nullptr});
  EXPECT_THROW(families.add(node_kind), std::logic_error);
}

TEST(FamilyRegistration, PanelIsDrawnInAHeadlessPicture) {
  const FamilyRegistry families = families_with_beacons();
  render::PictureOptions options;
  options.headless.width = 640;
  options.headless.height = 480;
  options.headless.context.prefer_cpu = true;
  options.dashboards = render::dashboards_of(families);
  std::unique_ptr<render::CityPicture> picture;
  try {
    picture = std::make_unique<render::CityPicture>(render::testing::small_grid(), options);
  } catch (const render::RenderError& e) {
    FAIL() << "no headless picture: " << e.what();
  }
  WorldView view;
  view.kpi_names = {kBeaconsHeardKpi};
  view.kpi_values = {12.0};
  render::KpiHistory history;
  history.add(0.0, view.kpi_names, view.kpi_values);
  picture->draw(view, picture->renderer().fit_camera(), history);
  const auto panel = picture->panel(kBeaconsPanelTitle);
  ASSERT_TRUE(panel.has_value());
  EXPECT_GT(panel->width, 0.0f);
  EXPECT_GT(panel->height, 0.0f);
  EXPECT_TRUE(picture->kpi_panel().has_value());
}

}  // namespace
}  // namespace citytwin
