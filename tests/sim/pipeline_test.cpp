#include "sim/step/pipeline.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace citytwin {
namespace {

// A system that only declares accesses; enough to build pipelines.
class DeclaredSystem : public System {
 public:
  DeclaredSystem(std::string name, std::vector<PhaseAccess> accesses)
      : name_(std::move(name)), accesses_(std::move(accesses)) {}
  std::string_view name() const override { return name_; }
  void declare(SystemDeclaration& d) const override {
    for (const auto& a : accesses_) d.in(a.phase, a.reads, a.writes, a.runs_after);
  }
  void run(Phase, StepContext&) override {}
  void hash_state(StateHasher&) const override {}

 private:
  std::string name_;
  std::vector<PhaseAccess> accesses_;
};

std::string build_error(const std::vector<System*>& systems) {
  try {
    Pipeline::build(systems);
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
  const auto p = Pipeline::build({&vehicles, &signals, &robots});
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
            "'lane.occupancy'");
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
  const auto p = Pipeline::build({&rsu, &radio});
  EXPECT_EQ(names(p.order(Phase::kExchange)), (std::vector<std::string>{"radio", "rsu"}));
}

TEST(Pipeline, TransitiveOrderCounts) {
  DeclaredSystem a("a", {{Phase::kAct, {}, {"x"}}});
  DeclaredSystem b("b", {{Phase::kAct, {}, {"y"}, {"a"}}});
  DeclaredSystem c("c", {{Phase::kAct, {"x"}, {"z"}, {"b"}}});
  const auto p = Pipeline::build({&c, &b, &a});
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

}  // namespace
}  // namespace citytwin
