// The inspector's content: what the traffic and signal systems write into a snapshot for a
// picked vehicle or junction, and that asking never changes the run.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "agents/families.hpp"
#include "agents/traffic/traffic_system.hpp"
#include "support/view_kinds.hpp"

namespace citytwin {
namespace {

const Scenario& grid_default() {
  static const Scenario scenario =
      load_scenario(std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/grid_default.yaml");
  return scenario;
}

std::unique_ptr<World> world_after(int steps, unsigned threads = 1) {
  WorldOverrides overrides;
  overrides.threads = threads;
  auto world = build_world(grid_default(), overrides);
  for (int i = 0; i < steps; ++i) world->step();
  return world;
}

const std::string* row(const Inspection& inspection, const std::string& section,
                       const std::string& label) {
  for (const auto& r : inspection.rows) {
    if (r.section == section && r.label == label) return &r.value;
  }
  return nullptr;
}

TEST(Inspection, NothingPickedDescribesNothing) {
  auto world = world_after(10);
  WorldView view;
  world->snapshot(view);
  EXPECT_EQ(view.inspection.target.kind, InspectTarget::Kind::kNone);
  EXPECT_TRUE(view.inspection.title.empty());
  EXPECT_TRUE(view.inspection.rows.empty());
}

TEST(Inspection, AVehicleInTheNetworkIsWhereTheViewDrawsItWithItsTripAndRoute) {
  auto world = world_after(200);
  WorldView view;
  world->snapshot(view);
  ASSERT_GT(view.agent_count(), 10u);
  const std::size_t i = view.agent_count() / 2;
  world->set_inspect_target(InspectTarget::agent(view.agent_kind[i], view.agent_id[i]));
  world->snapshot(view);
  const Inspection& inspection = view.inspection;
  EXPECT_TRUE(inspection.present);
  EXPECT_NE(inspection.title.find(std::to_string(view.agent_id[i])), std::string::npos)
      << inspection.title;
  ASSERT_TRUE(inspection.has_position);
  // The view draws the centre, the inspector gives the front bumper: half a length apart.
  EXPECT_LT(std::hypot(inspection.x - view.x[i], inspection.y - view.y[i]), 10.0);
  ASSERT_NE(row(inspection, "trip", "from"), nullptr);
  ASSERT_NE(row(inspection, "trip", "to"), nullptr);
  ASSERT_NE(row(inspection, "now", "speed"), nullptr);
  // The route ahead ends at the trip's destination.
  const auto route = std::find_if(inspection.rows.begin(), inspection.rows.end(),
                                  [](const Inspection::Row& r) { return r.section == "route"; });
  ASSERT_NE(route, inspection.rows.end());
  const std::string& to = *row(inspection, "trip", "to");
  EXPECT_EQ(route->value.substr(route->value.size() - to.size()), to) << route->value;
}

TEST(Inspection, AnArrivedVehicleShowsItsFinishedTrip) {
  auto world = world_after(600);
  const auto* traffic = dynamic_cast<const TrafficSystem*>(world->find_system("traffic"));
  ASSERT_NE(traffic, nullptr);
  ASSERT_FALSE(traffic->trips().empty());
  const TripRecord& trip = traffic->trips().front();
  world->set_inspect_target(InspectTarget::agent(test_kinds::kCar, trip.id));
  WorldView view;
  world->snapshot(view);
  EXPECT_FALSE(view.inspection.present);
  ASSERT_NE(row(view.inspection, "trip", "arrived"), nullptr);
  char arrived[32];
  std::snprintf(arrived, sizeof arrived, "%.0f s", trip.arrive);
  EXPECT_EQ(*row(view.inspection, "trip", "arrived"), arrived);
}

TEST(Inspection, AJunctionShowsItsLinksSignalPlanGroupsAndQueues) {
  auto world = world_after(120);
  const NodeId junction = world->network().find_node("J_r1_c1");
  ASSERT_NE(junction, kNoId);
  world->set_inspect_target(InspectTarget::node(junction));
  WorldView view;
  world->snapshot(view);
  const Inspection& inspection = view.inspection;
  EXPECT_EQ(inspection.title, "junction J_r1_c1");
  EXPECT_EQ(*row(inspection, "junction", "control"), "signal");
  ASSERT_NE(row(inspection, "signal plan", "cycle"), nullptr);
  const Node& node = world->network().node(junction);
  std::size_t groups = 0;
  std::size_t approaches = 0;
  for (const auto& r : inspection.rows) {
    groups += r.section == "signal groups";
    approaches += r.section == "approaches";
  }
  EXPECT_EQ(groups, node.signal_groups.size());
  EXPECT_EQ(approaches, node.incoming.size());
  // Each group's row names the indication the snapshot's signal column shows.
  for (const SignalGroupId g : node.signal_groups) {
    const std::string* value =
        row(inspection, "signal groups", world->network().signal_group(g).name);
    ASSERT_NE(value, nullptr);
    EXPECT_EQ(value->rfind(std::string(signal_state_name(view.signal_state[g])), 0), 0u) << *value;
  }
}

TEST(Inspection, AskingNeverChangesTheRun) {
  auto plain = world_after(300);
  auto inspected = world_after(100);
  WorldView view;
  inspected->snapshot(view);
  inspected->set_inspect_target(InspectTarget::agent(view.agent_kind[0], view.agent_id[0]));
  for (int i = 0; i < 200; ++i) {
    inspected->step();
    inspected->snapshot(view);
  }
  EXPECT_EQ(inspected->state_hash(), plain->state_hash());
}

}  // namespace
}  // namespace citytwin
