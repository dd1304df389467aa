// Agent kinds are names families choose, hashed; their styles are declared by systems and gathered
// by the world into the table every snapshot carries. The kernel and the renderer name no kind.
#include "sim/view/agent_kind_style.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "sim/network/grid_generator.hpp"
#include "sim/step/world.hpp"
#include "sim/view/world_view.hpp"
#include "support/view_kinds.hpp"

namespace citytwin {
namespace {

AgentKindStyle device(const char* name, Rgba8 colour) {
  return test_kinds::device_style(name, AgentGlyph::kSquare, colour);
}

TEST(AgentKind, IsAStableHashOfTheName) {
  // FNV-1a of "car": outputs and CLI targets rely on the value staying put.
  EXPECT_EQ(static_cast<std::uint32_t>(agent_kind("car")), 0x047458e1u);
  EXPECT_NE(agent_kind("car"), agent_kind("bus"));
  static_assert(agent_kind("robot") == agent_kind("robot"));  // known at compile time
}

TEST(AgentKindTable, FindsDeclaredKindsAndKeepsAStyleDeclaredTwiceOnce) {
  AgentKindTable table;
  table.add(device("rsu", {1, 2, 3}));
  table.add(device("rsu", {1, 2, 3}));
  AgentKindStyle bus;
  bus.name = "bus";
  bus.length = 12.0f;
  bus.width = 2.5f;
  table.add(bus);
  ASSERT_EQ(table.styles().size(), 2u);
  ASSERT_NE(table.find(agent_kind("rsu")), nullptr);
  EXPECT_EQ(table.find(agent_kind("rsu"))->colour, (Rgba8{1, 2, 3}));
  EXPECT_EQ(table.find(agent_kind("tram")), nullptr);
  EXPECT_FLOAT_EQ(table.longest_half_length(), 6.0f);  // devices have no footprint
}

TEST(AgentKindTable, OneNameWithTwoStylesIsRefused) {
  AgentKindTable table;
  table.add(device("rsu", {1, 2, 3}));
  EXPECT_THROW(table.add(device("rsu", {9, 9, 9})), std::logic_error);
}

TEST(AgentKindStyle, StateColoursFallBackToTheKindsColour) {
  AgentKindStyle robot;
  robot.colouring = AgentColouring::kByState;
  robot.colour = {7, 7, 7};
  robot.states = {{"idle", {1, 1, 1}}, {"loaded", {2, 2, 2}}};
  EXPECT_EQ(robot.state_colour(1), (Rgba8{2, 2, 2}));
  EXPECT_EQ(robot.state_colour(5), (Rgba8{7, 7, 7}));
}

class Devices final : public System {
 public:
  Devices(std::string name, Rgba8 colour) : name_(std::move(name)), colour_(colour) {}
  std::string_view name() const override { return name_; }
  void declare(SystemDeclaration& d) const override {
    d.in(Phase::kSense).agent_kind(device("shared.device", colour_));
  }
  void run(Phase, StepContext&) override {}
  void hash_state(StateHasher&) const override {}
  void fill_view(WorldView& view) const override {
    view.sites.push_back({agent_kind("shared.device"), 1, 0.0f, 0.0f, 0.0f, SiteHealth::kOk});
  }

 private:
  std::string name_;
  Rgba8 colour_;
};

std::unique_ptr<World> small_world() {
  GridSpec grid;
  grid.rows = grid.cols = 2;
  return std::make_unique<World>(WorldConfig{},
                                 std::make_shared<const Network>(generate_grid(grid)));
}

TEST(AgentKindsInWorld, DeclaredStylesReachEverySnapshot) {
  auto world = small_world();
  world->emplace_system<Devices>("a", Rgba8{10, 20, 30});
  world->emplace_system<Devices>("b", Rgba8{10, 20, 30});  // same kind, same style: shared
  world->start();
  WorldView view;
  world->snapshot(view);
  ASSERT_NE(view.agent_kinds, nullptr);
  ASSERT_EQ(view.agent_kinds->styles().size(), 1u);
  EXPECT_EQ(view.agent_kinds->find(view.sites.front().kind)->colour, (Rgba8{10, 20, 30}));
  EXPECT_EQ(view.agent_kinds.get(), &world->agent_kinds());  // shared, not copied
}

TEST(AgentKindsInWorld, TwoSystemsGivingOneKindDifferentLooksIsAConflict) {
  auto world = small_world();
  world->emplace_system<Devices>("a", Rgba8{10, 20, 30});
  world->emplace_system<Devices>("b", Rgba8{99, 20, 30});
  try {
    world->start();
    FAIL() << "no conflict";
  } catch (const PipelineConflict& e) {
    EXPECT_NE(std::string(e.what()).find("b: agent kind 'shared.device' is declared twice"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace citytwin
