#include "agents/traffic/trip_log.hpp"

#include "sim/output/xml_text.hpp"

#include <charconv>

namespace citytwin {
namespace {

void append_number(std::string& out, double v) {
  char buffer[64];
  const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
  out.append(buffer, r.ptr);
}

// CSV fields: quote when the name holds a separator, quote or newline.
void append_csv_field(std::string& out, const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char ch : text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

}  // namespace

std::string trips_csv(const std::vector<TripRecord>& trips, const Network& network,
                      const std::vector<std::string>& type_names) {
  std::string out =
      "id,type,origin,destination,depart_s,inserted_s,arrive_s,travel_time_s,duration_s,"
      "delay_s,stops,distance_m,route_links,teleports\n";
  for (const auto& t : trips) {
    out += std::to_string(t.id) + ",";
    append_csv_field(out, type_names[t.type]);
    out += ",";
    append_csv_field(out, network.link(t.origin).name);
    out += ",";
    append_csv_field(out, network.link(t.destination).name);
    for (double v : {t.depart, t.inserted, t.arrive, t.travel_time(), t.duration(), t.delay()}) {
      out += ",";
      append_number(out, v);
    }
    out += "," + std::to_string(t.stops) + ",";
    append_number(out, t.distance);
    out += "," + std::to_string(t.route_links) + "," + std::to_string(t.teleports) + "\n";
  }
  return out;
}

std::string tripinfo_xml(const std::vector<TripRecord>& trips, const Network& network,
                         const std::vector<std::string>& type_names) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tripinfos>\n";
  for (const auto& t : trips) {
    const Link& from = network.link(t.origin);
    const Link& to = network.link(t.destination);
    out += "    <tripinfo id=\"" + std::to_string(t.id) + "\" depart=\"";
    append_number(out, t.inserted);
    out += "\" departLane=\"";
    out += xml_escape(from.name);  // names come from user networks
    out += "_0\" arrival=\"";
    append_number(out, t.arrive);
    out += "\" arrivalLane=\"";
    out += xml_escape(to.name);
    out += "_0\" duration=\"";
    append_number(out, t.duration());
    out += "\" routeLength=\"";
    append_number(out, t.distance);
    out += "\" waitingCount=\"" + std::to_string(t.stops) + "\" timeLoss=\"";
    append_number(out, t.delay());
    out += "\" departDelay=\"";
    append_number(out, t.inserted - t.depart);
    out += "\" vType=\"";
    out += xml_escape(type_names[t.type]);
    out += "\"/>\n";
  }
  out += "</tripinfos>\n";
  return out;
}

}  // namespace citytwin
