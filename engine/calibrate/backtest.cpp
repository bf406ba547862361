#include "calibrate/backtest.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

#include "calibrate/backtest_table.hpp"
#include "calibrate/calibration.hpp"
#include "calibrate/harrell_davis.hpp"
#include "calibrate/run_in_memory.hpp"
#include "import/baseline_scenario.hpp"
#include "import/council_figures.hpp"
#include "import/year_to_year.hpp"
#include "model/measures.hpp"
#include "output/memory_sink.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"

namespace wfsim::calibrate {

namespace {

std::string spread_text(double mean, double sd) {
  char text[96];
  std::snprintf(text, sizeof text, "{mean: %.9g, sd: %.9g}", mean, sd);
  return text;
}

// The agency booking delay's range. The fit searches up to a year, as docs/validation.md
// recommends. Held at level, the forecast may go to ten years: a council with many
// vacancies and almost no agency staff (Kirklees in 2020: 8% and 0.3%) is one that
// seldom books agency cover at all, and with the delay at a year a quarter of its
// vacancies would be covered within three months. The search there is bracketed, so
// the long flat stretch that misled the fit's simplex does no harm.
constexpr int kLongestFittedDelay = 365;
constexpr double kLongestHeldDelay = 3650;

// A forecast of the fitted council, with its free parameters set to chosen values.
struct ForecastRun {
  const std::string& fitted;
  const std::string& label;
  const std::vector<std::string>& settings;  // the run's length and the turnover's spread
  const CalibrationResult& fit;
  double applicants_relative_sd;  // 0: applicants a year known exactly
  const BacktestOptions& options;
  std::vector<double> highest;  // each free parameter's top when held at level
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
  const output::MemorySink sink =
      run_in_memory(forecast, {f.options.seed, f.options.replications, f.options.threads, f.options.stop});
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

// The fit holds the *mean* of each target at Y's level, over replications without the
// inputs' spread. The forecast reports a median, with the spread: its distribution is
// skewed (a rate cannot fall below zero, so its upper tail is the longer), and its
// median would sit below Y's level, a bias "next year equals this year" does not have.
// The fit can also stop short where its objective is flat: a council whose applicants
// fill every post at once has a vacancy rate of zero for any larger number of them.
//
// So the forecast itself is brought to Y's level, one target at a time by the free
// parameter paired with it: the vacancy rate by applicants a year, then the agency
// share by the booking delay (or by applicants, where it is the only target). The
// vacancy rate does not move with the booking delay, which decides who covers a vacant
// post and not whether a permanent worker fills it, so one pass settles both; a second
// runs only where a target is still off after the first (its search ran out of
// forecasts). Agency workers taking permanent posts would couple the two, but
// council_baseline writes no conversion_per_year, so the councils here convert none. Each target's
// median (Harrell-Davis, which moves smoothly with the replications' values) falls as
// its parameter rises, so the root is bracketed over the parameter's whole search range
// and found by the Illinois rule, safe where Newton steps on a flat stretch were not.
// At most 1 + kMostPasses x 2 targets x kMostForecastsPerTarget = 49 forecasts a
// council-year; most stop far sooner (every council, 2017 to 2023, took 779 s in all).
constexpr int kMostForecastsPerTarget = 12;
constexpr int kMostPasses = 2;

class LevelHolder {
 public:
  explicit LevelHolder(const ForecastRun& f) : f_(f) {
    std::vector<double> x;
    for (const ParameterFit& p : f.fit.parameters) x.push_back(p.value);
    best_ = evaluate(x);
    current_x_ = best_.x;
    current_r_ = best_.residuals;
  }

  ForecastValues hold() {
    const std::size_t pairs = std::min(f_.fit.targets.size(), current_x_.size());
    for (int pass = 0; pass < kMostPasses && largest(current_r_) > kLevelTolerance; ++pass) {
      for (std::size_t i = 0; i < pairs; ++i) solve(i);
    }
    return std::move(best_.values);
  }

 private:
  struct Trial {
    std::vector<double> x;
    ForecastValues values;
    std::vector<double> residuals;  // each target's median less its level
  };

  static double largest(const std::vector<double>& r) {
    double size = 0;
    for (const double v : r) size = std::max(size, std::abs(v));
    return size;
  }

  static double total(const std::vector<double>& r) {
    double sum = 0;
    for (const double v : r) sum += std::abs(v);
    return sum;
  }

  std::size_t measure_index(model::Measure m) const {
    const auto& all = backtest_measures();
    for (std::size_t k = 0; k < all.size(); ++k) {
      if (all[k].model_measure == m) return k;
    }
    return all.size();
  }

  Trial evaluate(const std::vector<double>& x) {
    Trial t{x, run_forecast(f_, x), {}};
    for (const TargetFit& target : f_.fit.targets) {
      const std::size_t k = measure_index(target.target.measure);
      const double median = k < t.values.by_measure.size() && !t.values.by_measure[k].empty()
                                ? harrell_davis_quantile(t.values.by_measure[k], 0.5)
                                : target.target.value;
      // No median (no replication has a value): a trial that can never be the one kept,
      // and where the search stops.
      t.residuals.push_back(std::isfinite(median) ? median - target.target.value
                                                  : std::numeric_limits<double>::infinity());
    }
    return t;
  }

  // Parameter j on a log scale where its range is positive (both of the backtest's are:
  // applicants a year from a tenth to ten times the imported figure, a booking delay from
  // 1 day to 10 years), so that the range is searched evenly in proportion.
  bool logarithmic(std::size_t j) const { return f_.fit.parameters[j].parameter.low > 0; }
  double to_scale(std::size_t j, double v) const { return logarithmic(j) ? std::log(v) : v; }
  double from_scale(std::size_t j, double u) const { return logarithmic(j) ? std::exp(u) : u; }

  // g(u) = target i's median less its level, at parameter j's scaled value u, the others
  // held. The trial closest to target i's level becomes the point the next target's
  // search starts from; the forecast reported is the one whose targets end closest in all.
  double at(std::size_t i, std::size_t j, double u) {
    std::vector<double> x = current_x_;
    x[j] = from_scale(j, u);
    Trial t = evaluate(x);
    const double g = t.residuals[i];
    if (std::abs(g) < std::abs(closest_g_)) {
      closest_g_ = g;
      closest_x_ = t.x;
      closest_r_ = t.residuals;
    }
    if (total(t.residuals) < total(best_.residuals)) best_ = std::move(t);
    return g;
  }

  void solve(std::size_t i) {
    const std::size_t j = i;  // the pairs, in the order the fit lists them
    const FreeParameter& p = f_.fit.parameters[j].parameter;
    const double u_low = to_scale(j, p.low), u_high = to_scale(j, f_.highest[j]);
    double u = to_scale(j, current_x_[j]);
    double g = current_r_[i];
    if (std::abs(g) <= kLevelTolerance || !std::isfinite(g)) return;
    closest_g_ = g;
    closest_x_ = current_x_;
    closest_r_ = current_r_;
    search(i, j, u, g, u_low, u_high);
    current_x_ = closest_x_;
    current_r_ = closest_r_;
  }

  void search(std::size_t i, std::size_t j, double u, double g, double u_low, double u_high) {
    const FreeParameter& p = f_.fit.parameters[j].parameter;
    const double x = from_scale(j, u);
    int runs = 0;
    // Bracket: the median falls as the parameter rises, so a median above its level
    // asks for more. The fit's slope sizes the first step when it has the right sign;
    // each further step doubles, to the range's end. A first step is at most a factor
    // of 4 (on a linear scale, half the range), by default a factor of 2 (an eighth).
    const double slope = f_.fit.jacobian.empty() ? 0 : f_.fit.jacobian[i][j];
    const double longest_first = logarithmic(j) ? std::log(4.0) : (u_high - u_low) / 2;
    double step = logarithmic(j) ? std::log(2.0) : (u_high - u_low) / 8;
    if (slope < 0) {
      const double dx = -g / slope;
      const double du = logarithmic(j) ? std::log(std::max(x + dx, p.low) / x) : dx;
      const double shortest_first = logarithmic(j) ? 1e-3 : 1e-3 * (u_high - u_low);
      if (std::isfinite(du) && std::abs(du) > shortest_first) step = std::min(std::abs(du), longest_first);
    }
    double u_above = u, g_above = g, u_below = u, g_below = g;  // g > 0 and g < 0 ends
    const double direction = g > 0 ? 1.0 : -1.0;
    while (runs < kMostForecastsPerTarget) {
      const double end = direction > 0 ? u_high : u_low;
      const double next = direction > 0 ? std::min(u + step, end) : std::max(u - step, end);
      if (next == u) return;  // at the range's end, the closest it can come
      const double g_next = at(i, j, next);
      ++runs;
      if (std::abs(g_next) <= kLevelTolerance || !std::isfinite(g_next)) return;
      if ((g_next > 0) == (g > 0)) {
        u = next;
        g = g_next;
        step *= 2;
        continue;
      }
      if (g > 0) {
        u_above = u, g_above = g, u_below = next, g_below = g_next;
      } else {
        u_above = next, g_above = g_next, u_below = u, g_below = g;
      }
      break;
    }
    if ((g_above > 0) == (g_below > 0)) return;  // no bracket within the runs allowed
    // Illinois: regula falsi, halving the value kept at an end that stays twice running.
    int kept_side = 0;
    while (runs < kMostForecastsPerTarget && std::abs(u_below - u_above) > 1e-6) {
      const double next = (u_above * g_below - u_below * g_above) / (g_below - g_above);
      const double g_next = at(i, j, next);
      ++runs;
      if (std::abs(g_next) <= kLevelTolerance || !std::isfinite(g_next)) return;
      if (g_next > 0) {
        u_above = next, g_above = g_next;
        if (kept_side == -1) g_below /= 2;
        kept_side = -1;
      } else {
        u_below = next, g_below = g_next;
        if (kept_side == 1) g_above /= 2;
        kept_side = 1;
      }
    }
  }

  const ForecastRun& f_;
  Trial best_;                     // the forecast to report
  std::vector<double> current_x_;  // where the next target's search starts
  std::vector<double> current_r_;
  double closest_g_ = 0;  // the current search's closest trial
  std::vector<double> closest_x_;
  std::vector<double> closest_r_;
};

ForecastValues forecast_held_at_level(const ForecastRun& f) { return LevelHolder(f).hold(); }

}  // namespace

const std::vector<BacktestMeasure>& backtest_measures() {
  static const std::vector<BacktestMeasure> measures = {
      {"vacancy_rate", {"vacancy_rate_fte"}, model::Measure::vacancy_rate},
      {"agency_rate", {"agency_rate_headcount", "agency_rate_fte"}, model::Measure::agency_share},
      {"turnover", {"turnover_rate_headcount", "turnover_rate_fte"}, model::Measure::turnover_12m},
  };
  return measures;
}

namespace {

// The council of year Y fitted to its own vacancy rate and agency share, held a year on
// (on 30 September of Y+1), by applicants a year and the agency booking delay, as
// docs/validation.md does; the fitted scenario's text. Empty, with the reason in `why`,
// where there is nothing to fit to or from.
struct FittedCouncil {
  CalibrationResult fit;
  std::string scenario;
};

std::optional<FittedCouncil> fit_council(const import::CswwData& data, const import::CswwRow& from,
                                         const import::CswwRow& to, const std::string& label,
                                         const BacktestOptions& options, std::string& why) {
  import::BaselineOptions one_year;
  one_year.duration = "12 months";
  const import::Baseline baseline = import::baseline_scenario(data, {&from}, from.year, one_year);
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
    return std::nullopt;
  }
  const std::string applicants = "authorities[0].roles[0].recruitment.applicants_per_year";
  // Fitted between a tenth and ten times the imported figure, which the year's
  // starters give: a council with none (the City of London, the Isles of Scilly in
  // some years) has nothing to fit from. Read with bounds given, so none is needed.
  if (!(parse_free(applicants + "=0:1", baseline.yaml, label).initial > 0)) {
    why = "no permanent starters in the year to September " + std::to_string(from.year) +
          ", so no applicants a year to fit from";
    return std::nullopt;
  }
  std::vector<FreeParameter> free = {parse_free(applicants, baseline.yaml, label)};
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
    free.push_back(
        parse_free("authorities[0].roles[0].agency.booking_delay.mean=1:" + std::to_string(kLongestFittedDelay),
                   baseline.yaml, label));
  }
  CalibrationOptions fitting;
  fitting.replications = options.calibration_replications;
  fitting.seed = options.seed;
  fitting.threads = options.threads;
  fitting.max_evaluations = options.max_evaluations;
  fitting.stop = options.stop;
  FittedCouncil fitted;
  fitted.fit = calibrate(baseline.yaml, label, targets, free, fitting);
  fitted.scenario = fitted_scenario_text(baseline.yaml, fitted.fit, "");
  return fitted;
}

// The forecast's settings: the fitted council from 1 October of Y to 30 September of
// Y+1, with its turnover and applicants uncertain by as much as they moved in past years.
struct ForecastInputs {
  std::vector<std::string> settings = {"duration=12 months"};
  double turnover_sd = 0, applicants_sd = 0;  // 0: known exactly
};

ForecastInputs forecast_inputs(const import::CswwData& data, const import::CswwRow& from, const FittedCouncil& fitted,
                               const std::string& label, const BacktestOptions& options) {
  ForecastInputs in;
  if (!options.input_spread) return in;
  const scenario::Scenario central = scenario::load_scenario_text(fitted.scenario, label, in.settings);
  const model::Role& role = central.parameters.authorities[0].roles[0];
  in.turnover_sd = import::one_year_move(data, from, {"turnover_rate_headcount", "turnover_rate_fte"}, false).sd;
  in.applicants_sd = import::one_year_move(data, from, {"starters_headcount", "starters_fte"}, true).sd;
  if (in.turnover_sd > 0) {
    in.settings.push_back("authorities[0].roles[0].leaving.turnover_per_year=" +
                          spread_text(role.turnover_per_year, in.turnover_sd));
  }
  if (!std::isfinite(role.recruitment.applicants_per_year)) in.applicants_sd = 0;
  return in;
}

// A row for each measure the forecast gave values of.
std::vector<BacktestRow> forecast_rows(const ForecastValues& values, const import::CswwRow& from,
                                       const import::CswwRow& to, double turnover_sd, double applicants_sd) {
  std::vector<BacktestRow> rows;
  for (std::size_t k = 0; k < backtest_measures().size(); ++k) {
    const BacktestMeasure& m = backtest_measures()[k];
    if (values.by_measure[k].empty()) continue;
    BacktestRow row;
    // The authority as the year forecast names it: the same as the year before's, but
    // for a code changed with the area unchanged (Buckinghamshire's in 2020).
    row.council = to.name;
    row.code = to.code;
    row.region = to.region;
    row.year = to.year;
    row.measure = m.name;
    row.previous = import::fraction(from, m.columns);
    row.reported = import::fraction(to, m.columns);
    // Manchester's, Oldham's and Lewisham's turnover of 0 in 2022, with 426, 160 and 145
    // in post: no figure to score a forecast against, nor to call last year's.
    if (m.model_measure == model::Measure::turnover_12m) {
      if (import::turnover_is_gap(from)) row.previous.reset();
      if (import::turnover_is_gap(to)) row.reported.reset();
    }
    row.median = harrell_davis_quantile(values.by_measure[k], 0.5);
    row.p5 = harrell_davis_quantile(values.by_measure[k], 0.05);
    row.p95 = harrell_davis_quantile(values.by_measure[k], 0.95);
    row.turnover_sd = turnover_sd;
    row.applicants_relative_sd = applicants_sd;
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

std::vector<BacktestRow> backtest_council(const import::CswwData& data, const import::CswwRow& from,
                                          const import::CswwRow& to, const BacktestOptions& options, std::string& why) {
  const std::string label = from.name + " " + std::to_string(from.year) + ".yaml";
  std::optional<FittedCouncil> fitted;
  try {
    fitted = fit_council(data, from, to, label, options, why);
  } catch (const import::ImportError& e) {
    why = e.what();
  } catch (const CalibrationError& e) {
    why = e.what();
  } catch (const scenario::ScenarioError& e) {
    why = e.what();
  }
  if (!fitted) return {};
  const ForecastInputs in = forecast_inputs(data, from, *fitted, label, options);
  ForecastRun forecast{fitted->scenario, label, in.settings, fitted->fit, in.applicants_sd, options, {}};
  for (const ParameterFit& p : fitted->fit.parameters) {
    // Held at level, the booking delay may go further than the fit's top.
    forecast.highest.push_back(p.parameter.key.ends_with("booking_delay.mean") ? kLongestHeldDelay : p.parameter.high);
  }
  std::optional<ForecastValues> values;
  try {
    values = forecast_held_at_level(forecast);
  } catch (const scenario::ScenarioError& e) {
    why = std::string("its forecast would not load: ") + e.what();
    return {};
  }
  return forecast_rows(*values, from, to, in.turnover_sd, in.applicants_sd);
}

}  // namespace wfsim::calibrate
