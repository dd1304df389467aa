// SUMO .rou.xml -> DemandSpec: vTypes become VehicleTypeSpecs, every vehicle, trip and expanded
// flow one TripSpec (from = first edge, to = last edge, via = the edges between, so the route is
// followed exactly). Flow expansion follows SUMO 1.15 (SUMOVehicleParserHelper::parseFlowAttributes
// and MSInsertionControl), in integer milliseconds like SUMO's SUMOTime:
//   - period P / vehsPerHour V (P = 3600/V): departures begin + i*P, i < ceil((end-begin)/P), or
//     i < number when number is given (then end must be absent);
//   - number N without a rate: P = (end - begin) / N (integer ms division), N departures;
//   - probability p: one draw per 1 s step t, begin <= t < end, a vehicle when the draw < p (at
//   most
//     number); the draws are citytwin's own (CounterRng keyed by the run's seed, below), so times
//     differ from SUMO's and change with the seed as SUMO's change with --seed;
//   - end defaults to begin + 24 h when number or a rate is missing.
// Checked against sumo 1.15 runs here (vehroute-output with intended-depart): period 7.5 over
// [0,100) gives 14 vehicles at 0, 7.5, ..., 97.5; vehsPerHour 100 from 5 gives 5, 41, 77; number 4
// over [6,16) gives 6, 8.5, 11, 13.5; end is exclusive (period 10 over [0,30): 0, 10, 20).
// Also as SUMO 1.15 does with its default --route-steps: an entry departing before an entry earlier
// in the file is ignored ("Route file should be sorted by departure time, ignoring ...").
//
// Vehicle parameters (passenger vTypes and vehicles without a type, SUMO's DEFAULT_VEHTYPE): what a
// vType leaves out takes SUMO 1.15's passenger default (length 5 m, minGap 2.5 m, accel 2.6 m/s²,
// decel 4.5 m/s², emergencyDecel 9 m/s², maxSpeed 55.56 m/s, tau 1 s, sigma 0.5), not citytwin's
// car. length, minGap, accel (IDM a), maxSpeed (IDM v0) map as named, decel to IDM b capped at
// 1.5 m/s² (capacity_calibration.hpp says why); IDM T is not
// tau but the value whose IDM queue discharge equals Krauss' with this tau and sigma
// (sim/io/capacity_calibration.hpp): IDM keeps larger gaps than Krauss at the same headway, so
// T = tau discharged SUMO's `pkw` queues at 2.2 instead of 1.96 s/veh. The report names each
// mapping. Other classes (bus, truck) keep citytwin's class defaults for what is left out.
#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "sim/core/rng.hpp"
#include "sim/io/capacity_calibration.hpp"
#include "sim/io/importers.hpp"
#include "sim/io/json_reader.hpp"
#include "sim/io/report_lines.hpp"
#include "sim/io/sumo_speed_factor.hpp"
#include "sim/io/sumo_time.hpp"
#include "sim/io/xml_reader.hpp"

namespace citytwin {
namespace {

// Key of the draws for probability flows: the run's seed, this stream, agent = the flow's position
// among the file's probability flows, step 0; draw k decides step begin + k s.
constexpr RngStream kProbabilityFlowStream = rng_stream("demand.sumo_probability_flows");

constexpr SumoTimeMs kDayMs = 24 * 3600 * 1000;

// citytwin's name for SUMO's DEFAULT_VEHTYPE, added to the demand when a vehicle uses it.
constexpr const char* kDefaultType = "sumo_DEFAULT_VEHTYPE";

// SUMO 1.15 passenger defaults (sumo.dlr.de/docs/Vehicle_Type_Parameter_Defaults.html, Krauss).
struct SumoPassenger {
  static constexpr double kLength = 5.0, kMinGap = 2.5, kAccel = 2.6, kDecel = 4.5;
  static constexpr double kEmergencyDecel = 9.0, kMaxSpeed = 55.56, kTau = 1.0, kSigma = 0.5;
  static constexpr double kSpeedDev = 0.1;
};
// Lane speed assumed when calibrating a type faster than it: urban 50 km/h (the shipped SUMO
// scenarios' arterials; the vType's maxSpeed binds below it).
constexpr double kReferenceLaneSpeed = 13.89;

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of(" \t\n\r", start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) words.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

std::string base_for_vclass(std::string_view vclass) {
  if (vclass == "bus" || vclass == "coach") return "bus";
  if (vclass == "truck" || vclass == "trailer" || vclass == "delivery") return "truck";
  return "car";
}

// The lanes a vType's vehicles may use: SUMO's vClass of the same name; a class that never uses
// road lanes (bicycle, pedestrian, rail, ...) those of passenger cars.
RoadClass road_class_for_vclass(std::string_view vclass, bool& exact) {
  const auto named = road_class_from_name(vclass);
  exact = named.has_value();
  return named.value_or(RoadClass::kPassenger);
}

// A vehicle, trip or flow being read (its nested <route> may still come).
struct Pending {
  std::string element;  // "vehicle", "trip", "flow"
  std::string id;
  std::string type = kDefaultType;
  bool skip = false;  // departs triggered etc.: reported when it is closed
  std::string skip_reason;
  std::vector<SumoTimeMs> departs;  // vehicle/trip: one; flow: filled when closed
  std::optional<std::vector<std::string>> edges;
  std::string from, to;
  std::vector<std::string> via;
  xml::Location where;
  // Flow parameters, in ms.
  SumoTimeMs begin = 0;
  std::optional<SumoTimeMs> end;
  std::optional<SumoTimeMs> period;
  std::optional<double> probability;
  std::optional<std::size_t> number;
  std::size_t depth = 0;
};

class RoutesHandler : public xml::Handler {
 public:
  RoutesHandler(const Network& network, std::uint64_t seed, DemandSpec& demand,
                ImportReport& report)
      : demand_(demand), report_(report), seed_(seed) {
    for (const Link& link : network.links()) links_.insert(link.name);
    for (const VehicleTypeSpec& type : demand.vehicle_types) types_[type.name] = type.name;
    types_["DEFAULT_VEHTYPE"] = kDefaultType;
  }

  void start(const xml::Element& e) override {
    const std::string_view name = e.name();
    if (e.depth() == 1) {
      if (name != "routes") {
        xml::fail_at(e.file(), e.where(), "root element", xml::tag(name),
                     "<routes> (a SUMO .rou.xml)");
      }
      return;
    }
    if (pending_) {
      if (name == "route" && e.depth() == pending_->depth + 1) {
        pending_->edges = split_words(e.required("edges"));
        if (pending_->edges->empty()) e.fail("edges", "\"\"", "at least one edge id");
      } else if (name == "stop") {
        skipped_.add("stops ignored (vehicles drive their route without stopping)", pending_->id);
      }
      return;
    }
    if (name == "vType") return start_vtype(e);
    if (name == "vTypeDistribution") {
      distribution_ = std::string(e.required("id"));
      // Members may also be named in a `vTypes` list of ids defined before.
      if (const auto members = e.get("vTypes")) {
        const auto ids = split_words(*members);
        const auto it = ids.empty() ? types_.end() : types_.find(ids.front());
        if (it == types_.end()) {
          e.fail("vTypes", xml::quote(*members), "ids of vTypes defined earlier");
        }
        types_[*distribution_] = it->second;
        approximated_.add("vTypeDistributions replaced by their first vType", *distribution_);
      }
      return;
    }
    if (name == "route") return start_route(e);
    if (name == "routeDistribution") {
      route_distribution_ = std::string(e.required("id"));
      return;
    }
    if (name == "interval") {
      interval_begin_ = time_attribute(e, "begin");
      interval_end_ = time_attribute(e, "end");
      return;
    }
    if (name == "vehicle" || name == "trip" || name == "flow") return start_vehicle(e);
    if (name == "person" || name == "personFlow" || name == "container" ||
        name == "containerFlow") {
      skipped_.add(std::string(name) + " elements skipped (citytwin imports road vehicles only)",
                   std::string(e.get("id").value_or("?")));
    }
  }

  void end(std::string_view name) override {
    if (name == "vTypeDistribution") distribution_.reset();
    if (name == "routeDistribution") route_distribution_.reset();
    if (name == "interval") interval_begin_ = interval_end_ = std::nullopt;
    if (pending_ && name == pending_->element) finish();
  }

  void flush() {
    if (!ignored_vtype_attributes_.empty()) {
      std::string list;
      for (const std::string& a : ignored_vtype_attributes_) list += (list.empty() ? "" : ", ") + a;
      report_.approximated.push_back("vType attributes without a citytwin equivalent ignored: " +
                                     list);
    }
    if (probability_flows_ > 0) {
      report_.approximated.push_back(
          std::to_string(probability_flows_) +
          " probability flows expanded with citytwin's own draws (the run's seed, stream "
          "demand.sumo_probability_flows, agent = flow index): departure times differ from "
          "SUMO's");
    }
    skipped_.flush_to(report_.skipped);
    approximated_.flush_to(report_.approximated);
  }

 private:
  std::optional<SumoTimeMs> time_attribute(const xml::Element& e, std::string_view attribute) {
    const auto text = e.get(attribute);
    if (!text) return std::nullopt;
    const auto value = parse_sumo_time(*text);
    if (!value || *value < 0) {
      e.fail(attribute, xml::quote(*text), "a time >= 0 in seconds (\"12.5\" or \"H:M:S\")");
    }
    return value;
  }

  void start_vtype(const xml::Element& e) {
    VehicleTypeSpec spec;
    const std::string id(e.required("id"));
    if (types_.count(id)) {
      e.fail("id", xml::quote(id), "a vType id not defined before");
    }
    spec.name = citytwin_type_name(id);
    const std::string vclass(e.get("vClass").value_or("passenger"));
    spec.base = base_for_vclass(vclass);
    bool exact = true;
    spec.road_class = road_class_for_vclass(vclass, exact);
    if (!exact) {
      approximated_.add(
          "vTypes of a vClass that does not drive on roads given passenger cars' "
          "lanes",
          id + " (" + vclass + ")");
    }
    spec.length = e.optional_number("length", 0.0, true);
    spec.min_gap = e.optional_number("minGap", 0.0);
    spec.acceleration = e.optional_number("accel", 0.0, true);
    spec.deceleration = e.optional_number("decel", 0.0, true);
    spec.emergency_deceleration = e.optional_number("emergencyDecel", 0.0, true);
    spec.max_speed = e.optional_number("maxSpeed", 0.0, true);
    spec.headway = e.optional_number("tau", 0.0, true);
    const double sigma = e.optional_number("sigma", 0.0).value_or(SumoPassenger::kSigma);
    if (sigma > 1.0) e.fail("sigma", json_input::format_number(sigma), "a number from 0 to 1");
    if (spec.base == "car") {
      calibrate_passenger(spec, spec.headway.value_or(SumoPassenger::kTau), sigma, id);
    }
    take_drivers(e, spec, sigma, id);
    // Everything else (width, carFollowModel, lc*, ...) has no citytwin equivalent yet: named in
    // the report, once per attribute name.
    static const std::set<std::string_view> kUsed = {
        "id",       "vClass", "length",      "minGap", "accel",       "decel",    "emergencyDecel",
        "maxSpeed", "tau",    "probability", "color",  "speedFactor", "speedDev", "sigma"};
    for (const std::string_view attribute : e.attribute_names()) {
      if (kUsed.count(attribute)) continue;
      ignored_vtype_attributes_.insert(std::string(attribute));
    }
    types_[id] = spec.name;
    // A distribution is approximated by its first member: citytwin trips name one type.
    if (distribution_ && !types_.count(*distribution_)) {
      types_[*distribution_] = spec.name;
      approximated_.add("vTypeDistributions replaced by their first vType", *distribution_);
    }
    demand_.vehicle_types.push_back(std::move(spec));
  }

  // Fills what a passenger vType leaves out with SUMO's defaults and sets IDM T for Krauss' queue
  // discharge (see the file comment); the mapping goes to the report.
  void calibrate_passenger(VehicleTypeSpec& spec, double tau, double sigma, const std::string& id) {
    spec.length = spec.length.value_or(SumoPassenger::kLength);
    spec.min_gap = spec.min_gap.value_or(SumoPassenger::kMinGap);
    spec.acceleration = spec.acceleration.value_or(SumoPassenger::kAccel);
    spec.deceleration =
        std::min(spec.deceleration.value_or(SumoPassenger::kDecel), kImportedComfortableDecel);
    spec.emergency_deceleration =
        spec.emergency_deceleration.value_or(SumoPassenger::kEmergencyDecel);
    spec.max_speed = spec.max_speed.value_or(SumoPassenger::kMaxSpeed);
    const double target =
        krauss_discharge_headway(*spec.length, *spec.min_gap, tau, *spec.max_speed, sigma);
    // v0 as the engine gives it a driver of the mean factor: less what dawdling costs.
    const double cruise = dawdling_cruise_speed(std::min(*spec.max_speed, kReferenceLaneSpeed),
                                                *spec.acceleration, sigma);
    spec.headway = idm_time_headway_for_discharge({.length = *spec.length,
                                                   .min_gap = *spec.min_gap,
                                                   .acceleration = *spec.acceleration,
                                                   .deceleration = *spec.deceleration,
                                                   .desired_speed = cruise},
                                                  target);
    const auto round2 = [](double x) {
      return json_input::format_number(std::round(x * 100.0) / 100.0);
    };
    report_.approximated.push_back("vType " + id + ": tau " + round2(tau) + " s, sigma " +
                                   round2(sigma) + " -> IDM T " + round2(*spec.headway) +
                                   " s (queue discharge " + round2(target) +
                                   " s/veh, as SUMO's Krauss)");
  }

  // SUMO 1.15's drivers where a vType says nothing: factor 1, spread by 0.1, dawdling sigma.
  static void set_default_drivers(VehicleTypeSpec& spec, double sigma) {
    spec.speed_factor = 1.0;
    spec.speed_deviation = SumoPassenger::kSpeedDev;
    spec.dawdling = sigma;
  }

  // The vType's speedFactor (a number, norm or normc) and speedDev over those defaults.
  void take_drivers(const xml::Element& e, VehicleTypeSpec& spec, double sigma,
                    const std::string& id) {
    set_default_drivers(spec, sigma);
    if (const auto text = e.get("speedFactor")) {
      const auto factor = parse_sumo_speed_factor(*text);
      if (!factor || factor->mean < kMinSpeedFactor || factor->mean > kMaxSpeedFactor) {
        e.fail("speedFactor", xml::quote(*text),
               "a number from 0.2 to 2, or norm(mean,dev) / normc(mean,dev,min,max)");
      }
      spec.speed_factor = factor->mean;
      if (factor->deviation) spec.speed_deviation = *factor->deviation;
      if (!factor->default_bounds) {
        approximated_.add("speedFactor bounds other than [0.2, 2] replaced by [0.2, 2]", id);
      }
    }
    if (const auto deviation = e.optional_number("speedDev", 0.0)) {
      if (*deviation > 1.0) e.fail("speedDev", *e.get("speedDev"), "a number from 0 to 1");
      spec.speed_deviation = *deviation;
    }
  }

  // DEFAULT_VEHTYPE as a passenger vType with no attributes, added the first time it is used.
  void add_default_type() {
    if (name_taken(kDefaultType)) return;
    VehicleTypeSpec spec;
    spec.name = kDefaultType;
    calibrate_passenger(spec, SumoPassenger::kTau, SumoPassenger::kSigma, "DEFAULT_VEHTYPE");
    set_default_drivers(spec, SumoPassenger::kSigma);
    demand_.vehicle_types.push_back(std::move(spec));
  }

  // The citytwin name of a vType: its id, unless that is one of citytwin's built-in classes (SUMO
  // files often call their passenger type "car"), which keep their own parameters; then
  // "sumo_<id>" (with a number if that is taken too).
  std::string citytwin_type_name(const std::string& id) const {
    static const std::set<std::string_view> kBuiltIn = {"car", "bus", "truck", "shuttle"};
    if (!kBuiltIn.count(id) && !name_taken(id)) return id;
    std::string name = "sumo_" + id;
    for (int n = 2; name_taken(name) || kBuiltIn.count(name); ++n) {
      name = "sumo_" + id + "_" + std::to_string(n);
    }
    return name;
  }
  bool name_taken(const std::string& name) const {
    for (const VehicleTypeSpec& type : demand_.vehicle_types) {
      if (type.name == name) return true;
    }
    return false;
  }

  void start_route(const xml::Element& e) {
    const std::string id(e.required("id"));
    auto edges = split_words(e.required("edges"));
    if (edges.empty()) e.fail("edges", "\"\"", "at least one edge id");
    if (!routes_.emplace(id, edges).second) {
      e.fail("id", xml::quote(id), "a route id not defined before");
    }
    if (route_distribution_ && !routes_.count(*route_distribution_)) {
      routes_.emplace(*route_distribution_, std::move(edges));
      approximated_.add("routeDistributions replaced by their first route", *route_distribution_);
    }
  }

  void start_vehicle(const xml::Element& e) {
    Pending p;
    p.element = e.name();
    p.id = e.required("id");
    p.where = e.where();
    p.depth = e.depth();
    if (const auto type = e.get("type")) {
      const auto it = types_.find(std::string(*type));
      if (it == types_.end()) {
        e.fail("type", xml::quote(*type), "a vType id defined earlier (or DEFAULT_VEHTYPE)");
      }
      p.type = it->second;
    }
    if (const auto route = e.get("route")) {
      const auto it = routes_.find(std::string(*route));
      if (it == routes_.end()) {
        e.fail("route", xml::quote(*route), "the id of a route defined earlier in the file");
      }
      p.edges = it->second;
    }
    for (const char* zone : {"fromTaz", "toTaz", "fromJunction", "toJunction", "fromXY", "toXY"}) {
      if (e.get(zone)) {
        p.skip = true;
        p.skip_reason =
            p.element + "s between zones or junctions (fromTaz, fromJunction, ...) skipped";
      }
    }
    if (p.element == "trip" || (p.element == "flow" && !p.edges)) {
      if (const auto from = e.get("from")) p.from = *from;
      if (const auto to = e.get("to")) p.to = *to;
      if (const auto via = e.get("via")) p.via = split_words(*via);
    }
    if (p.element == "flow") {
      read_flow(e, p);
    } else {
      const std::string_view depart = e.required("depart");
      if (depart == "triggered" || depart == "containerTriggered" || depart == "now") {
        p.skip = true;
        p.skip_reason = "vehicles with depart=\"" + std::string(depart) + "\" skipped";
      } else {
        const auto value = parse_sumo_time(depart);
        if (!value || *value < 0) {
          e.fail("depart", xml::quote(depart),
                 "a time >= 0 in seconds (\"12.5\" or \"H:M:S\"), triggered, "
                 "containerTriggered or now");
        }
        p.departs.push_back(*value);
      }
    }
    pending_ = std::move(p);
  }

  void read_flow(const xml::Element& e, Pending& p) {
    const std::string_view begin = e.get("begin").value_or("");
    if (begin == "triggered" || begin == "containerTriggered") {
      p.skip = true;
      p.skip_reason = "flows with begin=\"" + std::string(begin) + "\" skipped";
      return;
    }
    p.begin = time_attribute(e, "begin").value_or(interval_begin_.value_or(0));
    p.end = time_attribute(e, "end");
    if (!p.end && interval_end_) p.end = interval_end_;
    int rates = 0;
    for (const char* rate : {"period", "vehsPerHour", "perHour", "probability"}) {
      rates += e.get(rate).has_value();
    }
    if (rates > 1) {
      e.fail("", "more than one of period, vehsPerHour, perHour and probability",
             "exactly one of them");
    }
    if (e.get("period")) {
      const auto period = time_attribute(e, "period");
      if (*period <= 0) e.fail("period", xml::quote(*e.get("period")), "a time > 0");
      p.period = period;
    }
    for (const char* rate : {"vehsPerHour", "perHour"}) {
      if (!e.get(rate)) continue;
      const double seconds = 3600.0 / e.number(rate, 0.0, true);
      // Keep the period within SUMO's time range (and the millisecond cast defined).
      if (seconds > 9.0e9) e.fail(rate, xml::quote(*e.get(rate)), "a rate above 4e-7 per hour");
      p.period = sumo_time_from_seconds(seconds);
    }
    if (e.get("probability")) {
      const double probability = e.number("probability", 0.0, true);
      if (probability > 1.0) e.fail("probability", xml::quote(*e.get("probability")), "at most 1");
      p.probability = probability;
    }
    if (e.get("number")) p.number = e.index("number");
    if (rates == 0 && !p.number) {
      e.fail("vehsPerHour", "nothing",
             "one of period, vehsPerHour, probability or number (a flow needs a rate)");
    }
    if (rates == 1 && p.number && e.get("end")) {
      e.fail("end", xml::quote(*e.get("end")),
             "no end when both number and a rate are given (SUMO refuses the combination)");
    }
    if (p.period && *p.period <= 0) {
      e.fail("vehsPerHour", "a period of 0 ms", "a rate giving a period of at least 1 ms");
    }
    if (!p.end && (!p.number || rates == 0)) p.end = p.begin + kDayMs;
    if (p.end && *p.end < p.begin) {
      e.fail("end", xml::quote(*e.get("end")), "a time not before begin");
    }
  }

  // Flow departures in ms, as SUMO 1.15 computes them (see the file comment).
  void expand_flow(Pending& p) {
    const std::size_t limit = kMaxImportElements - std::min(kMaxImportElements, trip_count());
    auto too_many = [&] {
      xml::fail_at(file_, p.where, "flow",
                   "more than " + std::to_string(kMaxImportElements) + " vehicles in the file",
                   "at most that many (import limit)");
    };
    if (p.probability) {
      CounterRng rng(seed_, kProbabilityFlowStream,
                     static_cast<std::uint32_t>(probability_flows_++), 0);
      const SumoTimeMs first_step = (p.begin + 999) / 1000 * 1000;  // steps are whole seconds
      const std::size_t cap = p.number.value_or(static_cast<std::size_t>(-1));
      // With number instead of end, draws go on until `number` vehicles (bounded, so a tiny
      // probability cannot loop for ever).
      const SumoTimeMs end =
          p.end.value_or(first_step + static_cast<SumoTimeMs>(kMaxImportElements) * 1000);
      for (SumoTimeMs t = first_step; t < end && p.departs.size() < cap; t += 1000) {
        if (rng.uniform() < *p.probability) {
          if (p.departs.size() >= limit) too_many();
          p.departs.push_back(t);
        }
      }
      return;
    }
    SumoTimeMs period = 0;
    std::size_t count = 0;
    if (p.period) {
      period = *p.period;
      if (p.number) {
        count = *p.number;
      } else {
        count = static_cast<std::size_t>(
            std::ceil(static_cast<double>(*p.end - p.begin) / static_cast<double>(period)));
      }
    } else {  // number only: equally spaced over [begin, end)
      count = *p.number;
      if (count == 0) return;
      period = (*p.end - p.begin) / static_cast<SumoTimeMs>(count);
    }
    if (count > limit) too_many();
    for (std::size_t i = 0; i < count; ++i) {
      p.departs.push_back(p.begin + static_cast<SumoTimeMs>(i) * period);
    }
  }

  std::size_t trip_count() const { return demand_.trips.size(); }

  void finish() {
    Pending p = std::move(*pending_);
    pending_.reset();
    if (p.skip) {
      skipped_.add(p.skip_reason, p.id);
      return;
    }
    // SUMO ignores an entry departing before the previous one (unsorted route file).
    const SumoTimeMs first = p.element == "flow" ? p.begin : p.departs.front();
    if (last_depart_ && first < *last_depart_) {
      skipped_.add(
          "entries departing before an earlier entry skipped, as SUMO does (route files "
          "must be sorted by departure time)",
          p.id);
      return;
    }
    last_depart_ = first;
    if (!p.edges && (p.from.empty() || p.to.empty())) {
      xml::fail_at(file_, p.where, p.element + " route", "nothing",
                   "a route (route attribute or nested <route edges>) or from and to edges");
    }
    std::vector<std::string> used = p.edges ? *p.edges : std::vector<std::string>{p.from};
    if (!p.edges) {
      used.insert(used.end(), p.via.begin(), p.via.end());
      used.push_back(p.to);
    }
    for (const std::string& edge : used) {
      if (!links_.count(edge)) {
        skipped_.add("vehicles or flows using edges the network lacks skipped",
                     p.id + " (edge " + edge + ")");
        return;
      }
    }
    if (p.element == "flow") expand_flow(p);
    TripSpec trip;
    trip.vehicle_type = p.type;
    if (trip.vehicle_type == kDefaultType) add_default_type();
    if (p.edges) {
      trip.from = used.front();
      trip.to = used.back();
      if (used.size() > 2) trip.via.assign(used.begin() + 1, used.end() - 1);
    } else {
      trip.from = p.from;
      trip.to = p.to;
      trip.via = p.via;
    }
    for (const SumoTimeMs depart : p.departs) {
      trip.depart = sumo_time_seconds(depart);
      demand_.trips.push_back(trip);
      ++report_.vehicles;
    }
  }

 public:
  std::string file_;

 private:
  DemandSpec& demand_;
  ImportReport& report_;
  std::unordered_set<std::string> links_;
  std::unordered_map<std::string, std::string> types_;  // SUMO vType id -> citytwin type name
  std::unordered_map<std::string, std::vector<std::string>> routes_;
  std::optional<std::string> distribution_;
  std::optional<std::string> route_distribution_;
  std::optional<SumoTimeMs> interval_begin_;
  std::optional<SumoTimeMs> interval_end_;
  std::optional<Pending> pending_;
  std::optional<SumoTimeMs> last_depart_;
  std::set<std::string> ignored_vtype_attributes_;
  std::size_t probability_flows_ = 0;
  std::uint64_t seed_ = 0;
  ReportLines skipped_;
  ReportLines approximated_;
};

}  // namespace

void import_sumo_routes(const std::filesystem::path& file, const Network& network,
                        std::uint64_t seed, DemandSpec& demand, ImportReport& report) {
  RoutesHandler handler(network, seed, demand, report);
  handler.file_ = file.string();
  xml::read_file(file, handler);
  handler.flush();
}

}  // namespace citytwin
