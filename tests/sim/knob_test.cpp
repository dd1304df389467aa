#include "sim/step/knob.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/core/state_hasher.hpp"
#include "sim/network/grid_generator.hpp"
#include "sim/step/world.hpp"

namespace citytwin {
namespace {

// A system with one slider and one choice, as a real system declares them.
class TunableSystem : public System {
 public:
  std::string_view name() const override { return "tunable"; }
  void declare(SystemDeclaration&) const override {}
  void run(Phase, StepContext&) override {}
  void hash_state(StateHasher& hasher) const override { hasher.add(gain); }
  void declare_knobs(KnobList& knobs) const override {
    knobs.slider<TunableSystem>("gain", "%.1f dB", 0.0, 10.0, gain,
                                [](TunableSystem& s, double v) { s.set_gain(v); });
    knobs.choice<TunableSystem>("mode", {"off", "auto", "manual"}, mode,
                                [](TunableSystem& s, std::size_t m) { s.mode = m; });
  }
  void set_gain(double v) {
    if (v > 8.0) throw std::invalid_argument("gain above 8 dB clips");
    gain = v;
  }
  double gain = 2.0;
  std::size_t mode = 1;
};

std::unique_ptr<World> world_with_tunable() {
  GridSpec grid;
  grid.rows = 1;
  grid.cols = 1;
  auto world =
      std::make_unique<World>(WorldConfig{}, std::make_shared<const Network>(generate_grid(grid)));
  world->emplace_system<TunableSystem>();
  world->start();
  return world;
}

TEST(Knobs, WorldListsEachSystemsKnobsWithTheirCurrentValues) {
  auto world = world_with_tunable();
  const std::vector<KnobSpec> knobs = world->knobs();
  ASSERT_EQ(knobs.size(), 2u);
  EXPECT_EQ(knobs[0].system, "tunable");
  EXPECT_EQ(knobs[0].label, "gain");
  EXPECT_FALSE(knobs[0].is_choice());
  EXPECT_DOUBLE_EQ(knobs[0].value, 2.0);
  EXPECT_EQ(knobs[0].describe(4.25), "gain = 4.2 dB");
  EXPECT_TRUE(knobs[1].is_choice());
  EXPECT_DOUBLE_EQ(knobs[1].max, 2.0);
  EXPECT_DOUBLE_EQ(knobs[1].value, 1.0);
  EXPECT_EQ(knobs[1].describe(2.0), "mode = manual");
}

TEST(Knobs, CommandAppliesBetweenStepsAndChangesTheStateHash) {
  auto world = world_with_tunable();
  const auto before = world->state_hash();
  const auto knobs = world->knobs();
  world->commands().push(knob_command(knobs[0], 5.0));
  world->commands().push(knob_command(knobs[1], 2.0));
  auto* tunable = static_cast<TunableSystem*>(world->find_system("tunable"));
  EXPECT_DOUBLE_EQ(tunable->gain, 2.0);  // nothing happens until the next step
  world->step();
  EXPECT_DOUBLE_EQ(tunable->gain, 5.0);
  EXPECT_EQ(tunable->mode, 2u);
  EXPECT_NE(world->state_hash(), before);
  EXPECT_DOUBLE_EQ(world->knobs()[0].value, 5.0);  // re-declared with the new value
}

TEST(Knobs, RejectedValueLeavesTheRunUnchangedAndIsReported) {
  auto world = world_with_tunable();
  std::vector<std::string> rejected;
  world->commands().push(knob_command(world->knobs()[0], 9.0,
                                      [&](const std::string& why) { rejected.push_back(why); }));
  EXPECT_NO_THROW(world->step());
  EXPECT_DOUBLE_EQ(static_cast<TunableSystem*>(world->find_system("tunable"))->gain, 2.0);
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0], "what-if 'gain = 9.0 dB' rejected: gain above 8 dB clips");
}

TEST(Knobs, CommandForASystemTheWorldLacksIsReportedNotApplied) {
  auto world = world_with_tunable();
  KnobSpec orphan = world->knobs()[0];
  orphan.system = "radios";
  std::vector<std::string> rejected;
  world->commands().push(
      knob_command(orphan, 1.0, [&](const std::string& why) { rejected.push_back(why); }));
  EXPECT_NO_THROW(world->step());
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_NE(rejected[0].find("no system 'radios'"), std::string::npos);
}

}  // namespace
}  // namespace citytwin
