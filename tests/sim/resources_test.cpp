// Typed resources: what a system declares is what it gets. The registry hands out typed handles by
// name (refusing another type), the StepContext hands a running system exactly the resources it
// declared for the phase, and message lists written in a parallel phase reach later readers
// gathered in a fixed order.
#include "sim/step/resources.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/core/message_list.hpp"
#include "sim/network/grid_generator.hpp"
#include "sim/step/step_context.hpp"
#include "sim/step/world.hpp"

namespace citytwin {
namespace {

struct Counter {
  explicit Counter(int start = 0) : value(start) {}
  int value;
};
struct Inbox : MessageList<int> {};

TEST(Resources, ObtainCreatesOnceAndFindsByNameAndType) {
  Resources resources;
  const Resource<Counter> a = resources.obtain<Counter>("count", 5);
  const Resource<Counter> b = resources.obtain<Counter>("count", 99);  // exists: args unused
  EXPECT_EQ(a.index, b.index);
  EXPECT_EQ(resources.get(a).value, 5);
  EXPECT_EQ(resources.find<Counter>("count").index, a.index);
  EXPECT_EQ(resources.size(), 1u);
  EXPECT_EQ(resources.name(a), "count");
}

TEST(Resources, AnotherTypeUnderTheSameNameIsRefused) {
  Resources resources;
  resources.obtain<Counter>("count");
  EXPECT_THROW(resources.obtain<double>("count"), ResourceError);
  EXPECT_THROW(resources.find<double>("count"), ResourceError);
}

TEST(Resources, AMissingResourceNamesTheOnesThereAre) {
  Resources resources;
  resources.obtain<Counter>("count");
  try {
    resources.find<Counter>("cuont");
    FAIL() << "no error";
  } catch (const ResourceError& e) {
    EXPECT_NE(std::string(e.what()).find("no resource named 'cuont' (the world has 'count')"),
              std::string::npos)
        << e.what();
  }
}

TEST(Resources, OnlyMessageListsAreCommitted) {
  Resources resources;
  const auto count = resources.obtain<Counter>("count");
  const auto inbox = resources.obtain<Inbox>("inbox");
  EXPECT_FALSE(resources.needs_commit(count));
  EXPECT_TRUE(resources.needs_commit(inbox));
  resources.get(inbox).emit(2, 0, 20);
  resources.get(inbox).emit(1, 0, 10);
  resources.commit(inbox);
  ASSERT_EQ(resources.get(inbox).messages().size(), 2u);
  EXPECT_EQ(resources.get(inbox).messages()[0].payload, 10);  // by sender
}

// A sender that emits one message per agent from a parallel decide, and a reader that sums them
// in act, in arrival order, into a value that depends on the order (so a thread-count-dependent
// order would show).
class Sender final : public System {
 public:
  std::string_view name() const override { return "sender"; }
  void connect(Resources& r) override { inbox_ = r.obtain<Inbox>("inbox"); }
  void declare(SystemDeclaration& d) const override { d.in(Phase::kDecide, {}, {inbox_}); }
  void run(Phase, StepContext& context) override {
    Inbox& inbox = context.write(inbox_);
    const auto step = static_cast<int>(context.clock().step());
    context.executor().parallel_for(1000, 7, [&](std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i) {
        inbox.emit(static_cast<std::uint32_t>(i), 0, static_cast<int>(i) * 31 + step);
      }
    });
  }
  void hash_state(StateHasher&) const override {}

 private:
  Resource<Inbox> inbox_;
};

class Reader final : public System {
 public:
  std::string_view name() const override { return "reader"; }
  void connect(Resources& r) override { inbox_ = r.obtain<Inbox>("inbox"); }
  void declare(SystemDeclaration& d) const override { d.in(Phase::kAct, {inbox_}); }
  void run(Phase, StepContext& context) override {
    for (const auto& m : context.read(inbox_).messages()) {
      digest_ = digest_ * 1000003u + static_cast<std::uint64_t>(m.payload);
      ++received_;
    }
  }
  void hash_state(StateHasher&) const override {}
  std::uint64_t digest_ = 0;
  std::size_t received_ = 0;

 private:
  Resource<Inbox> inbox_;
};

std::unique_ptr<World> sender_reader_world(unsigned threads) {
  WorldConfig config;
  config.threads = threads;
  GridSpec grid;
  grid.rows = grid.cols = 2;
  auto world =
      std::make_unique<World>(config, std::make_shared<const Network>(generate_grid(grid)));
  world
      ->emplace_system<Reader>();  // added first: the phases, not the order of addition, order them
  world->emplace_system<Sender>();
  world->start();
  return world;
}

TEST(ResourcesInWorld, AMessageListWrittenInParallelReachesItsReaderInOneOrderForAnyThreads) {
  std::uint64_t digest_one = 0;
  for (const unsigned threads : {1u, 2u, 8u}) {
    auto world = sender_reader_world(threads);
    for (int s = 0; s < 3; ++s) world->step();
    const auto& reader = static_cast<const Reader&>(*world->find_system("reader"));
    EXPECT_EQ(reader.received_, 3000u);  // every message of every step, none twice
    if (threads == 1) digest_one = reader.digest_;
    EXPECT_EQ(reader.digest_, digest_one) << threads << " threads";
  }
}

// Reads a resource it did not declare: a bug the first step reports by name.
class Sneak final : public System {
 public:
  std::string_view name() const override { return "sneak"; }
  void connect(Resources& r) override {
    declared_ = r.obtain<Counter>("declared");
    hidden_ = r.obtain<Counter>("hidden");
  }
  void declare(SystemDeclaration& d) const override { d.in(Phase::kAct, {declared_}); }
  void run(Phase, StepContext& context) override {
    (void)context.read(declared_);
    if (write_declared_) (void)context.write(declared_);  // declared as a read only
    (void)context.read(hidden_);
  }
  void hash_state(StateHasher&) const override {}
  bool write_declared_ = false;

 private:
  Resource<Counter> declared_;
  Resource<Counter> hidden_;
};

TEST(ResourcesInWorld, AnUndeclaredReadOrWriteIsAnErrorNamingSystemResourceAndPhase) {
  WorldConfig config;
  config.threads = 1;
  GridSpec grid;
  grid.rows = grid.cols = 2;
  for (const bool write : {false, true}) {
    World world(config, std::make_shared<const Network>(generate_grid(grid)));
    world.emplace_system<Sneak>().write_declared_ = write;
    world.start();
    try {
      world.step();
      FAIL() << "no error";
    } catch (const ResourceError& e) {
      const std::string expected = write ? "system 'sneak' writes 'declared' in phase 'act'"
                                         : "system 'sneak' reads 'hidden' in phase 'act'";
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  }
}

// Two systems reading and writing the same object in one phase must say which runs first: the
// check runs on the objects they obtained, whatever the names in their code.
TEST(ResourcesInWorld, TheConflictCheckRunsOnTheObjectsSystemsObtained) {
  class Writer final : public System {
   public:
    std::string_view name() const override { return "writer"; }
    void connect(Resources& r) override { c_ = r.obtain<Counter>("shared count"); }
    void declare(SystemDeclaration& d) const override { d.in(Phase::kAct, {}, {c_}); }
    void run(Phase, StepContext&) override {}
    void hash_state(StateHasher&) const override {}
    Resource<Counter> c_;
  };
  class Peeker final : public System {
   public:
    std::string_view name() const override { return "peeker"; }
    void connect(Resources& r) override { c_ = r.obtain<Counter>("shared count"); }
    void declare(SystemDeclaration& d) const override { d.in(Phase::kAct, {c_}); }
    void run(Phase, StepContext&) override {}
    void hash_state(StateHasher&) const override {}
    Resource<Counter> c_;
  };
  GridSpec grid;
  grid.rows = grid.cols = 2;
  World world(WorldConfig{}, std::make_shared<const Network>(generate_grid(grid)));
  world.emplace_system<Peeker>();
  world.emplace_system<Writer>();
  try {
    world.start();
    FAIL() << "no conflict";
  } catch (const PipelineConflict& e) {
    EXPECT_NE(std::string(e.what()).find("system 'peeker' reads 'shared count' which 'writer' "
                                         "writes in the same phase"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace citytwin
