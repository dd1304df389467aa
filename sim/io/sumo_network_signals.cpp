// SUMO .net.xml -> Network, its signal half: one SignalGroup per (traffic light, linkIndex) and
// node, the lane connections with their groups and turns, and one SignalProgram per controlled
// node from the tlLogic SUMO runs: fixed time, or actuated for type="actuated" (see
// sumo_network.cpp for the whole mapping).
#include <algorithm>
#include <cstdio>

#include "sim/io/sumo_network_importer.hpp"
#include "sim/network/stage_plan.hpp"

namespace citytwin::sumo_import {
namespace {

// The program SUMO runs for a traffic light: programID "0" (what netconvert writes) if present,
// else the first one in the file.
const TlLogic* chosen_program(const std::vector<const TlLogic*>& programs) {
  for (const TlLogic* program : programs) {
    if (program->program_id == "0") return program;
  }
  return programs.front();
}

// SUMO's actuation parameters (<param> in the tlLogic), with its documented defaults
// (sumo.dlr.de/docs/Simulation/Traffic_Lights.html, "Type 'actuated'", "Parameters").
SignalActuation actuation_of(const TlLogic& tl) {
  SignalActuation actuation;
  const auto read = [&](const char* key, double& value) {
    const auto it = tl.params.find(key);
    if (it == tl.params.end()) return;
    const std::optional<double> parsed = xml::parse_number(it->second);
    if (parsed && *parsed >= 0.0) value = *parsed;
  };
  read("max-gap", actuation.max_gap);
  read("detector-gap", actuation.detector_gap);
  read("passing-time", actuation.passing_time);
  if (!(actuation.passing_time > 0.0)) actuation.passing_time = SignalActuation{}.passing_time;
  return actuation;
}

}  // namespace

std::size_t Importer::group_for(NodeId node, const std::string& tl, std::size_t link_index) {
  const auto key = std::make_tuple(node, tl, link_index);
  const auto it = group_index_.find(key);
  if (it != group_index_.end()) return it->second;
  groups_.push_back({node, tl, link_index});
  group_index_.emplace(key, groups_.size() - 1);
  return groups_.size() - 1;
}

void Importer::add_groups_and_connections(NetworkBuilder& builder) {
  // The program SUMO runs per traffic light, and its link count check: every linkIndex used by a
  // connection (internal ones too) must have a state character.
  std::map<std::string, std::vector<const TlLogic*>> by_id;
  for (const TlLogic& tl : net_.tl_logics) by_id[tl.id].push_back(&tl);
  for (const auto& [id, list] : by_id) {
    const TlLogic* chosen = chosen_program(list);
    programs_[id] = chosen;
    for (const TlLogic* other : list) {
      if (other != chosen) {
        skipped_.add("tlLogic programs SUMO does not start with ignored",
                     id + " program " + other->program_id);
      }
    }
    if (chosen->type == "actuated") {
      approximated_.add(
          "tlLogic of type actuated run as gap-based actuated control (SUMO's rules: a phase with "
          "minDur < maxDur is extended while a loop on a lane it serves green sees vehicles less "
          "than max-gap apart; one loop per incoming lane at detector-gap x speed before the stop "
          "line, on the lane itself (SUMO moves it upstream on short lanes); 'g' counts as green "
          "for the loops; next, earliestEnd, latestEnd, linkMinDur/linkMaxDur, jam-threshold "
          "ignored)",
          id);
    } else if (chosen->type != "static") {
      approximated_.add(
          "tlLogic of type " + chosen->type + " run as fixed-time plans with their phase durations",
          id);
    }
  }
  std::map<std::string, std::size_t> links_of_tl;
  for (const Connection& c : net_.connections) {
    if (c.tl.empty()) continue;
    std::size_t& count = links_of_tl[c.tl];
    count = std::max(count, *c.link_index + 1);
  }
  for (const auto& [id, count] : links_of_tl) {
    const auto it = programs_.find(id);
    if (it == programs_.end()) {
      approximated_.add("traffic lights without a tlLogic given citytwin's default fixed-time plan",
                        id);
      continue;
    }
    const sumo::Phase& phase = it->second->phases.front();
    if (phase.state.size() < count) {
      xml::fail_at(file_, phase.where, "phase state",
                   std::to_string(phase.state.size()) + " signal states",
                   "at least " + std::to_string(count) + " (connections of traffic light " +
                       xml::quote(id) + " use linkIndex up to " + std::to_string(count - 1) + ")");
    }
    if (phase.state.size() > count) {
      skipped_.add("tlLogic signal indices without a connection ignored", id);
    }
  }

  std::vector<std::size_t> group_of(kept_.size(), npos);
  for (std::size_t k = 0; k < kept_.size(); ++k) {
    const KeptConnection& c = kept_[k];
    if (nodes_[c.node].control != NodeControl::kSignal) continue;
    if (c.source->tl.empty()) {
      approximated_.add("connections at signalised junctions without a signal index shown green",
                        c.source->from + "_" + std::to_string(c.source->from_lane) + "->" +
                            c.source->to + "_" + std::to_string(c.source->to_lane));
      group_of[k] = group_for(c.node, "", 0);
    } else {
      group_of[k] = group_for(c.node, c.source->tl, *c.source->link_index);
    }
  }

  // Stages of the default plan from the node's program (see stages_from_program): a movement
  // green ('G' or 'g') in every phase that shows any green is green in every stage.
  std::vector<std::vector<std::size_t>> groups_of_node(nodes_.size());
  for (std::size_t g = 0; g < groups_.size(); ++g) groups_of_node[groups_[g].node].push_back(g);
  for (const auto& node_groups : groups_of_node) {
    const TlLogic* program = nullptr;
    for (std::size_t g : node_groups) {
      const auto it = programs_.find(groups_[g].tl);
      if (it != programs_.end()) program = it->second;
    }
    if (program == nullptr) continue;
    std::vector<std::size_t> in_program;  // the node's groups this program drives
    for (std::size_t g : node_groups) {
      if (groups_[g].tl == program->id) in_program.push_back(g);
    }
    std::vector<std::vector<bool>> green(program->phases.size(),
                                         std::vector<bool>(in_program.size(), false));
    for (std::size_t p = 0; p < program->phases.size(); ++p) {
      for (std::size_t i = 0; i < in_program.size(); ++i) {
        const char c = program->phases[p].state[groups_[in_program[i]].link_index];
        green[p][i] = c == 'G' || c == 'g';
      }
    }
    const ProgramStages stages = stages_from_program(green);
    for (std::size_t i = 0; i < in_program.size(); ++i) {
      groups_[in_program[i]].stage = stages.stage[i];
      groups_[in_program[i]].every_stage = stages.every_stage[i];
    }
  }

  std::vector<SignalGroupId> group_ids(groups_.size());
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    const GroupPlan& group = groups_[g];
    const std::string name = group.tl.empty()
                                 ? std::string("uncontrolled")
                                 : "tl " + group.tl + " link " + std::to_string(group.link_index);
    group_ids[g] = builder.add_signal_group(group.node, name, group.stage, group.every_stage);
  }
  connection_handle_.assign(kept_.size(), npos);
  for (std::size_t k = 0; k < kept_.size(); ++k) {
    const KeptConnection& c = kept_[k];
    const Edge& from = net_.edges[c.from_edge];
    const Edge& to = net_.edges[c.to_edge];
    const auto from_lane = static_cast<std::uint32_t>(lane_map_[c.from_edge][c.source->from_lane]);
    const auto to_lane = static_cast<std::uint32_t>(lane_map_[c.to_edge][c.source->to_lane]);
    connection_handle_[k] = builder.add_connection(
        builder.lane(link_of_edge_[c.from_edge], from_lane),
        builder.lane(link_of_edge_[c.to_edge], to_lane),
        turn_from_dir(c.source->dir, from, to, c.source->from_lane, c.source->to_lane),
        group_of[k] == npos ? kNoId : group_ids[group_of[k]], turning_speed(*c.source));
    ++report_.connections;
  }
}

void Importer::add_programs(NetworkBuilder& builder) {
  std::vector<std::vector<std::size_t>> groups_of_node(nodes_.size());
  for (std::size_t g = 0; g < groups_.size(); ++g) groups_of_node[groups_[g].node].push_back(g);
  bool right_on_red = false, minor_green = false;
  program_of_node_.assign(nodes_.size(), nullptr);
  for (NodeId node = 0; node < nodes_.size(); ++node) {
    const auto& node_groups = groups_of_node[node];
    std::set<std::string> tls;
    for (std::size_t g : node_groups) {
      if (!groups_[g].tl.empty()) tls.insert(groups_[g].tl);
    }
    if (tls.size() != 1) {
      if (tls.size() > 1) {
        skipped_.add("signal programs of junctions controlled by several traffic lights skipped",
                     net_.junctions[nodes_[node].junction].id);
      }
      continue;
    }
    const auto it = programs_.find(*tls.begin());
    if (it == programs_.end()) continue;
    const TlLogic& tl = *it->second;
    std::vector<NetworkBuilder::ProgramPhase> phases;
    double cycle = 0.0;
    const bool actuated = tl.type == "actuated";
    for (const sumo::Phase& phase : tl.phases) {
      NetworkBuilder::ProgramPhase out;
      out.duration = phase.duration;
      if (actuated) {
        // SUMO's <phase> defaults: minDur = duration; maxDur = duration without a minDur,
        // otherwise unbounded (2147483 s).
        out.min_duration = phase.min_duration.value_or(phase.duration);
        out.max_duration =
            phase.max_duration.value_or(phase.min_duration ? 2147483.0 : phase.duration);
      }
      cycle += phase.duration;
      for (std::size_t g : node_groups) {
        if (groups_[g].tl.empty()) {
          out.states.push_back(SignalState::kGreen);
          continue;
        }
        const char c = phase.state[groups_[g].link_index];
        right_on_red |= c == 's';
        minor_green |= c == 'g';
        out.states.push_back(sumo::signal_state_of(c));
      }
      phases.push_back(std::move(out));
    }
    if (!(cycle > 0.0)) {
      xml::fail_at(file_, tl.where, "tlLogic phase duration", "a cycle of 0 s",
                   "phase durations with a positive sum");
    }
    // SUMO starts the first phase at time `offset` (checked with SUMO 1.15: offset 10 puts phase 0
    // at t = 10..52 of a 90 s cycle), so time t shows cycle position t - offset; citytwin's
    // SignalProgram shows position t + offset, hence the sign change, kept within [0, cycle).
    double offset = std::fmod(-tl.offset, cycle);
    if (offset < 0.0) offset += cycle;
    if (offset >= cycle) offset = 0.0;
    builder.add_signal_program(node, tl.id + " program " + tl.program_id, offset, std::move(phases),
                               actuated ? std::optional(actuation_of(tl)) : std::nullopt);
    program_of_node_[node] = &tl;
    ++report_.signal_programs;
  }
  if (right_on_red) {
    report_.approximated.push_back(
        "signal state 's' (right turn on red after stopping) shown as green: vehicles give way "
        "as the junction's <request> table says but do not stop first");
  }
  if (minor_green) {
    report_.approximated.push_back(
        "signal state 'g' (green, yield to conflicting traffic) shown as green: a link that "
        "shows it in any phase gives way to its green foes in every phase (citytwin's signal "
        "states do not tell 'g' from 'G')");
  }
}

}  // namespace citytwin::sumo_import
