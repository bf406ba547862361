#include "calibrate/backtest.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "calibrate/calibration.hpp"
#include "calibrate/harrell_davis.hpp"
#include "experiment/experiment_runner.hpp"
#include "import/baseline_scenario.hpp"
#include "import/year_to_year.hpp"
#include "model/measures.hpp"
#include "output/memory_sink.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"

namespace wfsim::calibrate {

namespace {

std::string csv_number(const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", *v);
  return text;
}

std::string csv_text(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string spread_text(double mean, double sd) {
  char text[96];
  std::snprintf(text, sizeof text, "{mean: %.9g, sd: %.9g}", mean, sd);
  return text;
}

// A forecast of the fitted council, with its free parameters set to chosen values.
struct ForecastRun {
  const std::string& fitted;
  const std::string& label;
  const std::vector<std::string>& settings;  // the run's length and the turnover's spread
  const CalibrationResult& fit;
  double applicants_relative_sd;  // 0: applicants a year known exactly
  const BacktestOptions& options;
};

// Each backtest measure's value at the forecast's last month end, one per replication.
struct ForecastValues {
  std::vector<std::vector<double>> by_measure;  // in the order of backtest_measures()
};

ForecastValues run_forecast(const ForecastRun& f, const std::vector<double>& x) {
  std::vector<std::string> settings = f.settings;
  for (std::size_t j = 0; j < x.size(); ++j) {
    const FreeParameter& p = f.fit.parameters[j].parameter;
    const bool spread = j == 0 && f.applicants_relative_sd > 0;  // applicants a year
    settings.push_back(p.key + "=" +
                       (spread ? spread_text(x[j], f.applicants_relative_sd * x[j])
                               : csv_number(x[j]) + (p.unit.empty() ? "" : " " + p.unit)));
  }
  const scenario::Scenario forecast = scenario::load_scenario_text(f.fitted, f.label, settings);
  experiment::ExperimentOptions run;
  run.seed = f.options.seed;
  run.replications = f.options.replications;
  run.threads = f.options.threads;
  run.stop = f.options.stop;
  output::MemorySink sink;
  experiment::run_experiment(forecast, run, sink);
  ForecastValues values;
  for (const BacktestMeasure& m : backtest_measures()) {
    std::vector<double>& v = values.by_measure.emplace_back();
    for (const auto& table : sink.replications) {
      const double value = table.at(m.model_measure, 0, table.periods() - 1);
      if (std::isfinite(value)) v.push_back(value);
    }
  }
  return values;
}

// The least-squares step dx with J dx = r, through the normal equations with a tiny
// ridge, so a parameter the targets do not move (a zero column) is left where it is.
std::vector<double> newton_step(const std::vector<std::vector<double>>& jacobian, const std::vector<double>& r) {
  const std::size_t n = jacobian.empty() ? 0 : jacobian[0].size();
  std::vector<std::vector<double>> a(n, std::vector<double>(n + 1, 0));
  double largest = 0;
  for (std::size_t p = 0; p < n; ++p) {
    for (std::size_t q = 0; q < n; ++q) {
      for (std::size_t i = 0; i < r.size(); ++i) a[p][q] += jacobian[i][p] * jacobian[i][q];
    }
    for (std::size_t i = 0; i < r.size(); ++i) a[p][n] += jacobian[i][p] * r[i];
    largest = std::max(largest, a[p][p]);
  }
  if (largest <= 0) return std::vector<double>(n, 0);
  for (std::size_t p = 0; p < n; ++p) a[p][p] += 1e-9 * largest;
  for (std::size_t c = 0; c < n; ++c) {  // Gauss-Jordan; the ridge keeps pivots positive
    for (std::size_t k = n + 1; k-- > c;) a[c][k] /= a[c][c];
    for (std::size_t row = 0; row < n; ++row) {
      if (row == c) continue;
      const double factor = a[row][c];
      for (std::size_t k = c; k <= n; ++k) a[row][k] -= factor * a[c][k];
    }
  }
  std::vector<double> step(n);
  for (std::size_t p = 0; p < n; ++p) step[p] = a[p][n];
  return step;
}

// The fit holds the *mean* of each target at Y's level, over replications without the
// inputs' spread. The forecast reports a median, with the spread: its distribution is
// skewed (a rate cannot fall below zero, so its upper tail is the longer), and its
// median would sit below Y's level, a bias "next year equals this year" does not have.
// So the forecast itself is brought to Y's level: Newton steps on the free parameters,
// starting from the fit's Jacobian and updated by Broyden's rule, until each target's median (Harrell-Davis, which
// moves smoothly) is within kLevelTolerance of the target or the steps run out; the forecast reported is the closest
// one found.
constexpr double kLevelTolerance = 0.00025;  // a fortieth of a percentage point
constexpr int kMostForecasts = 8;

ForecastValues forecast_held_at_level(const ForecastRun& f) {
  std::vector<double> x;
  for (const ParameterFit& p : f.fit.parameters) x.push_back(p.value);
  auto measure_index = [](model::Measure m) {
    const auto& all = backtest_measures();
    for (std::size_t k = 0; k < all.size(); ++k) {
      if (all[k].model_measure == m) return k;
    }
    return all.size();
  };
  auto residuals = [&](const ForecastValues& v) {
    std::vector<double> r;
    for (const TargetFit& t : f.fit.targets) {
      const std::size_t k = measure_index(t.target.measure);
      const double median = k < v.by_measure.size() ? harrell_davis_quantile(v.by_measure[k], 0.5) : t.target.value;
      r.push_back(std::isfinite(median) ? t.target.value - median : 0.0);
    }
    return r;
  };
  auto size_of = [](const std::vector<double>& r) {
    double largest = 0;
    for (const double v : r) largest = std::max(largest, std::abs(v));
    return largest;
  };
  ForecastValues best = run_forecast(f, x);
  std::vector<double> r = residuals(best);
  double best_size = size_of(r);
  std::vector<std::vector<double>> jacobian = f.fit.jacobian;
  double step_scale = 1.0;
  for (int run = 1; run < kMostForecasts && best_size > kLevelTolerance; ++run) {
    const std::vector<double> step = newton_step(jacobian, r);
    std::vector<double> tried = x;
    for (std::size_t j = 0; j < x.size(); ++j) {
      const FreeParameter& p = f.fit.parameters[j].parameter;
      tried[j] = std::clamp(x[j] + step_scale * step[j], p.low, p.high);
    }
    ForecastValues values = run_forecast(f, tried);
    const std::vector<double> tried_r = residuals(values);
    // Broyden's update: the Jacobian learns, along the step taken, how the medians moved
    // (the fit's Jacobian is of means, without the inputs' spread). In each parameter's
    // search range as its unit, so that applicants and days weigh alike.
    double length = 0;
    std::vector<double> unit_step(x.size());
    for (std::size_t j = 0; j < x.size(); ++j) {
      const FreeParameter& p = f.fit.parameters[j].parameter;
      unit_step[j] = (tried[j] - x[j]) / (p.high - p.low);
      length += unit_step[j] * unit_step[j];
    }
    if (length > 0) {
      for (std::size_t i = 0; i < r.size(); ++i) {
        double predicted = 0;
        for (std::size_t j = 0; j < x.size(); ++j) predicted += jacobian[i][j] * (tried[j] - x[j]);
        const double miss = (r[i] - tried_r[i]) - predicted;  // the medians' move, less the predicted
        for (std::size_t j = 0; j < x.size(); ++j) {
          const FreeParameter& p = f.fit.parameters[j].parameter;
          jacobian[i][j] += miss * unit_step[j] / length / (p.high - p.low);
        }
      }
    }
    if (size_of(tried_r) < best_size) {
      best = std::move(values);
      x = tried;
      r = tried_r;
      best_size = size_of(r);
      step_scale = 1.0;
    } else {
      step_scale /= 2;  // overshot: from the best point, half as far
    }
  }
  return best;
}

}  // namespace

const std::vector<BacktestMeasure>& backtest_measures() {
  static const std::vector<BacktestMeasure> measures = {
      {"vacancy_rate", {"vacancy_rate_fte"}, model::Measure::vacancy_rate},
      {"agency_rate", {"agency_rate_headcount", "agency_rate_fte"}, model::Measure::agency_share},
      {"turnover", {"turnover_rate_headcount", "turnover_rate_fte"}, model::Measure::turnover_12m},
  };
  return measures;
}

std::vector<BacktestRow> backtest_council(const import::CswwData& data, const import::CswwRow& from,
                                          const import::CswwRow& to, const BacktestOptions& options, std::string& why) {
  const std::string label = from.name + " " + std::to_string(from.year) + ".yaml";
  std::string fitted;
  CalibrationResult fit;
  try {
    import::BaselineOptions one_year;
    one_year.duration = "12 months";
    const import::Baseline baseline = import::baseline_scenario(data, {&from}, from.year, one_year);
    // Calibrated as docs/validation.md does, by applicants a year and the agency booking
    // delay, so that the year's vacancy rate and agency share hold: here a year on, on
    // 30 September of Y+1, the forecast's date.
    const std::string at = "@" + std::to_string(to.year) + "-09-30";
    std::vector<Target> targets;
    if (auto v = import::fraction(from, {"vacancy_rate_fte"})) {
      targets.push_back(parse_target("vacancy_rate=" + csv_number(v) + at));
    }
    if (auto a = import::fraction(from, backtest_measures()[1].columns)) {
      targets.push_back(parse_target("agency_share=" + csv_number(a) + at));
    }
    if (targets.empty()) {
      why = "no vacancy or agency rate for " + std::to_string(from.year) + " to calibrate to";
      return {};
    }
    std::vector<FreeParameter> free = {
        parse_free("authorities[0].roles[0].recruitment.applicants_per_year", baseline.yaml, label)};
    // The imported applicants come from the year's starters. Where they are under a
    // tenth of the leavers (the search's top, ten times them, below the leavers), a data
    // error is likelier than a year's recruitment (Staffordshire reported 3 starters and
    // 60 leavers in 2017, and 43 starters the next year): the search may then go to ten
    // times the leavers, so that the fit can hold the vacancy rate.
    if (const auto leavers = import::fraction(from, {"leavers_headcount", "leavers_fte"})) {
      const double count = 100 * *leavers;  // fraction() divides by 100
      if (free[0].high < count) free[0].high = 10 * count;
    }
    if (targets.size() > 1) {
      free.push_back(parse_free("authorities[0].roles[0].agency.booking_delay.mean=1:365", baseline.yaml, label));
    }
    CalibrationOptions fitting;
    fitting.replications = options.calibration_replications;
    fitting.seed = options.seed;
    fitting.threads = options.threads;
    fitting.max_evaluations = options.max_evaluations;
    fitting.stop = options.stop;
    fit = calibrate(baseline.yaml, label, targets, free, fitting);
    fitted = fitted_scenario_text(baseline.yaml, fit, "");
  } catch (const import::ImportError& e) {
    why = e.what();
    return {};
  } catch (const CalibrationError& e) {
    why = e.what();
    return {};
  } catch (const scenario::ScenarioError& e) {
    why = e.what();
    return {};
  }

  // The forecast: the fitted council from 1 October of Y to 30 September of Y+1, with
  // its turnover and applicants uncertain by as much as they moved in past years.
  double turnover_sd = 0, applicants_sd = 0;
  std::vector<std::string> settings = {"duration=12 months"};
  if (options.input_spread) {
    const scenario::Scenario central = scenario::load_scenario_text(fitted, label, settings);
    const model::Role& role = central.parameters.authorities[0].roles[0];
    turnover_sd = import::one_year_move(data, from, {"turnover_rate_headcount", "turnover_rate_fte"}, false);
    applicants_sd = import::one_year_move(data, from, {"starters_headcount", "starters_fte"}, true);
    if (turnover_sd > 0) {
      settings.push_back("authorities[0].roles[0].leaving.turnover_per_year=" +
                         spread_text(role.turnover_per_year, turnover_sd));
    }
    if (!std::isfinite(role.recruitment.applicants_per_year)) applicants_sd = 0;
  }
  ForecastRun forecast{fitted, label, settings, fit, applicants_sd, options};
  std::optional<ForecastValues> values;
  try {
    values = forecast_held_at_level(forecast);
  } catch (const scenario::ScenarioError& e) {
    why = std::string("its forecast would not load: ") + e.what();
    return {};
  }

  std::vector<BacktestRow> rows;
  for (std::size_t k = 0; k < backtest_measures().size(); ++k) {
    const BacktestMeasure& m = backtest_measures()[k];
    if (values->by_measure[k].empty()) continue;
    BacktestRow row;
    row.council = from.name;
    row.code = from.code;
    row.region = from.region;
    row.year = to.year;
    row.measure = m.name;
    row.previous = import::fraction(from, m.columns);
    row.reported = import::fraction(to, m.columns);
    row.median = harrell_davis_quantile(values->by_measure[k], 0.5);
    row.p5 = harrell_davis_quantile(values->by_measure[k], 0.05);
    row.p95 = harrell_davis_quantile(values->by_measure[k], 0.95);
    row.turnover_sd = turnover_sd;
    row.applicants_relative_sd = applicants_sd;
    rows.push_back(row);
  }
  return rows;
}

std::vector<BacktestSummary> summarise_backtest(const std::vector<BacktestRow>& rows) {
  std::vector<BacktestSummary> summary;
  for (const BacktestMeasure& m : backtest_measures()) {
    BacktestSummary s;
    s.measure = m.name;
    std::size_t inside = 0, both = 0;
    for (const BacktestRow& r : rows) {
      if (r.measure != m.name || !r.reported) continue;
      ++s.rows;
      inside += *r.reported >= r.p5 && *r.reported <= r.p95;
      if (r.previous) {
        ++both;
        s.model_error += std::abs(r.median - *r.reported);
        s.persistence_error += std::abs(*r.previous - *r.reported);
      }
    }
    if (both > 0) {
      s.model_error *= 100.0 / static_cast<double>(both);
      s.persistence_error *= 100.0 / static_cast<double>(both);
    }
    s.inside_share = s.rows > 0 ? static_cast<double>(inside) / static_cast<double>(s.rows) : 0;
    summary.push_back(s);
  }
  return summary;
}

std::string backtest_csv(const std::vector<BacktestRow>& rows) {
  std::ostringstream out;
  out << "council,code,region,year,measure,previous,reported,median,p5,p95,inside,turnover_sd,applicants_relative_sd\n";
  for (const BacktestRow& r : rows) {
    const bool inside = r.reported && *r.reported >= r.p5 && *r.reported <= r.p95;
    out << csv_text(r.council) << "," << csv_text(r.code) << "," << csv_text(r.region) << "," << r.year << ","
        << r.measure << "," << csv_number(r.previous) << "," << csv_number(r.reported) << "," << csv_number(r.median)
        << "," << csv_number(r.p5) << "," << csv_number(r.p95) << "," << (r.reported ? (inside ? "yes" : "no") : "")
        << "," << csv_number(r.turnover_sd) << "," << csv_number(r.applicants_relative_sd) << "\n";
  }
  return out.str();
}

std::string describe_backtest(const std::vector<BacktestSummary>& summary) {
  std::ostringstream out;
  char line[160];
  std::snprintf(line, sizeof line, "%-14s %8s %22s %26s %16s\n", "measure", "rows", "mean abs. error (pts)",
                "next year = this year (pts)", "inside 90% band");
  out << line;
  for (const BacktestSummary& s : summary) {
    std::snprintf(line, sizeof line, "%-14s %8zu %22.2f %26.2f %15.0f%%\n", s.measure.c_str(), s.rows, s.model_error,
                  s.persistence_error, 100 * s.inside_share);
    out << line;
  }
  return out.str();
}

}  // namespace wfsim::calibrate
