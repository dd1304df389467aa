#include "tools/report/run_report.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "sim/output/atomic_file.hpp"
#include "sim/output/xml_text.hpp"
#include "tools/report/base64.hpp"
#include "tools/report/svg_line_plot.hpp"

namespace citytwin::report {
namespace {

// Everything the page needs to look right, inline: the report must open offline, from a mail
// attachment or an archive, exactly as written.
constexpr const char* kStyle = R"(
body { font-family: sans-serif; margin: 24px auto; max-width: 1180px; color: #222; }
h1 { font-size: 1.5em; margin-bottom: 4px; }
h2 { font-size: 1.15em; margin-top: 28px; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { padding: 3px 10px; border-bottom: 1px solid #e4e4e4; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { display: inline-block; margin: 6px 10px 6px 0; }
img.city { max-width: 100%; border: 1px solid #999; }
svg.plot { background: #fafafa; border: 1px solid #ddd; }
svg.plot .title { font-size: 13px; font-weight: bold; fill: #333; }
svg.plot .tick { font-size: 11px; fill: #555; }
svg.plot .grid { stroke: #e0e0e0; stroke-width: 1; }
svg.plot .axis { stroke: #777; stroke-width: 1; fill: none; }
svg.plot .line { stroke: #1f6fb2; stroke-width: 1.6; fill: none; }
)";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw OutputError("report: cannot read " + path.string());
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// A JSON value as table text (strings bare, numbers as JSON writes them, absent as "-").
std::string text(const nlohmann::json& value) {
  if (value.is_null()) return "-";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

std::string format_number(double value) {
  if (!std::isfinite(value)) return "-";
  char buf[48];
  const double magnitude = std::abs(value);
  std::snprintf(buf, sizeof buf,
                magnitude >= 1000.0 || value == std::round(value) ? "%.0f"
                : magnitude >= 10.0                               ? "%.1f"
                                                                  : "%.3g",
                value);
  return buf;
}

// "1800 s (00:30:00)" for simulated and wall times.
std::string seconds(const nlohmann::json& value) {
  if (!value.is_number()) return text(value);
  const double s = value.get<double>();
  char buf[64];
  if (s >= 60.0) {
    const auto whole = static_cast<long long>(s);
    std::snprintf(buf, sizeof buf, "%.0f s (%02lld:%02lld:%02lld)", s, whole / 3600,
                  whole / 60 % 60, whole % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f s", s);
  }
  return buf;
}

const nlohmann::json& field(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

void fact_row(std::string& html, const char* name, const std::string& value) {
  html += "<tr><th>" + xml_escape(name) + "</th><td>" + xml_escape(value) + "</td></tr>\n";
}

void run_facts(std::string& html, const nlohmann::json& summary) {
  const auto& scenario = field(summary, "scenario");
  html += "<table class=\"facts\">\n";
  fact_row(html, "scenario", text(field(scenario, "name")));
  const auto& variant = field(scenario, "variant");
  fact_row(html, "variant",
           variant.is_string() && !variant.get<std::string>().empty() ? text(variant) : "(none)");
  fact_row(html, "seed", text(field(summary, "seed")));
  fact_row(html, "scenario hash", text(field(scenario, "hash")));
  fact_row(html, "scenario file", text(field(scenario, "file")));
  fact_row(html, "source", text(field(field(scenario, "source"), "deployment")));
  fact_row(html, "simulated",
           seconds(field(summary, "simulated_s")) + " in " + text(field(summary, "steps")) +
               " steps of " + text(field(summary, "step_s")) + " s");
  fact_row(html, "threads", text(field(summary, "threads")));
  fact_row(html, "wall time", seconds(field(summary, "wall_time_s")));
  fact_row(html, "final state hash", text(field(summary, "state_hash")));
  fact_row(html, "citytwin version", text(field(summary, "citytwin_version")));
  html += "</table>\n";
}

// How a column is shown: what its system declared (summary.json "kpi_display"), else its own
// name, unscaled.
struct KpiLabel {
  std::string title;
  std::string unit;
  double scale = 1.0;
};

KpiLabel kpi_label(const nlohmann::json& displays, const std::string& column) {
  const auto& d = field(displays, column.c_str());
  KpiLabel label{column, "", 1.0};
  if (!d.is_object()) return label;
  if (field(d, "title").is_string()) label.title = field(d, "title").get<std::string>();
  if (field(d, "unit").is_string()) label.unit = field(d, "unit").get<std::string>();
  if (field(d, "scale").is_number()) label.scale = field(d, "scale").get<double>();
  return label;
}

void kpi_table(std::string& html, const nlohmann::json& kpis, const nlohmann::json& displays) {
  html +=
      "<h2>KPIs</h2>\n<table class=\"kpis\">\n"
      "<tr><th>KPI</th><th>column</th><th>last</th><th>mean</th><th>unit</th></tr>\n";
  if (kpis.is_object()) {
    for (const auto& [name, entry] : kpis.items()) {
      const KpiLabel label = kpi_label(displays, name);
      auto scaled = [&](const char* key) {
        const auto& v = field(entry, key);
        return v.is_number() ? format_number(v.get<double>() * label.scale) : std::string("-");
      };
      html += "<tr><td>" + xml_escape(label.title) + "</td><td>" + xml_escape(name) +
              "</td><td class=\"num\">" + scaled("last") + "</td><td class=\"num\">" +
              scaled("mean") + "</td><td>" + xml_escape(label.unit) + "</td></tr>\n";
    }
  }
  html += "</table>\n";
}

void totals_table(std::string& html, const nlohmann::json& totals) {
  if (!totals.is_object() || totals.empty()) return;
  html += "<h2>End-of-run totals</h2>\n<table class=\"totals\">\n";
  for (const auto& [name, value] : totals.items()) {
    html += "<tr><td>" + xml_escape(name) + "</td><td class=\"num\">" +
            xml_escape(value.is_number() ? format_number(value.get<double>()) : text(value)) +
            "</td></tr>\n";
  }
  html += "</table>\n";
}

void plots(std::string& html, const std::optional<CsvColumns>& series,
           const nlohmann::json& displays) {
  html += "<h2>Over time</h2>\n";
  const std::size_t time = series ? series->find("time_s") : 0;
  if (!series || time == series->names.size()) {
    html += "<p>No timeseries.csv in this run (outputs.timeseries is off).</p>\n";
    return;
  }
  for (std::size_t c = 0; c < series->names.size(); ++c) {
    if (c == time) continue;
    const KpiLabel label = kpi_label(displays, series->names[c]);
    LinePlot plot{series->names[c], label.title, label.unit, series->values[time], {}};
    plot.y.reserve(series->values[c].size());
    for (double v : series->values[c]) plot.y.push_back(v * label.scale);
    html += "<figure>\n" + svg_line_plot(plot) + "</figure>\n";
  }
}

}  // namespace

std::string make_report_html(const ReportInputs& inputs) {
  const std::string name = text(field(field(inputs.summary, "scenario"), "name"));
  std::string html;
  html += "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n";
  html += "<meta charset=\"utf-8\"/>\n<title>citytwin run report: " + xml_escape(name) +
          "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  html += "<h1>citytwin run report: " + xml_escape(name) + "</h1>\n";
  run_facts(html, inputs.summary);
  if (!inputs.picture_png.empty()) {
    html +=
        "<h2>City</h2>\n<figure>\n<img class=\"city\" alt=\"the city at the end of the run\" "
        "src=\"data:image/png;base64," +
        base64_encode(inputs.picture_png) + "\"/>\n<figcaption>" +
        xml_escape(inputs.picture_caption) + "</figcaption>\n</figure>\n";
  }
  kpi_table(html, field(inputs.summary, "kpis"), field(inputs.summary, "kpi_display"));
  totals_table(html, field(inputs.summary, "totals"));
  plots(html, inputs.timeseries, field(inputs.summary, "kpi_display"));
  html += "</body>\n</html>\n";
  return html;
}

std::filesystem::path write_run_report(const std::filesystem::path& directory,
                                       const std::optional<std::filesystem::path>& picture) {
  ReportInputs inputs;
  try {
    inputs.summary = nlohmann::json::parse(read_file(directory / "summary.json"));
  } catch (const nlohmann::json::exception& e) {
    throw OutputError("report: " + (directory / "summary.json").string() + ": " + e.what());
  }
  const auto csv = directory / "timeseries.csv";
  if (std::filesystem::exists(csv)) {
    try {
      inputs.timeseries = parse_numeric_csv(read_file(csv));
    } catch (const std::invalid_argument& e) {
      throw OutputError("report: " + csv.string() + ": " + e.what());
    }
  }
  if (picture) {
    inputs.picture_png = read_file(*picture);
    inputs.picture_caption = std::filesystem::relative(*picture, directory).generic_string();
  }
  const auto path = directory / "report.html";
  write_file_atomically(path, make_report_html(inputs));
  return path;
}

}  // namespace citytwin::report
