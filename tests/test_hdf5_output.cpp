// The results file: layout, values, summaries, and never a half-written file.
#include <H5Cpp.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "experiment/experiment_runner.hpp"
#include "output/hdf5_destructor_lines.hpp"
#include "output/hdf5_results_writer.hpp"
#include "output/replication_distribution.hpp"
#include "scratch_folder.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using wfsim::model::Measure;

namespace {

// A folder for the whole process, removed when it exits.
const fs::path& temp_dir() {
  static const test_support::ScratchFolder process("wfsim-test");
  return process.path;
}

std::string read_string_attribute(const H5::H5Object& where, const std::string& name) {
  H5::Attribute a = where.openAttribute(name);
  std::string value;
  a.read(a.getStrType(), value);
  return value;
}

// numpy.quantile's default (linear) on sorted values, as numpy 1.22 and later compute it.
double numpy_quantile(const std::vector<double>& sorted, double p) {
  const double index = static_cast<double>(sorted.size() - 1) * p;
  const double below = std::floor(index);
  const auto i = static_cast<std::size_t>(below);
  const double a = sorted[i], b = sorted[std::min(i + 1, sorted.size() - 1)];
  const double gamma = index - below;
  return gamma >= 0.5 ? b - (b - a) * (1 - gamma) : a + (b - a) * gamma;
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
    options.keep = wfsim::output::SeriesSelection::all();
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
    // Summaries agree with the statistics of those values: counts exactly as numpy
    // computes them (the sd to rounding); real numbers' means and sds to rounding,
    // their quantiles within the width of a histogram bin.
    const std::vector<double> summary = read_all(file.openDataSet("summary/" + std::string(m.name)));
    const bool counts = m.values == wfsim::model::MeasureValues::count;
    for (std::size_t t : {std::size_t{0}, periods / 2, periods - 1}) {
      std::vector<double> column;
      for (std::size_t r = 0; r < n; ++r) {
        if (!std::isnan(values[r * periods + t])) column.push_back(values[r * periods + t]);
      }
      if (column.empty()) {
        CHECK(std::isnan(summary[t]));
        continue;
      }
      std::sort(column.begin(), column.end());
      double sum = 0;
      for (const double v : column) sum += v;
      const double mean = sum / static_cast<double>(column.size());
      double squares = 0;
      for (const double v : column) squares += (v - mean) * (v - mean);
      const double sd = std::sqrt(squares / static_cast<double>(column.size() - 1));
      const double range = column.back() - column.front();
      const double largest = std::max(std::abs(column.front()), std::abs(column.back()));
      CHECK(summary[t] == Approx(mean).epsilon(1e-12).margin(1e-12 * largest));
      CHECK(summary[periods + t] == Approx(sd).epsilon(1e-12).margin(1e-12 * largest));
      // A bin is at most 2 range / (bins - 2) wide, and never narrower than the spacing
      // of doubles near the largest value.
      const double spacing = largest > 0 ? std::ldexp(1.0, std::ilogb(largest) - 51) : 0.0;
      const double bin = std::max(2 * range / (wfsim::output::kRealBins - 2), spacing);
      const double probabilities[] = {0.05, 0.25, 0.50, 0.75, 0.95};
      for (std::size_t q = 0; q < 5; ++q) {
        const double stored = summary[(2 + q) * periods + t];
        const double exact = numpy_quantile(column, probabilities[q]);
        if (counts) {
          CHECK(stored == exact);
        } else {
          CHECK(std::abs(stored - exact) <= bin);
        }
      }
    }
  }
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

TEST_CASE("a stop asked for after the last block, while the file is finished, leaves the earlier file", "[output]") {
  const auto scenario = wfsim::scenario::load_scenario_file(test_support::scenario_path("buckinghamshire-2015.yaml"));
  const fs::path dir = temp_dir() / "late-stop";
  fs::create_directories(dir);
  const fs::path out = dir / "results.h5";
  { std::ofstream(out) << "earlier results"; }
  std::atomic<bool> stop{false};
  {
    wfsim::output::Hdf5ResultsWriter writer(out.string());
    writer.cancel_on(&stop);
    wfsim::experiment::ExperimentOptions options;
    options.replications = 4;
    // The run never looks at the flag (options.stop is unset): only the writer's
    // last check before the rename sees it, as with a SIGTERM during the summaries.
    options.progress = [&](std::size_t done, std::size_t total) {
      if (done == total) stop.store(true);
    };
    CHECK_THROWS_AS(wfsim::experiment::run_experiment(scenario, options, writer), wfsim::output::OutputCancelled);
  }
  std::ifstream in(out);
  std::string content;
  std::getline(in, content);
  CHECK(content == "earlier results");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
}

TEST_CASE("an unwritable output path fails before any simulation", "[output]") {
  CHECK_THROWS_AS(wfsim::output::Hdf5ResultsWriter("/nonexistent-directory/results.h5"), wfsim::output::OutputError);
}

TEST_CASE("a misspelt measure in --keep series= gets the right one suggested", "[output][cli]") {
  try {
    (void)wfsim::output::SeriesSelection::parse("series=agency_share,vacancy_rat");
    FAIL("a misspelt measure was accepted");
  } catch (const std::invalid_argument& e) {
    CHECK_THAT(e.what(), Catch::Contains("unknown measure 'vacancy_rat' (did you mean 'vacancy_rate'?)"));
  }
  CHECK(wfsim::output::SeriesSelection::parse("series=vacancy_rate,refused").keeps_any());
  // Spaces after the commas, as in a list written by hand, were an unknown ' agency_share'.
  const auto spaced = wfsim::output::SeriesSelection::parse("series=vacancy_rate, agency_share ,refused");
  CHECK(spaced.keeps(wfsim::model::Measure::agency_share));
  CHECK(spaced.describe(true) == "series=vacancy_rate,agency_share,refused");
  // An empty name anywhere is refused: one at the end passed (a CLI audit).
  for (const char* listed : {"series=vacancy_rate,", "series=,vacancy_rate", "series=vacancy_rate,,agency_share"}) {
    CHECK_THROWS_WITH(wfsim::output::SeriesSelection::parse(listed),
                      Catch::Contains("a name between commas is empty (a comma too many?)"));
  }
  CHECK_THROWS_WITH(wfsim::output::SeriesSelection::parse("series="), Catch::Contains("names no measure"));
  // A name given twice is refused, as sweep's --vary refuses a value given twice; it
  // passed without a word (a CLI audit).
  CHECK_THROWS_WITH(wfsim::output::SeriesSelection::parse("series=vacancies,vacancies"),
                    Catch::Contains("--keep series=vacancies,vacancies: 'vacancies' is given twice"));
  CHECK_THROWS_WITH(wfsim::output::SeriesSelection::parse("series=refused,vacancy_rate, refused"),
                    Catch::Contains("'refused' is given twice; give each name once"));
}

TEST_CASE("HDF5's destructor lines are dropped from stderr, everything else passed on as it comes", "[output]") {
  // A full disk printed one "DataSet::~DataSet - H5Dclose failed" a dataset above the
  // error that says what happened (a robustness test: 13 to 44 of them).
  using wfsim::output::Hdf5DestructorLineFilter;
  std::ostringstream target;
  Hdf5DestructorLineFilter filter(target.rdbuf());
  std::ostream err(&filter);
  err << "DataSet::~DataSet - "
      << "H5Dclose failed" << std::endl;
  err << "Group::~Group - H5Gclose failed\n";
  err << "  12/40 replications ( 30%)\r";
  CHECK(target.str() == "  12/40 replications ( 30%)\r");  // progress passes at once, not at a line's end
  err << "error: cannot write to the output file 'x.h5': No space left on device\n";
  err << "note: Kent::~Kent - failed to be a line of HDF5's\n";  // an ordinary line that mentions one
  err << "Kent";                                                 // held while it may still become one, then passed on
  filter.pass_on();
  CHECK(target.str() ==
        "  12/40 replications ( 30%)\rerror: cannot write to the output file 'x.h5': No space left on device\n"
        "note: Kent::~Kent - failed to be a line of HDF5's\nKent");
  CHECK(Hdf5DestructorLineFilter::is_destructor_line("DataSpace::~DataSpace - H5Sclose failed"));

  // As std::cerr writes (a flush after every insertion): a line goes out in one write,
  // not a character at a time (lines from several ranks under mpirun --tag-output came
  // out split); and a destructor's line after a progress line that no line end followed
  // is still dropped.
  struct Counting : std::stringbuf {
    int writes = 0;
    std::streamsize xsputn(const char* s, std::streamsize n) override {
      ++writes;
      return std::stringbuf::xsputn(s, n);
    }
  } counted;
  Hdf5DestructorLineFilter line_filter(&counted);
  std::ostream cerr_like(&line_filter);
  cerr_like.setf(std::ios::unitbuf);
  cerr_like << "error: "
            << "x.h5"
            << ": cannot read\n";
  CHECK(counted.str() == "error: x.h5: cannot read\n");
  CHECK(counted.writes <= 3);  // at most one an insertion, never one a character
  cerr_like << "\r  13/40 replications";
  cerr_like << "DataSet::~DataSet - "
            << "H5Dclose failed" << std::endl;
  cerr_like << "error: disk full\n";
  CHECK(counted.str() == "error: x.h5: cannot read\n\r  13/40 replicationserror: disk full\n");
  CHECK_FALSE(Hdf5DestructorLineFilter::is_destructor_line("wfsim run: --replications must be from 1"));
}

TEST_CASE("the bytes said to come at the end are those the summaries and flows take", "[output]") {
  // The disk's room is judged by them (cli/disk_room.hpp): the flows were left out.
  const auto scenario = wfsim::scenario::load_scenario_file(test_support::scenario_path("south-east-moc-2016.yaml"),
                                                            {"duration=6 months"});
  const fs::path out = temp_dir() / "end-bytes.h5";
  std::uint64_t said = 0;
  {
    wfsim::output::Hdf5ResultsWriter writer(out.string());
    wfsim::experiment::ExperimentOptions options;
    options.replications = 3;
    wfsim::experiment::run_experiment(scenario, options, writer);
    said = writer.end_bytes();
  }
  H5::H5File file(out.string(), H5F_ACC_RDONLY);
  std::uint64_t taken = file.openDataSet("flows/mean").getStorageSize();
  CHECK(taken > 0);
  taken += file.openDataSet("rules/refused_summary").getStorageSize();
  const H5::Group summary = file.openGroup("summary");
  for (hsize_t i = 0; i < summary.getNumObjs(); ++i) {
    const H5::DataSet ds = summary.openDataSet(summary.getObjnameByIdx(i));
    if (ds.getSpace().getSimpleExtentNdims() == 3) taken += ds.getStorageSize();  // not the scales beside them
  }
  CHECK(said == taken);
}
