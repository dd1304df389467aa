#include "sim/step/pipeline.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace citytwin {
namespace {

// One phase's accesses by resource name (the test's shorthand; systems declare typed handles).
struct NamedAccess {
  Phase phase = Phase::kSense;
  std::vector<std::string> reads;
  std::vector<std::string> writes;
  std::vector<std::string> runs_after;
};

// A system that only declares accesses; enough to build pipelines. Its resources are ints named
// as in the accesses, obtained on connect like a real system's.
class DeclaredSystem : public System {
 public:
  DeclaredSystem(std::string name, std::vector<NamedAccess> accesses)
      : name_(std::move(name)), accesses_(std::move(accesses)) {}
  std::string_view name() const override { return name_; }
  void connect(Resources& resources) override {
    handles_.clear();
    for (const auto& a : accesses_) {
      std::vector<ResourceId> reads, writes;
      for (const auto& r : a.reads) reads.push_back(resources.obtain<int>(r));
      for (const auto& w : a.writes) writes.push_back(resources.obtain<int>(w));
      handles_.push_back({a.phase, reads, writes, a.runs_after});
    }
  }
  void declare(SystemDeclaration& d) const override {
    for (const auto& a : handles_) d.in(a.phase, a.reads, a.writes, a.runs_after);
  }
  void run(Phase, StepContext&) override {}
  void hash_state(StateHasher&) const override {}

 private:
  std::string name_;
  std::vector<NamedAccess> accesses_;
  std::vector<PhaseAccess> handles_;
};

// As World::start does it: connect every system to one registry, then build.
Pipeline build(const std::vector<System*>& systems) {
  Resources resources;
  for (auto* s : systems) s->connect(resources);
  return Pipeline::build(systems, resources);
}

std::string build_error(const std::vector<System*>& systems) {
  try {
    build(systems);
  } catch (const PipelineConflict& e) {
    return e.what();
  }
  return "";
}

std::vector<std::string> names(const std::vector<System*>& order) {
  std::vector<std::string> out;
  for (auto* s : order) out.emplace_back(s->name());
  return out;
}

TEST(Pipeline, OrdersByRegistrationWhenIndependent) {
  DeclaredSystem vehicles("vehicles", {{Phase::kDecide, {"signals.state"}, {"vehicles.intent"}},
                                       {Phase::kAct, {"vehicles.intent"}, {"vehicles.state"}}});
  DeclaredSystem signals("signals", {{Phase::kSense, {}, {"signals.state"}}});
  DeclaredSystem robots("robots", {{Phase::kDecide, {}, {"robots.intent"}}});
  const auto p = build({&vehicles, &signals, &robots});
  EXPECT_EQ(names(p.order(Phase::kSense)), (std::vector<std::string>{"signals"}));
  EXPECT_EQ(names(p.order(Phase::kDecide)), (std::vector<std::string>{"vehicles", "robots"}));
  EXPECT_EQ(names(p.order(Phase::kAct)), (std::vector<std::string>{"vehicles"}));
  EXPECT_TRUE(p.order(Phase::kPublish).empty());
}

TEST(Pipeline, RefusesTwoWritersOfOneResourceInAPhase) {
  DeclaredSystem vehicles("vehicles", {{Phase::kAct, {}, {"lane.occupancy"}}});
  DeclaredSystem robots("robots", {{Phase::kAct, {}, {"crossing.state", "lane.occupancy"}}});
  EXPECT_EQ(build_error({&vehicles, &robots}),
            "pipeline conflict in phase 'act': systems 'vehicles' and 'robots' both write "
            "'lane.occupancy'; declare that one runs after the other");
}

TEST(Pipeline, AllowsTwoWritersOfOneResourceThatTakeTurns) {
  DeclaredSystem glosa("glosa", {{Phase::kDecide, {}, {"speed advice"}}});
  DeclaredSystem harmoniser("harmoniser", {{Phase::kDecide, {}, {"speed advice"}, {"glosa"}}});
  const auto p = build({&harmoniser, &glosa});
  EXPECT_EQ(names(p.order(Phase::kDecide)), (std::vector<std::string>{"glosa", "harmoniser"}));
}

TEST(Pipeline, AllowsTwoWritersInDifferentPhases) {
  DeclaredSystem a("a", {{Phase::kDecide, {}, {"x"}}});
  DeclaredSystem b("b", {{Phase::kAct, {}, {"x"}}});
  EXPECT_EQ(build_error({&a, &b}), "");
}

TEST(Pipeline, RefusesUnorderedReadOfAResourceWrittenInTheSamePhase) {
  DeclaredSystem rsu("rsu", {{Phase::kExchange, {"radio.packets"}, {"rsu.inbox"}}});
  DeclaredSystem radio("radio", {{Phase::kExchange, {}, {"radio.packets"}}});
  EXPECT_EQ(build_error({&rsu, &radio}),
            "pipeline conflict in phase 'exchange': system 'rsu' reads 'radio.packets' which "
            "'radio' writes in the same phase; declare that 'rsu' runs after 'radio' or move one "
            "to another phase");
}

TEST(Pipeline, RunsAfterMakesAReadOrderedAndReordersTheReader) {
  DeclaredSystem rsu("rsu", {{Phase::kExchange, {"radio.packets"}, {"rsu.inbox"}, {"radio"}}});
  DeclaredSystem radio("radio", {{Phase::kExchange, {}, {"radio.packets"}}});
  const auto p = build({&rsu, &radio});
  EXPECT_EQ(names(p.order(Phase::kExchange)), (std::vector<std::string>{"radio", "rsu"}));
}

TEST(Pipeline, TransitiveOrderCounts) {
  DeclaredSystem a("a", {{Phase::kAct, {}, {"x"}}});
  DeclaredSystem b("b", {{Phase::kAct, {}, {"y"}, {"a"}}});
  DeclaredSystem c("c", {{Phase::kAct, {"x"}, {"z"}, {"b"}}});
  const auto p = build({&c, &b, &a});
  EXPECT_EQ(names(p.order(Phase::kAct)), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(Pipeline, RefusesCycles) {
  DeclaredSystem a("a", {{Phase::kAct, {}, {"x"}, {"b"}}});
  DeclaredSystem b("b", {{Phase::kAct, {}, {"y"}, {"a"}}});
  EXPECT_EQ(build_error({&a, &b}),
            "pipeline conflict in phase 'act': runs_after declarations form a cycle among 'a', "
            "'b'");
}

TEST(Pipeline, RefusesRunsAfterASystemAbsentFromThePhase) {
  DeclaredSystem a("a", {{Phase::kAct, {}, {"x"}, {"ghost"}}});
  EXPECT_EQ(build_error({&a}),
            "pipeline conflict in phase 'act': system 'a' runs after 'ghost', which does not run "
            "in this phase");
}

TEST(Pipeline, RefusesDuplicateNamesAndDuplicatePhases) {
  DeclaredSystem a1("a", {});
  DeclaredSystem a2("a", {});
  EXPECT_EQ(build_error({&a1, &a2}), "pipeline conflict: two systems are named 'a'");
  DeclaredSystem twice("twice", {{Phase::kAct, {}, {"x"}}, {Phase::kAct, {}, {"y"}}});
  EXPECT_EQ(build_error({&twice}),
            "pipeline conflict in phase 'act': system 'twice' declares this phase twice");
}

TEST(Pipeline, RefusesAHandleFromAnotherWorld) {
  class Stray : public DeclaredSystem {
   public:
    Stray() : DeclaredSystem("stray", {}) {}
    void declare(SystemDeclaration& d) const override { d.in(Phase::kAct, {}, {Resource<int>{7}}); }
  } stray;
  EXPECT_NE(build_error({&stray}).find("declares a resource this world does not have"),
            std::string::npos);
}

TEST(Pipeline, RunsCarryEachSystemsDeclaredAccess) {
  DeclaredSystem a("a", {{Phase::kAct, {"in"}, {"out"}}});
  Resources resources;
  a.connect(resources);
  const auto p = Pipeline::build({&a}, resources);
  ASSERT_EQ(p.runs(Phase::kAct).size(), 1u);
  EXPECT_EQ(p.runs(Phase::kAct)[0].access.reads,
            std::vector<ResourceId>{resources.find<int>("in")});
  EXPECT_EQ(p.runs(Phase::kAct)[0].access.writes,
            std::vector<ResourceId>{resources.find<int>("out")});
}

}  // namespace
}  // namespace citytwin
