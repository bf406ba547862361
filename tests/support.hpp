#pragma once
// Helpers shared by the tests: load a scenario from text, run it in memory, run the
// command line in-process, catch an error's message.

#include <H5Cpp.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "experiment/experiment_runner.hpp"
#include "output/memory_sink.hpp"
#include "scenario/scenario.hpp"

namespace test_support {

// A results file's per-replication series `measure` (replication x authority x time):
// each replication's value for authority row `row` at the last period.
inline std::vector<double> last_period_values(const H5::H5File& file, const std::string& measure, std::size_t row = 0) {
  H5::DataSet ds = file.openDataSet("series/" + measure);
  hsize_t dims[3];
  ds.getSpace().getSimpleExtentDims(dims);
  std::vector<double> all(dims[0] * dims[1] * dims[2]);
  ds.read(all.data(), H5::PredType::NATIVE_DOUBLE);
  std::vector<double> last(dims[0]);
  for (std::size_t r = 0; r < dims[0]; ++r) last[r] = all[(r * dims[1] + row) * dims[2] + dims[2] - 1];
  return last;
}

// The mean of a sample and the standard error of that mean (sd with n - 1, over root n).
struct MeanAndError {
  double mean = 0, se = 0;
};
inline MeanAndError mean_and_se(const std::vector<double>& values) {
  const auto n = static_cast<double>(values.size());
  double mean = 0, squares = 0;
  for (const double v : values) mean += v / n;
  for (const double v : values) squares += (v - mean) * (v - mean);
  return {mean, std::sqrt(squares / (n - 1) / n)};
}

// Two councils of one region whose workers move fast, a finite agency market, and a
// 1-year cooling-off binding new engagements from June 2020. `b_policies` goes under
// council B (a "    policies:" block, or nothing). The rule's line is left open: the
// caller adds its terms (", existing_from: 2020-09-01") and closes it with "}\n".
inline std::string transition_region(const std::string& b_policies = "") {
  return R"(
name: transition
start: 2020-01-01
duration: 1 year
authorities:
  - name: A
    roles: &role
      - name: social_worker
        permanent_posts: 150
        initial: {in_post: 130, agency_covering_vacancies: 10}
        pay: {salary_per_year: 33000, agency_rate_per_hour: 40}
        leaving: {turnover_per_year: 0.3, notice: 1 month, destinations: {outside: 0.3, other_council: 0.2, agency: 0.5}}
        recruitment: {approval_to_offer: 10 days, offer_to_start: 30 days, applicants_per_year: 0,
                      applicants_per_vacancy_per_year: 1.5}
        agency: {booking_delay: 7 days, leaving_per_year: 0.5}
  - name: B
    roles: *role
)" + b_policies +
         R"(agency_supply:
  - {role: social_worker, available_at_start: 10, joining_per_year: 40, leaving_per_year: 4}
rules:
  - {name: cooling-off, kind: cooling_off, scope: any_member, length: 1 year, from: 2020-06-01, members: all)";
}

inline wfsim::output::MemorySink run_in_memory(const wfsim::scenario::Scenario& scenario, std::size_t replications,
                                               std::uint64_t seed = 1, int threads = 1) {
  wfsim::output::MemorySink sink;
  wfsim::experiment::ExperimentOptions options;
  options.seed = seed;
  options.replications = replications;
  options.threads = threads;
  wfsim::experiment::run_experiment(scenario, options, sink);
  return sink;
}

inline wfsim::output::MemorySink run_text(const std::string& yaml, std::size_t replications, std::uint64_t seed = 1,
                                          int threads = 1) {
  return run_in_memory(wfsim::scenario::load_scenario_text(yaml, "test.yaml"), replications, seed, threads);
}

// Each replication's sum of `measure` for `row` over the periods from `first` on.
inline std::vector<double> sums_per_replication(const wfsim::output::MemorySink& sink, wfsim::model::Measure measure,
                                                std::size_t first = 0, std::size_t row = 0) {
  std::vector<double> sums;
  for (const auto& t : sink.replications) {
    double sum = 0;
    for (std::size_t k = first; k < t.periods(); ++k) sum += t.at(measure, row, k);
    sums.push_back(sum);
  }
  return sums;
}

// The first row's `part` over its `whole`, each summed over periods [from, to): the
// share of leavers going to agency work in a quarter, say.
inline double share_over_periods(const wfsim::model::SeriesTable& t, wfsim::model::Measure part,
                                 wfsim::model::Measure whole, std::size_t from, std::size_t to) {
  double sum_part = 0, sum_whole = 0;
  for (std::size_t k = from; k < to; ++k) {
    sum_part += t.at(part, 0, k);
    sum_whole += t.at(whole, 0, k);
  }
  return sum_part / sum_whole;
}

// What a change at period `at` did to the first row's share `part` / `whole`, from the
// replications' paired differences over windows of `width` periods: `step`, the window
// from `at` less the one before it; `lag`, that window less the one after it (about 0
// where the change acts in full from its first day).
struct StepAndLag {
  MeanAndError step, lag;
};
inline StepAndLag step_and_lag(const std::vector<wfsim::model::SeriesTable>& replications, wfsim::model::Measure part,
                               wfsim::model::Measure whole, std::size_t at, std::size_t width) {
  std::vector<double> steps, lags;
  for (const wfsim::model::SeriesTable& t : replications) {
    const double during = share_over_periods(t, part, whole, at, at + width);
    steps.push_back(during - share_over_periods(t, part, whole, at - width, at));
    lags.push_back(during - share_over_periods(t, part, whole, at + width, at + 2 * width));
  }
  return {mean_and_se(steps), mean_and_se(lags)};
}

// True if one measure's series is equal bit for bit in two replications (so that NaN,
// a month with no offers, say, compares equal to itself).
inline bool same_series(const wfsim::model::SeriesTable& a, const wfsim::model::SeriesTable& b,
                        wfsim::model::Measure m) {
  if (a.authorities() != b.authorities() || a.periods() != b.periods()) return false;
  for (std::size_t row = 0; row < a.authorities(); ++row) {
    for (std::size_t k = 0; k < a.periods(); ++k) {
      const double x = a.at(m, row, k), y = b.at(m, row, k);
      if (std::memcmp(&x, &y, sizeof(double)) != 0) return false;
    }
  }
  return true;
}

// True if two replications' series (and rule refusals) are equal bit for bit.
inline bool bit_identical(const wfsim::model::SeriesTable& a, const wfsim::model::SeriesTable& b) {
  const auto values_a = a.values();
  const auto values_b = b.values();
  if (values_a.size() != values_b.size() || std::memcmp(values_a.data(), values_b.data(), values_a.size_bytes()) != 0) {
    return false;
  }
  const auto x = a.refused_block();
  const auto y = b.refused_block();
  // memcmp must not see the null pointers of empty spans (a scenario without rules).
  return x.size() == y.size() && (x.empty() || std::memcmp(x.data(), y.data(), x.size_bytes()) == 0);
}

// Runs `wfsim ARGS...` in-process; returns the exit code, with what it printed.
// `stop` stands for main()'s flag, which Ctrl-C and SIGTERM raise.
inline int run_cli(std::vector<std::string> args, std::string& out, std::string& err,
                   const std::atomic<bool>* stop = nullptr) {
  args.insert(args.begin(), "wfsim");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out_stream, err_stream;
  const int code =
      wfsim::cli::run_command_line(static_cast<int>(argv.size()), argv.data(), out_stream, err_stream, stop);
  out = out_stream.str();
  err = err_stream.str();
  return code;
}

// The message of the exception `f` throws, or "no error".
inline std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

inline std::string scenario_path(const std::string& name) {
  return std::string(WFSIM_TEST_DATA_DIR) + "/../scenarios/" + name;
}

}  // namespace test_support
