// Broken scenario files: each must fail with exactly the located message a person needs, and none
// may crash. Files live in tests/data/scenarios/malformed/; `{dir}` stands for that folder.
#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "agents/families.hpp"

namespace citytwin {
namespace {

const std::string kDir = std::string(CITYTWIN_TEST_DATA_DIR) + "/scenarios/malformed";

struct MalformedCase {
  const char* file;
  const char* expected;  // with {dir} for the folder
  const char* variant = "";
};

std::string expand(std::string text) {
  for (std::size_t at = text.find("{dir}"); at != std::string::npos; at = text.find("{dir}")) {
    text.replace(at, 5, kDir);
  }
  return text;
}

class ScenarioMalformedTest : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(ScenarioMalformedTest, FailsWithTheExactLocatedMessage) {
  const MalformedCase& row = GetParam();
  try {
    load_scenario(kDir + "/" + row.file, LoadOptions{row.variant});
    FAIL() << row.file << " loaded without error";
  } catch (const ScenarioError& error) {
    EXPECT_EQ(std::string(error.what()), expand(row.expected));
  }
}

// clang-format off
const MalformedCase kCases[] = {
  {"syntax_error.yaml", "{dir}/syntax_error.yaml:3:9: error: YAML syntax: illegal map value"},
  {"tab_indentation.yaml", "{dir}/tab_indentation.yaml:3:1: error: tab character in indentation (YAML indents with spaces)"},
  {"unclosed_quote.yaml", "{dir}/unclosed_quote.yaml:2:14: error: unclosed quote (\")"},
  {"unclosed_bracket.yaml", "{dir}/unclosed_bracket.yaml:4:8: error: YAML syntax: end of sequence flow not found"},
  {"undefined_alias.yaml", "{dir}/undefined_alias.yaml:2:13: error: YAML syntax: the referenced anchor is not defined"},
  {"sequence_instead_of_mapping.yaml", "{dir}/sequence_instead_of_mapping.yaml:3:3: error: simulation: expected a mapping, found a sequence"},
  {"mapping_instead_of_text.yaml", "{dir}/mapping_instead_of_text.yaml:2:3: error: name: expected a text, found a mapping"},
  {"flows_not_sequence.yaml", "{dir}/flows_not_sequence.yaml:4:5: error: demand.flows: expected a sequence of flows, found a mapping"},
  {"include_wrong_type.yaml", "{dir}/include_wrong_type.yaml:2:3: error: include: expected a path or a sequence of paths, found a mapping"},
  {"wrong_dimension.yaml", "{dir}/wrong_dimension.yaml:4:18: error: network.grid.speed_limit: expected a speed (km/h, m/s, mph), found a length '300 m'"},
  {"rate_as_speed.yaml", "{dir}/rate_as_speed.yaml:4:11: error: demand.random.rate: expected a rate (veh/h, veh/min, veh/s), found a speed '50 km/h'"},
  {"unknown_unit.yaml", "{dir}/unknown_unit.yaml:7:14: error: network.grid.spacing: expected a length with a unit, e.g. '300 m', found '300 furlongs' (unknown unit 'furlongs')"},
  {"unknown_unit_hint.yaml", "{dir}/unknown_unit_hint.yaml:4:18: error: network.grid.speed_limit: expected a speed with a unit, e.g. '50 km/h', found '50 kmh' (unknown unit 'kmh', did you mean 'km/h'?)"},
  {"missing_unit.yaml", "{dir}/missing_unit.yaml:3:13: error: simulation.duration: expected a duration with a unit, e.g. '90 s', found '3600' (no unit)"},
  {"negative_duration.yaml", "{dir}/negative_duration.yaml:3:13: error: simulation.duration: duration must be greater than 0 s and at most 720 h (30 days), found '-5 s'"},
  {"zero_step.yaml", "{dir}/zero_step.yaml:3:9: error: simulation.step: duration must be between 1 ms and 60 s, found '0 s'"},
  {"unknown_top_level_key.yaml", "{dir}/unknown_top_level_key.yaml:2:1: error: unknown key 'vehicles'"},
  {"unknown_nested_key.yaml", "{dir}/unknown_nested_key.yaml:5:5: error: network.grid: unknown key 'colour'"},
  {"misspelt_key.yaml", "{dir}/misspelt_key.yaml:4:3: error: simulation: unknown key 'duraton' (did you mean 'duration'?)"},
  {"unknown_choice.yaml", "{dir}/unknown_choice.yaml:3:11: error: network.format: expected one of grid, corridor, cityflow, sumo, osm, found 'gird' (did you mean 'grid'?)"},
  {"missing_name.yaml", "{dir}/missing_name.yaml:1:1: error: missing required key 'name'"},
  {"missing_required_nested_key.yaml", "{dir}/missing_required_nested_key.yaml:4:7: error: demand.flows[0]: missing required key 'from'"},
  {"missing_include.yaml", "{dir}/missing_include.yaml:1:10: error: include: included file 'no_such_base.yaml' not found (relative paths start at the folder of the file that names them)"},
  {"include_cycle.yaml", "{dir}/support/cycle_b.yaml:1:10: error: include: include cycle: include_cycle.yaml -> cycle_b.yaml -> include_cycle.yaml"},
  {"error_in_included_file.yaml", "{dir}/support/bad_base.yaml:2:9: error: simulation.step: expected a duration with a unit, e.g. '90 s', found '2 parsecs' (unknown unit 'parsecs')"},
  {"missing_network_file.yaml", "{dir}/missing_network_file.yaml:4:9: error: network.file: file 'nets/missing.net.xml' not found (relative paths start at the folder of the file that names them)"},
  {"file_format_without_file.yaml", "{dir}/file_format_without_file.yaml:3:11: error: network.format: format 'cityflow' reads a network file: add 'network.file'"},
  {"huge_float.yaml", "{dir}/huge_float.yaml:4:14: error: network.grid.spacing: '1e400' is too large to represent"},
  {"huge_count.yaml", "{dir}/huge_count.yaml:4:11: error: network.grid.rows: '99999999999999999999' is too large (must be between 1 and 1000)"},
  {"seed_too_big.yaml", "{dir}/seed_too_big.yaml:3:9: error: simulation.seed: '18446744073709551616' is too large (must be between 0 and 18446744073709551615)"},
  {"not_a_number.yaml", "{dir}/not_a_number.yaml:3:13: error: simulation.duration: 'nan' is not a finite number"},
  {"fractional_count.yaml", "{dir}/fractional_count.yaml:4:11: error: network.grid.cols: expected a whole number, found '3.5'"},
  {"lanes_out_of_range.yaml", "{dir}/lanes_out_of_range.yaml:4:12: error: network.grid.lanes: must be between 1 and 8, found '9'"},
  {"too_many_threads.yaml", "{dir}/too_many_threads.yaml:3:12: error: simulation.threads: must be between 0 and 1024, found '5000'"},
  {"fraction_out_of_range.yaml", "{dir}/fraction_out_of_range.yaml:3:10: error: demand.scale: factor must be between 0 and 100, found '150'"},
  {"bad_boolean.yaml", "{dir}/bad_boolean.yaml:4:17: error: network.grid.signalised: expected true/false (or yes/no), found 'maybe'"},
  {"empty.yaml", "{dir}/empty.yaml:1:1: error: the file holds no scenario (expected a mapping with at least 'name')"},
  {"only_comment.yaml", "{dir}/only_comment.yaml:1:1: error: the file holds no scenario (expected a mapping with at least 'name')"},
  {"top_level_sequence.yaml", "{dir}/top_level_sequence.yaml:1:1: error: expected a mapping of scenario keys at the top level, found a sequence"},
  {"duplicate_key.yaml", "{dir}/duplicate_key.yaml:4:3: error: duplicate key 'step' (first written at line 3)"},
  {"duplicate_flow_name.yaml", "{dir}/duplicate_flow_name.yaml:5:14: error: demand.flows[1].name: flow name 'f' is already used by demand.flows[0]"},
  {"multiple_documents.yaml", "{dir}/multiple_documents.yaml:2:1: error: a scenario file holds one YAML document, found a second one (remove the '---')"},
  {"unknown_variant.yaml", "{dir}/unknown_variant.yaml:2:1: error: variants: unknown variant 'rush_huor' (did you mean 'rush_hour'?); available: rush_hour, night", "rush_huor"},
  {"include_inside_variant.yaml", "{dir}/include_inside_variant.yaml:4:5: error: variants.more: 'include' cannot be used inside a variant"},
  {"begin_after_end.yaml", "{dir}/begin_after_end.yaml:8:12: error: demand.flows[0].end: end (300 s) must come after begin (600 s)"},
  {"green_longer_than_cycle.yaml", "{dir}/green_longer_than_cycle.yaml:5:12: error: signals.fixed_time.green: a stage (green 70 s + amber 3 s + all_red 0 s = 73 s) does not fit in the cycle (60 s)"},
  {"warmup_not_before_duration.yaml", "{dir}/warmup_not_before_duration.yaml:4:11: error: simulation.warmup: warmup (600 s) must be shorter than duration (600 s)"},
  {"merge_key.yaml", "{dir}/merge_key.yaml:4:3: error: merge keys ('<<') are not supported; use 'include' or 'variants' instead"},
  {"yaml_tag.yaml", "{dir}/yaml_tag.yaml:2:13: error: YAML tags ('tag:yaml.org,2002:map') are not supported"},
  {"deep_nesting.yaml", "{dir}/deep_nesting.yaml:34:65: error: nesting deeper than 32 levels"},
  {"too_many_aliases.yaml", "{dir}/too_many_aliases.yaml:3:261: error: more than 64 aliases"},
  {"alias_bomb.yaml", "{dir}/alias_bomb.yaml:8:10: error: aliases expand to more than 1000000 nodes (an alias bomb?)"},
  {"billion_laughs.yaml", "{dir}/billion_laughs.yaml:7:47: error: aliases expand to more than 1000000 nodes (an alias bomb?)"},
  {"invalid_utf8.yaml", "{dir}/invalid_utf8.yaml:2:17: error: invalid UTF-8 (byte 0xC3); save the file as UTF-8"},
  {"control_byte.yaml", "{dir}/control_byte.yaml:2:19: error: not a text file (control byte 0x07)"},
  {"zones_not_mapping.yaml", "{dir}/zones_not_mapping.yaml:4:5: error: demand.zones: expected a mapping of zone names to lists of places, found a sequence"},
  {"zone_without_members.yaml", "{dir}/zone_without_members.yaml:5:12: error: demand.zones.south: zone 'south' has no members"},
  {"zone_member_mapping.yaml", "{dir}/zone_member_mapping.yaml:6:9: error: demand.zones.north[1]: expected a boundary node or link name, found a mapping"},
  {"od_unknown_zone.yaml", "{dir}/od_unknown_zone.yaml:7:25: error: demand.od[0].to: unknown zone 'sout' (did you mean 'south'?); zones: north, south"},
  {"od_missing_trips.yaml", "{dir}/od_missing_trips.yaml:7:7: error: demand.od[0]: missing required key 'trips'"},
  {"od_misspelt_key.yaml", "{dir}/od_misspelt_key.yaml:10:7: error: demand.od[0]: unknown key 'headway' (did you mean 'headways'?)"},
  {"od_fractional_trips.yaml", "{dir}/od_fractional_trips.yaml:7:39: error: demand.od[0].trips: expected a whole number, found '12.5'"},
  {"od_too_many_trips.yaml", "{dir}/od_too_many_trips.yaml:7:39: error: demand.od[0].trips: must be between 0 and 10000000, found '20000000'"},
  {"od_begin_after_end.yaml", "{dir}/od_begin_after_end.yaml:8:63: error: demand.od[0].end: end (600 s) must come after begin (1800 s)"},
  {"trips_not_sequence.yaml", "{dir}/trips_not_sequence.yaml:4:5: error: demand.trips: expected a sequence of trips, found a mapping"},
  {"trip_missing_depart.yaml", "{dir}/trip_missing_depart.yaml:5:7: error: demand.trips[1]: missing required key 'depart'"},
  {"trip_depart_after_end.yaml", "{dir}/trip_depart_after_end.yaml:5:15: error: demand.trips[0].depart: depart (900 s) is not before the end of the simulation (600 s)"},
  {"trip_depart_without_unit.yaml", "{dir}/trip_depart_without_unit.yaml:4:16: error: demand.trips[0].depart: expected a duration with a unit, e.g. '90 s', found '30' (no unit)"},
  {"trip_via_empty_name.yaml", "{dir}/trip_via_empty_name.yaml:7:31: error: demand.trips[0].via[1]: expected a link name, found an empty text"},
  {"no_such_file.yaml", "{dir}/no_such_file.yaml: error: file not found"},
  {"support", "{dir}/support: error: not a regular file"},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(Scenario, ScenarioMalformedTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<MalformedCase>& info) {
                           std::string name = info.param.file;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace citytwin
