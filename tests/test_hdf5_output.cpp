// The results file: layout, values, summaries, and never a half-written file.
#include <H5Cpp.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "experiment/experiment_runner.hpp"
#include "output/hdf5_results_writer.hpp"
#include "output/summary_statistics.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using wfsim::model::Measure;

namespace {

fs::path temp_dir() {
  const fs::path dir = fs::temp_directory_path() / ("wfsim-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

std::string read_string_attribute(const H5::H5Object& where, const std::string& name) {
  H5::Attribute a = where.openAttribute(name);
  std::string value;
  a.read(a.getStrType(), value);
  return value;
}

std::vector<double> read_all(const H5::DataSet& ds) {
  const auto n = static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints());
  std::vector<double> values(n);
  ds.read(values.data(), H5::PredType::NATIVE_DOUBLE);
  return values;
}

}  // namespace

TEST_CASE("the results file holds the metadata, series and summaries", "[output]") {
  const auto scenario = wfsim::scenario::load_scenario_file(test_support::scenario_path("buckinghamshire-2015.yaml"));
  const fs::path out = temp_dir() / "results.h5";
  const std::size_t n = 150;  // more than one chunk of replications
  {
    wfsim::output::Hdf5ResultsWriter writer(out.string());
    wfsim::experiment::ExperimentOptions options;
    options.seed = 5;
    options.replications = n;
    options.threads = 2;
    options.engine_version = "test-version";
    options.command_line = "wfsim run test";
    wfsim::experiment::run_experiment(scenario, options, writer);
  }
  const auto memory = test_support::run_in_memory(scenario, n, 5, 1);

  H5::H5File file(out.string(), H5F_ACC_RDONLY);
  const H5::Group root = file.openGroup("/");
  CHECK(read_string_attribute(root, "format") == "wfsim-results");
  CHECK(read_string_attribute(root, "engine_version") == "test-version");
  CHECK(read_string_attribute(root, "command_line") == "wfsim run test");
  CHECK(read_string_attribute(root, "start_date") == "2015-10-01");
  std::uint64_t seed = 0;
  root.openAttribute("seed").read(H5::PredType::NATIVE_UINT64, &seed);
  CHECK(seed == 5);
  std::string text;
  H5::DataSet scenario_text = file.openDataSet("scenario");
  scenario_text.read(text, scenario_text.getStrType());
  CHECK(text == scenario.text);

  const std::size_t periods = memory.replications[0].periods();
  for (const auto& m : wfsim::model::kMeasures) {
    INFO("measure " << m.name);
    const H5::DataSet series = file.openDataSet("series/" + std::string(m.name));
    hsize_t dims[3];
    series.getSpace().getSimpleExtentDims(dims);
    REQUIRE(dims[0] == n);
    REQUIRE(dims[1] == 1);
    REQUIRE(dims[2] == periods);
    const std::vector<double> values = read_all(series);
    // The file holds exactly what the model produced, replication by replication.
    for (std::size_t r = 0; r < n; ++r) {
      for (std::size_t t = 0; t < periods; ++t) {
        const double expected = memory.replications[r].at(m.measure, 0, t);
        const double actual = values[r * periods + t];
        REQUIRE((actual == expected || (std::isnan(actual) && std::isnan(expected))));
      }
    }
    // Summaries agree with the statistics computed from those values.
    const std::vector<double> summary = read_all(file.openDataSet("summary/" + std::string(m.name)));
    for (std::size_t t : {std::size_t{0}, periods / 2, periods - 1}) {
      std::vector<double> column;
      for (std::size_t r = 0; r < n; ++r) column.push_back(values[r * periods + t]);
      const auto s = wfsim::output::summarize(column);
      for (std::size_t k = 0; k < s.size(); ++k) {
        const double stored = summary[k * periods + t];
        REQUIRE((stored == s[k] || (std::isnan(stored) && std::isnan(s[k]))));
      }
    }
  }
}

TEST_CASE("summary statistics match hand-computed values", "[output]") {
  std::vector<double> v = {4, std::nan(""), 1, 3, 2, 5};
  const auto s = wfsim::output::summarize(v);
  CHECK(s[0] == 3.0);                     // mean of 1..5
  CHECK(s[1] == Approx(std::sqrt(2.5)));  // sample sd
  CHECK(s[2] == Approx(1.2));             // p5: 1 + 0.05 * 4 * (2 - 1)
  CHECK(s[3] == 2.0);                     // p25
  CHECK(s[4] == 3.0);                     // median
  CHECK(s[6] == Approx(4.8));             // p95
  std::vector<double> none = {std::nan("")};
  CHECK(std::isnan(wfsim::output::summarize(none)[0]));
}

TEST_CASE("an interrupted run leaves an earlier results file untouched", "[output]") {
  const auto scenario = wfsim::scenario::load_scenario_file(test_support::scenario_path("buckinghamshire-2015.yaml"));
  const fs::path dir = temp_dir() / "interrupt";
  fs::create_directories(dir);
  const fs::path out = dir / "results.h5";
  { std::ofstream(out) << "earlier results"; }
  std::atomic<bool> stop{true};
  {
    wfsim::output::Hdf5ResultsWriter writer(out.string());
    wfsim::experiment::ExperimentOptions options;
    options.replications = 1000;
    options.stop = &stop;
    CHECK_THROWS_AS(wfsim::experiment::run_experiment(scenario, options, writer), wfsim::experiment::Interrupted);
  }
  std::ifstream in(out);
  std::string content;
  std::getline(in, content);
  CHECK(content == "earlier results");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
  CHECK(files == 1);  // no partial file left behind
}

TEST_CASE("an unwritable output path fails before any simulation", "[output]") {
  CHECK_THROWS_AS(wfsim::output::Hdf5ResultsWriter("/nonexistent-directory/results.h5"), wfsim::output::OutputError);
}
