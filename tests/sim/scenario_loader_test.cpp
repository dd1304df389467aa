// Good paths of the loader: SI conversion of every field, defaults, includes, variants, relative
// paths and the content hash. Data: tests/data/scenarios/good/.
#include "agents/families.hpp"
#include "agents/signals/signals_section.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <limits>

namespace citytwin {
namespace {

namespace fs = std::filesystem;
const fs::path kGood = fs::path(CITYTWIN_TEST_DATA_DIR) / "scenarios" / "good";

fs::path absolute_in_good(const char* relative) {
  return (fs::absolute(kGood) / relative).lexically_normal();
}

TEST(ScenarioLoaderTest, DecodesEveryFieldInSiUnits) {
  const Scenario s = load_scenario(kGood / "full.yaml");
  EXPECT_EQ(s.name, "full.scenario-1");
  EXPECT_EQ(s.description, "Every key of the schema.");
  EXPECT_EQ(s.file, absolute_in_good("full.yaml"));
  EXPECT_EQ(s.source.deployment, "Test town");
  EXPECT_EQ(s.source.data, "Hand-written");
  EXPECT_EQ(s.source.date, "2024-05-01");
  EXPECT_EQ(s.source.licence, "CC0");
  EXPECT_EQ(s.source.notes, "Nothing approximated");

  EXPECT_DOUBLE_EQ(s.simulation.step, 0.5);
  EXPECT_DOUBLE_EQ(s.simulation.duration, 7200.0);
  EXPECT_DOUBLE_EQ(s.simulation.warmup, 300.0);
  EXPECT_EQ(s.simulation.seed, std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(s.simulation.threads, 4u);

  EXPECT_EQ(s.network.format, NetworkFormat::kSumo);
  EXPECT_EQ(s.network.file, absolute_in_good("nets/tiny.net.xml"));
  EXPECT_EQ(s.network.grid.rows, 4u);
  EXPECT_EQ(s.network.grid.cols, 5u);
  EXPECT_DOUBLE_EQ(s.network.grid.spacing, 250.0);
  EXPECT_DOUBLE_EQ(s.network.grid.attach_length, 0.0);
  EXPECT_EQ(s.network.grid.lanes, 1u);
  EXPECT_DOUBLE_EQ(s.network.grid.speed_limit, 10.0);
  EXPECT_FALSE(s.network.grid.signalised);
  EXPECT_EQ(s.network.corridor.junctions, 7u);
  EXPECT_DOUBLE_EQ(s.network.corridor.spacing, 1200.0);
  EXPECT_DOUBLE_EQ(s.network.corridor.attach_length, 100.0);
  EXPECT_EQ(s.network.corridor.lanes, 3u);
  EXPECT_EQ(s.network.corridor.side_lanes, 2u);
  EXPECT_DOUBLE_EQ(s.network.corridor.speed_limit, 30 * 1609.344 / 3600.0);
  EXPECT_DOUBLE_EQ(s.network.corridor.side_speed_limit, 10.0);
  EXPECT_FALSE(s.network.corridor.signalised);

  EXPECT_DOUBLE_EQ(s.demand.scale, 0.5);
  ASSERT_EQ(s.demand.flows.size(), 2u);
  const FlowSpec& north = s.demand.flows[0];
  EXPECT_EQ(north.name, "north");
  EXPECT_EQ(north.from, "n0");
  EXPECT_EQ(north.to, "s0");
  EXPECT_DOUBLE_EQ(north.rate, 0.2);
  EXPECT_DOUBLE_EQ(north.begin, 60.0);
  EXPECT_DOUBLE_EQ(north.end, 3600.0);
  EXPECT_EQ(north.headways, Headways::kUniform);
  EXPECT_EQ(north.vehicle_type, "bus");
  const FlowSpec& unnamed = s.demand.flows[1];
  EXPECT_EQ(unnamed.name, "flow1");  // default: position in the list
  EXPECT_DOUBLE_EQ(unnamed.rate, 0.1);
  EXPECT_DOUBLE_EQ(unnamed.begin, 0.0);
  EXPECT_DOUBLE_EQ(unnamed.end, 0.0);
  EXPECT_EQ(unnamed.headways, Headways::kPoisson);
  EXPECT_EQ(unnamed.vehicle_type, "car");
  ASSERT_TRUE(s.demand.random.has_value());
  EXPECT_DOUBLE_EQ(s.demand.random->rate, 0.5);
  EXPECT_DOUBLE_EQ(s.demand.random->begin, 10.0);
  EXPECT_DOUBLE_EQ(s.demand.random->end, 5400.0);
  EXPECT_DOUBLE_EQ(s.demand.random->min_distance, 1500.0);
  EXPECT_EQ(s.demand.random->vehicle_type, "truck");
  ASSERT_EQ(s.demand.files.size(), 2u);
  EXPECT_EQ(s.demand.files[0], absolute_in_good("demand/a.rou.xml"));
  EXPECT_EQ(s.demand.files[1], absolute_in_good("demand/b.rou.xml"));

  EXPECT_EQ(signals_section(s).control, SignalControl::kFromNetwork);
  EXPECT_DOUBLE_EQ(signals_section(s).fixed_time.cycle, 120.0);
  EXPECT_DOUBLE_EQ(signals_section(s).fixed_time.green, 50.0);
  EXPECT_DOUBLE_EQ(signals_section(s).fixed_time.amber, 4.0);
  EXPECT_DOUBLE_EQ(signals_section(s).fixed_time.all_red, 2.0);
  EXPECT_DOUBLE_EQ(signals_section(s).fixed_time.offset, 15.0);

  EXPECT_EQ(s.outputs.directory, absolute_in_good("results/full"));
  EXPECT_DOUBLE_EQ(s.outputs.interval, 120.0);
  EXPECT_FALSE(s.outputs.timeseries);
  EXPECT_FALSE(s.outputs.trips);
  EXPECT_TRUE(s.outputs.tripinfo);
  EXPECT_TRUE(s.variants.empty());
  EXPECT_TRUE(s.applied_variant.empty());
  EXPECT_EQ(s.content_hash.size(), 16u);
}

TEST(ScenarioLoaderTest, MinimalFileKeepsSchemaDefaults) {
  const Scenario s = load_scenario_from_string("name: minimal\n", kGood / "minimal.yaml");
  const Scenario defaults;
  EXPECT_EQ(s.name, "minimal");
  EXPECT_EQ(s.simulation.step, defaults.simulation.step);
  EXPECT_EQ(s.simulation.duration, defaults.simulation.duration);
  EXPECT_EQ(s.network.format, NetworkFormat::kGrid);
  EXPECT_EQ(s.network.grid.rows, defaults.network.grid.rows);
  EXPECT_FALSE(s.demand.random.has_value());
  EXPECT_TRUE(s.outputs.directory.empty());
  EXPECT_EQ(s.file, absolute_in_good("minimal.yaml"));
}

TEST(ScenarioLoaderTest, IncludedFileIsOverriddenByTheIncluder) {
  const Scenario s = load_scenario(kGood / "sub" / "child.yaml");
  EXPECT_EQ(s.name, "child");
  EXPECT_DOUBLE_EQ(s.simulation.step, 1.0);         // from base
  EXPECT_DOUBLE_EQ(s.simulation.duration, 2700.0);  // overridden
  EXPECT_EQ(s.simulation.seed, 5u);
  EXPECT_EQ(s.network.grid.rows, 2u);
  EXPECT_EQ(s.network.grid.cols, 3u);
  EXPECT_DOUBLE_EQ(s.network.grid.spacing, 200.0);
  // Paths written in base.yaml resolve against base.yaml's folder, not the includer's.
  ASSERT_EQ(s.demand.files.size(), 1u);
  EXPECT_EQ(s.demand.files[0], absolute_in_good("demand/a.rou.xml"));
  EXPECT_EQ(s.outputs.directory, absolute_in_good("out"));
  // Variants from both files are offered, base's first.
  EXPECT_EQ(s.variants, (std::vector<std::string>{"from_base", "bigger", "cityflow"}));
}

TEST(ScenarioLoaderTest, LaterIncludesOverrideEarlierOnes) {
  const Scenario s = load_scenario(kGood / "sub" / "layered.yaml");
  EXPECT_EQ(s.name, "layered");
  EXPECT_EQ(s.network.grid.cols, 3u);  // child.yaml over base.yaml
  EXPECT_DOUBLE_EQ(s.simulation.duration, 2700.0);
  EXPECT_EQ(s.outputs.directory, absolute_in_good("sub/here"));  // written in sub/layered.yaml
}

TEST(ScenarioLoaderTest, VariantOverlaysTheBaseline) {
  const Scenario baseline = load_scenario(kGood / "sub" / "child.yaml");
  const Scenario bigger = load_scenario(kGood / "sub" / "child.yaml", {"bigger"});
  EXPECT_EQ(bigger.applied_variant, "bigger");
  EXPECT_EQ(bigger.network.grid.rows, 5u);
  EXPECT_EQ(bigger.network.grid.cols, 3u);  // untouched keys keep the baseline
  EXPECT_DOUBLE_EQ(bigger.demand.scale, 2.0);
  EXPECT_DOUBLE_EQ(baseline.demand.scale, 1.0);
  const Scenario from_base = load_scenario(kGood / "sub" / "child.yaml", {"from_base"});
  EXPECT_EQ(from_base.simulation.seed, 6u);
  // A variant's path resolves against the file that wrote the variant.
  const Scenario cityflow = load_scenario(kGood / "sub" / "child.yaml", {"cityflow"});
  EXPECT_EQ(cityflow.network.format, NetworkFormat::kCityFlow);
  EXPECT_EQ(cityflow.network.file, absolute_in_good("nets/roadnet.json"));
}

TEST(ScenarioLoaderTest, BrokenVariantFailsEvenWhenNotApplied) {
  const std::string text =
      "name: v\nvariants:\n  fine:\n    simulation: {seed: 3}\n  typo:\n    simulaton: {}\n";
  try {
    load_scenario_from_string(text, "v.yaml");
    FAIL();
  } catch (const ScenarioError& error) {
    EXPECT_STREQ(error.what(),
                 "v.yaml:6:5: error: unknown key 'simulaton' (did you mean 'simulation'?) (in "
                 "variant 'typo')");
  }
  EXPECT_THROW(load_scenario_from_string("name: v\nvariants: [a]\n", "v.yaml"), ScenarioError);
  try {
    load_scenario_from_string("name: v\n", "v.yaml", {"fast"});
    FAIL();
  } catch (const ScenarioError& error) {
    EXPECT_STREQ(error.what(),
                 "v.yaml: error: unknown variant 'fast': the scenario defines no variants");
  }
}

// A temp copy of a scenario so the test can change bytes.
class ScenarioHashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("citytwin_hash_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const char* name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }
  fs::path dir_;
};

TEST_F(ScenarioHashTest, ChangesWithEveryByteAndWithTheVariant) {
  write("base.yaml", "simulation: {seed: 1}\n");
  const auto top = write("top.yaml", "include: base.yaml\nname: h\nvariants: {a: {}, b: {}}\n");
  const std::string original = load_scenario(top).content_hash;
  EXPECT_EQ(load_scenario(top).content_hash, original);  // stable
  EXPECT_NE(load_scenario(top, {"a"}).content_hash, original);
  EXPECT_NE(load_scenario(top, {"a"}).content_hash, load_scenario(top, {"b"}).content_hash);
  // One byte of the included file (a comment: the decoded scenario is identical).
  write("base.yaml", "simulation: {seed: 1}\n#\n");
  EXPECT_NE(load_scenario(top).content_hash, original);
  write("base.yaml", "simulation: {seed: 1}\n");
  EXPECT_EQ(load_scenario(top).content_hash, original);
  write("top.yaml", "include: base.yaml\nname: h\nvariants: {a: {}, b: {} }\n");
  EXPECT_NE(load_scenario(top).content_hash, original);
}

TEST_F(ScenarioHashTest, IncludeChainsAreLimited) {
  // f0 includes f1 ... includes f9: deeper than 8 includes.
  for (int i = 0; i < 10; ++i) {
    const std::string text = (i < 9 ? "include: f" + std::to_string(i + 1) + ".yaml\n" : "") +
                             "name: f" + std::to_string(i) + "\n";
    write(("f" + std::to_string(i) + ".yaml").c_str(), text);
  }
  try {
    load_scenario(dir_ / "f0.yaml");
    FAIL();
  } catch (const ScenarioError& error) {
    EXPECT_EQ(
        std::string(error.what()),
        (dir_ / "f8.yaml").string() + ":1:10: error: include: includes nested deeper than 8 files");
  }
  EXPECT_EQ(load_scenario(dir_ / "f1.yaml").name, "f1");  // exactly 8 levels is fine
}

TEST_F(ScenarioHashTest, SelfIncludeIsACycle) {
  const auto self = write("self.yaml", "include: self.yaml\nname: s\n");
  try {
    load_scenario(self);
    FAIL();
  } catch (const ScenarioError& error) {
    EXPECT_EQ(std::string(error.what()),
              self.string() + ":1:10: error: include: include cycle: self.yaml -> self.yaml");
  }
}

}  // namespace
}  // namespace citytwin
