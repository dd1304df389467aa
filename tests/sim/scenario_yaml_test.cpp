// The YAML tree builder: positions, limits and hostile input generated on the fly (too big or too
// deep to check in, or random). Each case must end in a ScenarioError, never a crash or a hang.
#include "sim/scenario/yaml_document.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "agents/families.hpp"

namespace citytwin {
namespace {

std::shared_ptr<const std::filesystem::path> name(const char* file) {
  return std::make_shared<const std::filesystem::path>(file);
}

std::string error_of(std::string_view text) {
  try {
    yaml::parse_yaml(text, name("t.yaml"));
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "no error";
}

// A fresh folder per test, removed afterwards.
class ScenarioTempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("citytwin_scenario_") + info->name() + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path write(const std::string& file, const std::string& bytes) const {
    const auto path = dir_ / file;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  std::filesystem::path dir_;
};

TEST(ScenarioYamlTest, KeepsOneBasedPositionsOfNodesAndKeys) {
  const auto root = yaml::parse_yaml("a: 1\nb:\n  c: [x, 'y']\n", name("t.yaml"));
  ASSERT_EQ(root->kind, yaml::Kind::kMapping);
  ASSERT_EQ(root->entries.size(), 2u);
  EXPECT_EQ(root->entries[1].key, "b");
  EXPECT_EQ(root->entries[1].key_position.line, 2);
  EXPECT_EQ(root->entries[1].key_position.column, 1);
  const yaml::Node& c = *root->entries[1].value->find("c")->value;
  EXPECT_EQ(c.kind, yaml::Kind::kSequence);
  EXPECT_EQ(c.position.line, 3);
  EXPECT_EQ(c.position.column, 6);
  ASSERT_EQ(c.items.size(), 2u);
  EXPECT_EQ(c.items[1]->scalar, "y");
  EXPECT_EQ(c.items[1]->position.column, 10);
  EXPECT_EQ(*c.items[1]->file, "t.yaml");
}

TEST(ScenarioYamlTest, EmptyValuePointsAtItsKey) {
  const auto root = yaml::parse_yaml("a:\n  b:\nc: 1\n", name("t.yaml"));
  const yaml::Node& b = *root->find("a")->value->find("b")->value;
  EXPECT_EQ(b.kind, yaml::Kind::kNull);
  EXPECT_EQ(b.position.line, 2);
  EXPECT_EQ(b.position.column, 3);
}

TEST(ScenarioYamlTest, AliasesShareTheirAnchorAndCountExpandedNodes) {
  const auto root = yaml::parse_yaml("a: &x [1, 2]\nb: [*x, *x]\n", name("t.yaml"));
  const yaml::Node& b = *root->find("b")->value;
  EXPECT_EQ(b.items[0], root->find("a")->value);
  EXPECT_EQ(b.items[0], b.items[1]);
  EXPECT_EQ(root->expanded_size, 1u + 3u + 7u);  // root, a, b with both aliases expanded
}

TEST(ScenarioYamlTest, RefusesARecursiveAlias) {
  EXPECT_EQ(error_of("a: &x [1, *x]\n"),
            "t.yaml:1:11: error: alias '*x' refers to a node that contains it");
}

TEST(ScenarioYamlTest, AliasCannotSneakPastTheDepthLimit) {
  // 20 levels aliased inside 20 levels: each half is legal, together they are 40 deep.
  std::string text = "a: &deep " + std::string(20, '[') + std::string(20, ']') + "\nb: ";
  text += std::string(20, '[') + "*deep" + std::string(20, ']') + "\n";
  EXPECT_EQ(error_of(text),
            "t.yaml:2:24: error: nesting deeper than 32 levels (through alias '*deep')");
}

TEST(ScenarioYamlTest, HonoursCustomLimits) {
  yaml::Limits limits;
  limits.max_nodes = 5;
  EXPECT_THROW(yaml::parse_yaml("[1, 2, 3, 4, 5]", name("t.yaml"), limits), ScenarioError);
  EXPECT_NO_THROW(yaml::parse_yaml("[1, 2, 3, 4]", name("t.yaml"), limits));
  limits = {};
  limits.max_scalar_bytes = 4;
  try {
    yaml::parse_yaml("a: 12345\n", name("t.yaml"), limits);
    FAIL();
  } catch (const ScenarioError& error) {
    EXPECT_STREQ(error.what(), "t.yaml:1:4: error: text longer than 4 bytes (5 bytes)");
  }
}

TEST(ScenarioYamlTest, RefusesComplexAndAliasedKeys) {
  EXPECT_EQ(error_of("? [a, b]\n: 1\n"),
            "t.yaml:1:3: error: mapping keys must be plain text, found a sequence");
  EXPECT_EQ(error_of("a: &k key\n*k : 1\n"),
            "t.yaml:2:1: error: mapping keys must be plain text, found an alias");
}

TEST(ScenarioYamlTest, AcceptsUtf8TextAndByteOrderMark) {
  const auto root = yaml::parse_yaml("\xEF\xBB\xBFname: \"Zürich – 東京\"\n", name("t.yaml"));
  EXPECT_EQ(root->find("name")->value->scalar, "Zürich – 東京");
  EXPECT_EQ(error_of("a: 'it''s closed'\nb: \"esc \\\" aped\"\n"), "no error");
}

TEST(ScenarioYamlTest, RefusesOverlongAndSurrogateUtf8) {
  EXPECT_EQ(error_of("a: \xC0\xAF\n"),
            "t.yaml:1:4: error: invalid UTF-8 (byte 0xC0); save the file as UTF-8");
  EXPECT_EQ(error_of("a: \xED\xA0\x80\n"),
            "t.yaml:1:4: error: invalid UTF-8 (byte 0xED); save the file as UTF-8");
  EXPECT_EQ(error_of("\xFF\xFEn\0a\0"),
            "t.yaml:1:1: error: UTF-16 text is not supported; save the file as UTF-8");
}

TEST(ScenarioYamlTest, MergeOverlaysMappingsAndReplacesEverythingElse) {
  const auto base = yaml::parse_yaml("a: {x: 1, y: 2}\nb: [1, 2]\nc: 3\n", name("base.yaml"));
  const auto over = yaml::parse_yaml("a: {y: 5, z: 6}\nb: [9]\nd: 4\n", name("over.yaml"));
  const auto merged = yaml::merge(base, over);
  const yaml::Node& a = *merged->find("a")->value;
  ASSERT_EQ(a.entries.size(), 3u);
  EXPECT_EQ(a.find("x")->value->scalar, "1");
  EXPECT_EQ(a.find("y")->value->scalar, "5");
  EXPECT_EQ(*a.find("y")->value->file, "over.yaml");
  EXPECT_EQ(a.find("z")->value->scalar, "6");
  EXPECT_EQ(merged->find("b")->value->items.size(), 1u);
  EXPECT_EQ(merged->find("c")->value->scalar, "3");
  EXPECT_EQ(merged->find("d")->value->scalar, "4");
  EXPECT_EQ(yaml::without_key(merged, "c")->find("c"), nullptr);
  EXPECT_NE(merged->find("c"), nullptr);  // the original is untouched
}

TEST_F(ScenarioTempDir, DeepNestingIsRefusedWithoutOverflowingTheStack) {
  const std::string block = [] {
    std::string text = "name: deep\nx:\n";
    for (int level = 1; level <= 200; ++level) text += std::string(2 * level, ' ') + "- \n";
    return text;
  }();
  const auto block_file = write("block.yaml", block);
  const auto flow_file =
      write("flow.yaml", "name: deep\nx: " + std::string(200, '[') + std::string(200, ']') + "\n");
  const auto brace_file = write("brace.yaml", "name: deep\nx: " + std::string(5000, '{') + "\n");
  const auto expect = [](const std::filesystem::path& file, const std::string& where) {
    try {
      load_scenario(file);
      FAIL() << file;
    } catch (const ScenarioError& error) {
      EXPECT_EQ(std::string(error.what()),
                file.string() + ":" + where + ": error: nesting deeper than 32 levels");
    }
  };
  expect(block_file, "34:65");
  expect(flow_file, "2:35");
  expect(brace_file, "2:35");
}

TEST_F(ScenarioTempDir, OversizeFileIsRefusedBeforeParsing) {
  std::string big = "name: big\ndescription: ";
  big.append((8u << 20) + 10 - big.size() - 1, 'x');
  big += '\n';
  const auto file = write("big.yaml", big);
  try {
    load_scenario(file);
    FAIL();
  } catch (const ScenarioError& error) {
    EXPECT_EQ(std::string(error.what()),
              file.string() + ": error: file too large (more than 8388608 bytes)");
  }
  // The same text in memory hits the same limit.
  EXPECT_THROW(load_scenario_from_string(big, "mem.yaml"), ScenarioError);
}

TEST_F(ScenarioTempDir, BinaryGarbageIsNotText) {
  std::mt19937 random(20240501);
  std::string bytes = "name: x\n\x01";
  for (int i = 0; i < 4096; ++i) bytes += static_cast<char>(random() & 0xFF);
  bytes[3] = '\0';
  const auto file = write("garbage.bin", bytes);
  try {
    load_scenario(file);
    FAIL();
  } catch (const ScenarioError& error) {
    EXPECT_EQ(std::string(error.what()), file.string() + ":1:4: error: not a text file (NUL byte)");
  }
}

// Random bytes, random printable text and truncated/mutated copies of a real scenario: loading
// either succeeds or throws ScenarioError. Under ASan/UBSan this doubles as a small fuzzer.
TEST(ScenarioYamlTest, RandomInputNeverCrashes) {
  std::mt19937 random(7);
  std::ifstream in(std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/grid_default.yaml");
  const std::string seed_text((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
  ASSERT_FALSE(seed_text.empty());
  const std::string alphabet = " \n\t:-[]{},&*!|>'\"#%@`?abcms0123456789./";
  int loaded = 0;
  for (int round = 0; round < 600; ++round) {
    std::string text;
    if (round % 3 == 0) {
      for (int i = 0; i < 200; ++i) text += static_cast<char>(random() & 0xFF);
    } else if (round % 3 == 1) {
      for (int i = 0; i < 300; ++i) text += alphabet[random() % alphabet.size()];
    } else {
      text = seed_text.substr(0, random() % seed_text.size());
      for (int flips = 0; flips < 3; ++flips) {
        if (!text.empty()) text[random() % text.size()] = alphabet[random() % alphabet.size()];
      }
    }
    try {
      load_scenario_from_string(text, std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/fuzz.yaml");
      ++loaded;
    } catch (const ScenarioError& error) {
      EXPECT_NE(std::string(error.what()).find(": error: "), std::string::npos);
    }
  }
  EXPECT_LT(loaded, 600);
}

}  // namespace
}  // namespace citytwin
