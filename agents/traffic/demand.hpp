#pragma once
// Turns the scenario's DemandSpec into a deterministic departure schedule: who enters where, when,
// and heading for which exit. Routing happens later, at insertion (Router).
//
// Every random draw comes from CounterRng(seed, kDemandStream, agent, step) with agent = the
// source (kind tag | index, see demand_rng_agent) and step = that source's draw counter, so a
// source's departures depend only on the seed and its own spec: adding a flow in a what-if variant
// never shifts the departures of the others.
#include <cstdint>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "sim/network/network.hpp"
#include "sim/scenario/schema.hpp"

namespace citytwin {

// A DemandSpec that cannot be turned into departures: unknown place or zone, no route, bad rate.
// The message names the flow (or od entry / trip) and the place.
class DemandError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class DemandSource : std::uint8_t {
  kFlow,    // DemandSpec::flows[source]
  kRandom,  // DemandSpec::random (source 0)
  kOd,      // DemandSpec::od[source]
  kTrip,    // DemandSpec::trips[source]
};

struct Departure {
  double time = 0.0;  // s since simulation start
  LinkId origin = kNoId;
  LinkId destination = kNoId;
  DemandSource kind = DemandSource::kFlow;
  std::uint32_t source = 0;    // index within its kind
  std::uint32_t sequence = 0;  // 0, 1, 2... per source, in time order
  // Views into the DemandSpec: it must outlive the schedule.
  std::string_view vehicle_type;
  // Links to pass through in order (explicit trips only; empty otherwise).
  std::vector<LinkId> via;
};

// The CounterRng "agent" key of a source: the kind in the top two bits, the index below.
std::uint32_t demand_rng_agent(DemandSource kind, std::uint32_t index);

// How many times a vehicle departs under a demand scale: floor(scale), plus once more with
// probability frac(scale), drawn from CounterRng(seed, kDemand, rng_agent, index) so the same
// vehicles are kept whatever else changes. 1 for scale == 1 (no draw).
std::size_t scaled_copies(double scale, std::uint64_t seed, std::uint32_t rng_agent,
                          std::uint64_t index);

// Upper bound on one schedule's size (about 1.5 GB of departures); more is an error, not a swap
// storm.
inline constexpr std::size_t kMaxDepartures = 20'000'000;

// Departures in [0, duration) sorted by (time, kind, source, sequence). Rates are multiplied by
// DemandSpec::scale (flows, random demand, od trip counts; explicit trips are not scaled).
// DemandSpec::files are not read here (importers turn them into flows or trips).
//
// Places (`from`/`to`, zone members): a boundary node (its single outgoing link as an origin, its
// single incoming link as a destination) or a link name. Throws DemandError for unknown names,
// ambiguous places, origin/destination pairs with no route, non-finite or negative rates, or more
// than kMaxDepartures departures.
// `unroutable_skipped`, when given, receives the number of trips dropped for want of a route
// (demand.unroutable: skip).
std::vector<Departure> generate_departures(const DemandSpec& demand, const Network& network,
                                           std::uint64_t seed, double duration,
                                           std::size_t* unroutable_skipped = nullptr);
// Departures view the spec's strings: a temporary spec would leave them dangling.
std::vector<Departure> generate_departures(DemandSpec&& demand, const Network& network,
                                           std::uint64_t seed, double duration,
                                           std::size_t* unroutable_skipped = nullptr) = delete;

}  // namespace citytwin
