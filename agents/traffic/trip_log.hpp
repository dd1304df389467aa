#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/network/network.hpp"

namespace citytwin {

// One finished trip, as written to trips.csv and tripinfo.xml.
struct TripRecord {
  std::uint32_t id = 0;
  std::uint8_t type = 0;
  LinkId origin = kNoId;
  LinkId destination = kNoId;
  double depart = 0.0;          // s, scheduled departure
  double inserted = 0.0;        // s, when it actually entered the network
  double arrive = 0.0;          // s
  double free_flow_time = 0.0;  // s, its route at speed limits
  double distance = 0.0;        // m
  std::uint32_t stops = 0;
  std::uint32_t route_links = 0;
  std::uint32_t teleports = 0;  // times it was teleported on the way (traffic.teleport_after)

  double travel_time() const { return arrive - depart; }        // includes waiting to insert
  double duration() const { return arrive - inserted; }         // SUMO's tripinfo duration
  double delay() const { return duration() - free_flow_time; }  // vs free flow
};

// trips.csv: one row per finished trip, in arrival order then id.
std::string trips_csv(const std::vector<TripRecord>& trips, const Network& network,
                      const std::vector<std::string>& type_names);

// SUMO-compatible tripinfo.xml (the attributes SUMO's analysis scripts read: id, depart,
// departLane, arrival, arrivalLane, duration, routeLength, waitingCount, timeLoss, departDelay,
// vType), so existing SUMO tooling runs on citytwin output.
std::string tripinfo_xml(const std::vector<TripRecord>& trips, const Network& network,
                         const std::vector<std::string>& type_names);

}  // namespace citytwin
