// report.html: built from a real run's output folder (no Vulkan needed) and read back as XML.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <pugixml.hpp>
#include <sstream>
#include <string>

#include "sim/output/atomic_file.hpp"
#include "support/scratch_dir.hpp"
#include "tools/cli_process.hpp"
#include "tools/report/base64.hpp"
#include "tools/report/csv_columns.hpp"
#include "tools/report/run_report.hpp"
#include "tools/report/svg_line_plot.hpp"

namespace citytwin {
namespace {

using testing::read_all;
using testing::run_cli;
using testing::ScratchDir;

const std::string kCorridor = std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/corridor_small.yaml";

std::size_t count_points(const std::string& points) {
  std::istringstream in(points);
  std::string pair;
  std::size_t n = 0;
  while (in >> pair) {
    EXPECT_NE(pair.find(','), std::string::npos) << pair;
    ++n;
  }
  return n;
}

std::size_t count(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(RunReport, RunWritesAWellFormedReportWithAPlotPerKpi) {
  const ScratchDir dir;
  const auto r = run_cli("run " + kCorridor + " --until 300s --report --no-progress --out " +
                         dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("report.html"), std::string::npos) << r.out;
  const std::string html = read_all(dir / "report.html");

  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_string(html.c_str());
  ASSERT_TRUE(parsed) << "report.html is not well-formed: " << parsed.description() << " at "
                      << parsed.offset;
  const report::CsvColumns series = report::parse_numeric_csv(read_all(dir / "timeseries.csv"));
  ASSERT_EQ(series.rows(), 10u);  // a row every 30 s
  ASSERT_GT(series.names.size(), 5u);

  // One polyline per KPI column, a point per row, named by the column.
  const auto polylines = doc.select_nodes("//svg/polyline");
  EXPECT_EQ(polylines.size(), series.names.size() - 1);  // every column but time_s
  for (const std::string& column : series.names) {
    if (column == "time_s") continue;
    const auto line =
        doc.select_node(("//svg/polyline[@data-kpi='" + column + "']").c_str()).node();
    ASSERT_TRUE(line) << "no plot of " << column;
    EXPECT_EQ(count_points(line.attribute("points").value()), series.rows()) << column;
  }
  for (const char* kpi :
       {"vehicles", "mean_speed_mps", "throughput_veh_h", "total_delay_s", "inserted", "arrived"}) {
    EXPECT_TRUE(doc.select_node(("//polyline[@data-kpi='" + std::string(kpi) + "']").c_str()))
        << kpi;
  }

  // The run's facts and its KPI table.
  EXPECT_NE(html.find("corridor_small"), std::string::npos);
  EXPECT_TRUE(doc.select_node("//table[@class='kpis']//td[text()='mean speed']"));
  EXPECT_TRUE(doc.select_node("//table[@class='facts']//th[text()='scenario hash']"));
  EXPECT_TRUE(doc.select_node("//table[@class='facts']//th[text()='seed']/../td[text()='7']"));

  // Self-contained: no scripts, no links to anything outside the file; no picture without frames.
  EXPECT_EQ(count(html, "<script"), 0u);
  EXPECT_EQ(count(html, "<link"), 0u);
  EXPECT_EQ(count(html, "src=\"http"), 0u);
  EXPECT_EQ(count(html, "href="), 0u);
  EXPECT_EQ(count(html, "url("), 0u);
  EXPECT_FALSE(doc.select_node("//img"));
}

TEST(RunReport, WithoutReportFlagNoReport) {
  const ScratchDir dir;
  ASSERT_EQ(run_cli("run " + kCorridor + " --until 60s --no-progress --out " + dir.path().string())
                .exit_code,
            0);
  EXPECT_FALSE(std::filesystem::exists(dir / "report.html"));
}

TEST(RunReport, WrittenAtomicallyAndLeftIntactOnFailure) {
  const ScratchDir dir;
  ASSERT_EQ(run_cli("run " + kCorridor + " --until 60s --no-progress --out " + dir.path().string())
                .exit_code,
            0);
  write_file_atomically(dir / "report.html", "old report");
  const auto path = report::write_run_report(dir.path(), std::nullopt);
  EXPECT_EQ(path, dir / "report.html");
  const std::string html = read_all(path);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  // Only the four outputs: no temporary file beside the report.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 4u);  // summary.json, timeseries.csv, trips.csv, report.html

  // A broken input fails with a clear error and leaves the last good report whole.
  write_file_atomically(dir / "timeseries.csv", "time_s,vehicles\n30,many\n");
  try {
    report::write_run_report(dir.path(), std::nullopt);
    ADD_FAILURE() << "a non-numeric timeseries cell was accepted";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("many"), std::string::npos) << e.what();
  }
  EXPECT_EQ(read_all(dir / "report.html"), html);
  std::filesystem::remove(dir / "summary.json");
  EXPECT_THROW(report::write_run_report(dir.path(), std::nullopt), OutputError);
  EXPECT_EQ(read_all(dir / "report.html"), html);
}

TEST(RunReport, PictureIsInlinedAndTextEscaped) {
  report::ReportInputs inputs;
  inputs.summary = {{"scenario", {{"name", "A&B <test> \"x\""}, {"variant", "v1"}}},
                    {"seed", 3},
                    {"kpis", {{"vehicles", {{"last", 2.0}, {"mean", 1.5}}}}}};
  inputs.picture_png = std::string("\x89PNG\r\n\x1a\n", 8) + "fake";
  inputs.picture_caption = "frames/frame_000060s.png";
  inputs.timeseries = report::parse_numeric_csv("time_s,vehicles\n0,1\n60,2\n120,\n");
  const std::string html = report::make_report_html(inputs);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(html.c_str()));
  EXPECT_STREQ(doc.select_node("//h1").node().child_value(),
               "citytwin run report: A&B <test> \"x\"");
  const std::string src = doc.select_node("//img").node().attribute("src").value();
  EXPECT_EQ(src, "data:image/png;base64," + report::base64_encode(inputs.picture_png));
  // The empty cell (not reported) is left out of the line.
  EXPECT_EQ(
      count_points(
          doc.select_node("//polyline[@data-kpi='vehicles']").node().attribute("points").value()),
      2u);
}

TEST(RunReport, Base64KnownVectors) {
  using report::base64_encode;
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(std::string("\xff\x00\x10", 3)), "/wAQ");
}

void expect_ticks(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-12) << i;
}

TEST(RunReport, NiceTicks) {
  using report::nice_ticks;
  expect_ticks(nice_ticks(0.0, 100.0), {0, 20, 40, 60, 80, 100});
  expect_ticks(nice_ticks(0.0, 0.9), {0, 0.2, 0.4, 0.6, 0.8});
  expect_ticks(nice_ticks(-10.0, 10.0), {-10, -5, 0, 5, 10});
  expect_ticks(nice_ticks(3.0, 28.0), {5, 10, 15, 20, 25});
  EXPECT_TRUE(nice_ticks(5.0, 5.0).empty());
  EXPECT_TRUE(nice_ticks(0.0, std::nan("")).empty());
}

TEST(RunReport, PlotOfAFlatOrEmptySeriesIsStillAFigure) {
  report::LinePlot flat{"k", "flat", "veh", {0, 30, 60}, {4, 4, 4}};
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(report::svg_line_plot(flat).c_str()));
  EXPECT_EQ(count_points(doc.select_node("//polyline").node().attribute("points").value()), 3u);
  report::LinePlot empty{"k", "empty", "veh", {}, {}};
  ASSERT_TRUE(doc.load_string(report::svg_line_plot(empty).c_str()));
  EXPECT_TRUE(doc.select_node("//polyline"));
  EXPECT_EQ(std::string(report::svg_line_plot(flat)).find("nan"), std::string::npos);
}

TEST(RunReport, CsvErrorsNameTheLine) {
  try {
    report::parse_numeric_csv("time_s,a\n0,1\n30\n");
    ADD_FAILURE() << "a short row was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace citytwin
