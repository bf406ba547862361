#include "calibrate/calibration.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <iomanip>
#include <limits>
#include <nlopt.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "calibrate/backtest.hpp"
#include "calibrate/fit_covariance.hpp"
#include "calibrate/number_text.hpp"
#include "calibrate/run_in_memory.hpp"
#include "kernel/calendar.hpp"
#include "model/runaway_error.hpp"
#include "output/memory_sink.hpp"
#include "scenario/extends.hpp"
#include "scenario/name_characters.hpp"
#include "scenario/overrides.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/suggest.hpp"

namespace wfsim::calibrate {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kNearBound = 0.01;      // of a free parameter's range, from either end
constexpr double kPressingBound = 0.05;  // with the objective falling towards that end

// The simulated estimate of each target: its mean and standard error over replications.
struct Estimate {
  std::vector<double> mean;
  std::vector<double> standard_error;
  Matrix covariance;             // of the means, over the same replications
  std::vector<FlowAtFit> flows;  // CalibrationResult::flows
};

class Evaluator {
 public:
  Evaluator(const std::string& text, const std::string& file, const std::vector<Target>& targets,
            const std::vector<FreeParameter>& free, const CalibrationOptions& options)
      : text_(text), file_(file), targets_(targets), free_(free), options_(options) {}

  Estimate operator()(const std::vector<double>& x) {
    std::vector<std::string> overrides = options_.overrides;
    std::vector<std::string> origins(overrides.size(), "--set");
    for (std::size_t j = 0; j < free_.size(); ++j) {
      overrides.push_back(free_[j].key + "=" + number_text(x[j]) + (free_[j].unit.empty() ? "" : " " + free_[j].unit));
      origins.emplace_back("--free");  // a value the fit tried, in the range --free gave
    }
    const scenario::Scenario s = scenario::load_scenario_text(text_, file_, overrides, origins);
    try {
      const output::MemorySink sink =
          run_in_memory(s, {options_.seed, options_.replications, options_.threads, options_.stop});
      ++evaluations;
      return estimate(sink);
    } catch (const model::RunawayError& e) {
      // The range --free gave holds values whose rates run away: say which was tried.
      std::string tried;
      for (std::size_t j = 0; j < free_.size(); ++j) {
        tried += (j == 0 ? "" : ", ") + overrides[overrides.size() - free_.size() + j];
      }
      throw model::RunawayError("at --free " + tried + " (a value the fit tried; narrow the range): " + e.what());
    }
  }

  int evaluations = 0;
  std::string row_name;

 private:
  std::size_t row_index(const output::RunDescription& run) {
    const auto& rows = run.authorities;
    if (options_.authority.empty()) {
      row_name = rows.back();  // the Region row when there are several authorities
      return rows.size() - 1;
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i] == options_.authority) {
        row_name = rows[i];
        return i;
      }
    }
    std::string suggestion = scenario::did_you_mean(options_.authority, rows);
    if (suggestion.empty()) {
      // Nothing close: list them (the first 20 of England's 150 or so).
      constexpr std::size_t kListed = 20;
      suggestion = "; they are ";
      for (std::size_t i = 0; i < rows.size() && i < kListed; ++i) suggestion += (i ? ", " : "") + rows[i];
      if (rows.size() > kListed) suggestion += " and " + std::to_string(rows.size() - kListed) + " more";
    }
    throw CalibrationError("no authority named '" + options_.authority + "' in the results" + suggestion);
  }

  // The period a dated target refers to: the one containing the date.
  std::size_t period_of(const Target& t, const output::RunDescription& run) {
    const auto& ends = run.period_end_days;
    const std::int64_t first_day = run.scenario ? run.scenario->parameters.report_start_day : INT64_MIN;
    if (const auto k = kernel::period_containing(*t.date_day, first_day, ends)) return *k;
    const std::string from = run.scenario ? kernel::format_iso_date(first_day) + " to" : "up to";
    throw CalibrationError("target '" + t.text + "': the date is outside the reported periods (" + from + " " +
                           kernel::format_iso_date(ends.back() - 1) + ")");
  }

  Estimate estimate(const output::MemorySink& sink) {
    const auto& run = sink.run();
    const std::size_t row = row_index(run);
    Estimate e;
    std::vector<std::vector<double>> by_replication;  // NaN where undefined
    for (const Target& t : targets_) {
      std::vector<double> values;
      std::vector<double>& all = by_replication.emplace_back();
      for (const auto& table : sink.replications) {
        double value = 0;
        if (t.date_day) {
          value = table.at(t.measure, row, period_of(t, run));
        } else {
          double total = 0;
          std::size_t periods = 0;
          for (std::size_t k = 0; k < table.periods(); ++k) {
            const double v = table.at(t.measure, row, k);
            if (!std::isnan(v)) total += v, ++periods;
          }
          value = periods ? total / static_cast<double>(periods) : kNaN;
        }
        all.push_back(value);
        if (!std::isnan(value)) values.push_back(value);
      }
      if (values.size() < 2) {
        throw CalibrationError("target '" + t.text + "': the measure has no value there in the simulation" +
                               (t.measure == model::Measure::turnover_12m ? " (turnover_12m needs 12 months)" : ""));
      }
      const auto [mean, error] = mean_and_error(values);
      e.mean.push_back(mean);
      e.standard_error.push_back(error);
    }
    e.covariance = covariance_of_means(by_replication);
    e.flows = flows_not_targeted(sink, row);
    return e;
  }

  // Permanent starters and leavers a year, summed over the reported periods, unless a
  // target is of them.
  std::vector<FlowAtFit> flows_not_targeted(const output::MemorySink& sink, std::size_t row) const {
    const auto& run = sink.run();
    std::vector<FlowAtFit> flows;
    if (run.scenario == nullptr || run.period_end_days.empty() || sink.replications.empty()) return flows;
    const double years =
        static_cast<double>(run.period_end_days.back() - run.scenario->parameters.report_start_day) / 365.25;
    for (const model::Measure m : {model::Measure::starters_permanent, model::Measure::leavers_permanent}) {
      if (std::any_of(targets_.begin(), targets_.end(), [m](const Target& t) { return t.measure == m; })) continue;
      std::vector<double> per_year;
      for (const auto& table : sink.replications) {
        double total = 0;
        for (std::size_t k = 0; k < table.periods(); ++k) total += table.at(m, row, k);
        per_year.push_back(total / years);
      }
      const auto [mean, error] = mean_and_error(per_year);
      flows.push_back(FlowAtFit{m, mean, error});
    }
    return flows;
  }

  const std::string& text_;
  const std::string& file_;
  const std::vector<Target>& targets_;
  const std::vector<FreeParameter>& free_;
  const CalibrationOptions& options_;
};

double scale_of(const Target& t) {
  if (t.sd > 0) return t.sd;
  return t.value != 0 ? std::abs(t.value) : 1.0;
}

// The measure a target names, into `t`; its units. A DfE figure as backtest names it is
// told the model's measure for it, rather than the nearest spelling.
std::string_view read_target_measure(const std::string& text, const std::string& name, Target& t) {
  std::vector<std::string> names;
  for (const auto& m : model::kMeasures) {
    names.emplace_back(m.name);
    if (m.name == name) {
      t.measure = m.measure;
      return m.units;
    }
  }
  for (const BacktestMeasure& b : backtest_measures()) {
    if (name == b.name) {
      throw CalibrationError("target '" + text + "': '" + name +
                             "' is the DfE's figure, as wfsim backtest names it; the model's measure for it is '" +
                             std::string(model::info(b.model_measure).name) + "'");
    }
  }
  throw CalibrationError("target '" + text + "': no measure named '" + name + "'" +
                         scenario::did_you_mean(name, names) + "; see docs/output-format.md");
}

// A target's @DATE and +-SD, read from `rest` (what follows '=') into `t`, in either
// order: '0.1+-0.01@2020-06-01' was read as an uncertainty of '0.01@2020-06-01', "not a
// number > 0" (a CLI audit). Returns the value's text, before both.
std::string read_date_and_uncertainty(const std::string& text, const std::string& rest, Target& t) {
  std::size_t plus_minus_at = std::string::npos, plus_minus_size = 0;
  for (const std::string plus_minus : {"+-", "\u00b1"}) {
    if (const auto p = rest.find(plus_minus); p != std::string::npos) {
      plus_minus_at = p;
      plus_minus_size = plus_minus.size();
    }
  }
  const std::size_t date_at = rest.find('@');
  // The text from `from` to the other marker, if it comes later, or to the end.
  auto part = [&rest](std::size_t from, std::size_t other) {
    return rest.substr(from, (other != std::string::npos && other > from ? other : rest.size()) - from);
  };
  if (plus_minus_at != std::string::npos) {
    const auto sd = parse_number(part(plus_minus_at + plus_minus_size, date_at));
    if (!sd || *sd <= 0) throw CalibrationError("target '" + text + "': the +- uncertainty must be a number > 0");
    t.sd = *sd;
  }
  if (date_at != std::string::npos) {
    const std::string written = part(date_at + 1, plus_minus_at);
    const auto date = kernel::parse_iso_date(written);
    if (!date) {
      const std::string problem = kernel::iso_date_problem(written);
      throw CalibrationError(
          "target '" + text + "': " +
          (problem.empty() ? "expected a date YYYY-MM-DD after '@'" : "'" + written + "' is not a date: " + problem));
    }
    t.date_day = kernel::days_from_civil(*date);
  }
  return rest.substr(0, std::min(plus_minus_at, date_at));
}

}  // namespace

Target parse_target(const std::string& text) {
  Target t;
  t.text = text;
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw CalibrationError("target '" + text + "': expected MEASURE=VALUE[@DATE][+-SD], such as vacancy_rate=0.163");
  }
  const std::string name = text.substr(0, eq);
  const std::string_view units = read_target_measure(text, name, t);
  const std::string written = read_date_and_uncertainty(text, text.substr(eq + 1), t);
  const auto value = parse_number(written);
  if (!value) throw CalibrationError("target '" + text + "': '" + written + "' is not a number");
  // No measure is negative, and a share is at most 1: a target past them cannot be met.
  // Turnover can pass 1 (a 95th percentile of 120% in a reviewer's run), but no council's
  // reaches 2 (the data's highest is 100%): 16.6 is a percentage, which was fitted as
  // 166% a year with no more than "NOT MET" said (an audit).
  if (*value < 0) throw CalibrationError("target '" + text + "': " + name + " is never negative");
  const bool turnover = t.measure == model::Measure::turnover_12m;
  constexpr double kMostTurnover = 2.0;  // a year: twice the data's highest
  if (units == "fraction" && *value > (turnover ? kMostTurnover : 1.0)) {
    throw CalibrationError("target '" + text + "': " + name +
                           (turnover ? " is a fraction a year: " + number_text(*value) + " would be " +
                                           number_text(*value * 100) + "% a year, more than any council's (" +
                                           number_text(*value / 100) + " for " + number_text(*value) + "%)"
                                     : " is a fraction from 0 to 1 (0.2 for 20%)"));
  }
  t.value = *value;
  return t;
}

namespace {

// The optimiser works on [0, 1] per parameter, so parameters of any scale are alike.
std::vector<double> to_x(const std::vector<FreeParameter>& free, const std::vector<double>& u) {
  std::vector<double> x(free.size());
  for (std::size_t j = 0; j < free.size(); ++j) x[j] = free[j].low + u[j] * (free[j].high - free[j].low);
  return x;
}

// Where a parameter's search starts, on the same unit scale: its file's value.
double unit_start(const FreeParameter& p) { return (p.initial - p.low) / (p.high - p.low); }

double objective_of(const std::vector<Target>& targets, const Estimate& e) {
  double sum = 0;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const double r = (e.mean[i] - targets[i].value) / scale_of(targets[i]);
    sum += r * r;
  }
  return sum;
}

struct SearchEnd {
  std::vector<double> best;  // on the unit scale
  bool at_limit = false;     // stopped by --max-evaluations, not by its tolerance
};

// NLopt's bounded Subplex from the parameters' starting values: the best point found,
// and whether the evaluations ran out before the tolerance was met.
SearchEnd search(Evaluator& evaluate, const std::vector<Target>& targets, const std::vector<FreeParameter>& free,
                 const CalibrationOptions& options) {
  nlopt::opt optimiser(nlopt::LN_SBPLX, static_cast<unsigned>(free.size()));
  optimiser.set_lower_bounds(0.0);
  optimiser.set_upper_bounds(1.0);
  optimiser.set_maxeval(options.max_evaluations);
  optimiser.set_xtol_abs(1e-4);
  optimiser.set_ftol_abs(1e-10);
  optimiser.set_initial_step(0.1);
  // NLopt calls back through a plain function; the data pointer carries the objective.
  // NLopt turns any exception from the objective into a bare "nlopt failure"; keep the
  // first one (a bad value, an interruption) and rethrow it with its own message.
  std::exception_ptr failure;
  // The best point is the first that did best, the start first of all (Subplex's first
  // evaluation is its starting point, sbplx.c): where the targets do not move (a key
  // with no effect on them) every point ties, and the point Subplex ended on, written
  // as fitted, moved that key and with it the scenario's other results for nothing (an
  // audit: an agency rate of 44 written as 49.4).
  const std::size_t n = free.size();
  std::vector<double> u(n);
  for (std::size_t j = 0; j < n; ++j) u[j] = unit_start(free[j]);
  std::vector<double> first_best = u;
  double first_best_value = std::numeric_limits<double>::infinity();
  std::function<double(const std::vector<double>&)> objective = [&](const std::vector<double>& unit) {
    if (failure) return 0.0;
    try {
      const double value = objective_of(targets, evaluate(to_x(free, unit)));
      if (options.progress) options.progress(evaluate.evaluations, value);
      if (value < first_best_value) {
        first_best_value = value;
        first_best = unit;
      }
      return value;
    } catch (...) {
      failure = std::current_exception();
      optimiser.force_stop();
      return 0.0;
    }
  };
  optimiser.set_min_objective(
      [](unsigned dims, const double* unit, double*, void* data) {
        return (*static_cast<std::function<double(const std::vector<double>&)>*>(data))(
            std::vector<double>(unit, unit + dims));
      },
      &objective);
  double best = 0;
  bool at_limit = false;
  try {
    at_limit = optimiser.optimize(u, best) == nlopt::MAXEVAL_REACHED;
  } catch (const nlopt::roundoff_limited&) {
    // Converged as far as the objective's resolution allows; u holds the best point.
  } catch (const nlopt::forced_stop&) {
    // Only our objective forces a stop, after keeping its exception.
  }
  if (failure) std::rethrow_exception(failure);
  return {first_best, at_limit};
}

// The Jacobian of the targets' means in the parameters at `u`, by central differences
// (one-sided at a bound).
std::vector<std::vector<double>> jacobian_at(Evaluator& evaluate, const std::vector<double>& u,
                                             const std::vector<FreeParameter>& free, std::size_t targets) {
  std::vector<std::vector<double>> jacobian(targets, std::vector<double>(free.size(), 0));
  for (std::size_t j = 0; j < free.size(); ++j) {
    const double h = 0.02;
    std::vector<double> up = u, down = u;
    up[j] = std::min(1.0, u[j] + h);
    down[j] = std::max(0.0, u[j] - h);
    const Estimate eu = evaluate(to_x(free, up)), ed = evaluate(to_x(free, down));
    const double dx = (up[j] - down[j]) * (free[j].high - free[j].low);
    for (std::size_t i = 0; i < targets; ++i) jacobian[i][j] = (eu.mean[i] - ed.mean[i]) / dx;
  }
  return jacobian;
}

// The parameters' covariance (fit_covariance.hpp): the search's weights, and the
// targets' errors as the means' Monte Carlo covariance (targets of one run are
// correlated: a council short of staff has both more vacancies and more agency) plus
// each target's stated variance.
// Keys that move no target (their Jacobian column all 0) are left out and have none:
// kept in, they made J'WJ singular and every key's error undetermined, the others' too
// (applicants a year fitted beside an agency rate against two targets, a review).
Matrix covariance_of(const Matrix& jacobian, const Estimate& at_best, const std::vector<Target>& targets) {
  std::vector<double> weights;
  Matrix errors = at_best.covariance;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    weights.push_back(1 / (scale_of(targets[i]) * scale_of(targets[i])));
    errors[i][i] += targets[i].sd * targets[i].sd;
  }
  const std::size_t keys = jacobian.empty() ? 0 : jacobian.front().size();
  std::vector<std::size_t> moving;
  for (std::size_t j = 0; j < keys; ++j) {
    if (std::any_of(jacobian.begin(), jacobian.end(), [&](const auto& row) { return row[j] != 0; }))
      moving.push_back(j);
  }
  if (moving.size() == keys) return parameter_covariance(jacobian, weights, errors);
  Matrix reduced(jacobian.size(), std::vector<double>(moving.size()));
  for (std::size_t i = 0; i < jacobian.size(); ++i) {
    for (std::size_t k = 0; k < moving.size(); ++k) reduced[i][k] = jacobian[i][moving[k]];
  }
  const Matrix part = moving.empty() ? Matrix{} : parameter_covariance(reduced, weights, errors);
  if (part.empty()) return {};
  Matrix full(keys, std::vector<double>(keys, 0.0));
  for (std::size_t a = 0; a < moving.size(); ++a) {
    for (std::size_t b = 0; b < moving.size(); ++b) full[moving[a]][moving[b]] = part[a][b];
  }
  return full;
}

// A key that moves no target at the fit (its Jacobian column all 0: on common random
// numbers, no effect is exactly none) is put back to its start where that fits as well.
// Fitted beside keys that do move them, Subplex carried it along (an agency rate of 45
// written as 54.1 beside applicants a year), moving the scenario's other results for
// nothing (a review). `at_best` and `jacobian` are worked out again at the point kept.
void put_back_keys_without_effect(Evaluator& evaluate, const std::vector<Target>& targets,
                                  const std::vector<FreeParameter>& free, std::vector<double>& u, Estimate& at_best,
                                  std::vector<std::vector<double>>& jacobian) {
  std::vector<double> back = u;
  bool moved = false;
  for (std::size_t j = 0; j < free.size(); ++j) {
    const bool no_effect = std::all_of(jacobian.begin(), jacobian.end(), [&](const auto& row) { return row[j] == 0; });
    const double start = unit_start(free[j]);
    if (no_effect && back[j] != start) {
      back[j] = start;
      moved = true;
    }
  }
  if (!moved) return;
  const Estimate there = evaluate(to_x(free, back));
  if (objective_of(targets, there) > objective_of(targets, at_best)) return;
  u = back;
  at_best = there;
  jacobian = jacobian_at(evaluate, u, free, targets.size());
}

}  // namespace

bool held_by_bound(double u, double objective_slope) {
  // The search stops within its tolerance of where the objective stops falling, which
  // for a target out of reach is a little inside the bound (79.5 of [10, 80]), never on
  // it; and sometimes further in (Kirklees 2020's booking delay ended 1.8% from its end
  // with both targets missed), where only the slope tells a bound from an optimum.
  if (u < kNearBound || u > 1 - kNearBound) return true;
  return (u < kPressingBound && objective_slope > 0) || (u > 1 - kPressingBound && objective_slope < 0);
}

CalibrationResult calibrate(const std::string& scenario_text, const std::string& file,
                            const std::vector<Target>& targets, const std::vector<FreeParameter>& free,
                            const CalibrationOptions& options) {
  if (targets.empty()) throw CalibrationError("give at least one --target");
  if (free.empty()) throw CalibrationError("give at least one --free parameter");
  check_free_ranges(scenario_text, file, free, options.overrides);
  Evaluator evaluate(scenario_text, file, targets, free, options);
  const SearchEnd end = search(evaluate, targets, free, options);
  std::vector<double> u = end.best;
  const int search_evaluations = evaluate.evaluations;

  CalibrationResult result;
  Estimate at_best = evaluate(to_x(free, u));
  // Uncertainty: the parameters' covariance from the Jacobian and the targets' variances.
  result.jacobian = jacobian_at(evaluate, u, free, targets.size());
  put_back_keys_without_effect(evaluate, targets, free, u, at_best, result.jacobian);
  const std::vector<double> x = to_x(free, u);
  result.row = evaluate.row_name;
  result.objective = objective_of(targets, at_best);
  for (std::size_t i = 0; i < targets.size(); ++i) {
    result.targets.push_back(
        TargetFit{targets[i], at_best.mean[i], at_best.standard_error[i], at_best.mean[i] - targets[i].value});
  }
  const auto covariance = covariance_of(result.jacobian, at_best, targets);
  for (std::size_t j = 0; j < free.size(); ++j) {
    // d/du of the sum of (r_i / scale_i)^2: 2 r_i / scale_i^2 times d mean_i / du.
    double slope = 0;
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const double scale = scale_of(targets[i]);
      slope += 2 * (at_best.mean[i] - targets[i].value) / (scale * scale) * result.jacobian[i][j] *
               (free[j].high - free[j].low);
    }
    ParameterFit fit{free[j], x[j], kNaN, slope, held_by_bound(u[j], slope)};
    if (!covariance.empty() && covariance[j][j] > 0) fit.standard_error = std::sqrt(covariance[j][j]);
    result.parameters.push_back(fit);
  }
  result.flows = at_best.flows;
  result.evaluations = evaluate.evaluations;
  result.search_evaluations = search_evaluations;
  result.stopped_at_limit = end.at_limit;
  result.max_evaluations = options.max_evaluations;
  return result;
}

double TargetFit::residual_in_errors() const {
  const double error = std::sqrt(standard_error * standard_error + target.sd * target.sd);
  if (residual == 0) return 0;
  return error > 0 ? std::fabs(residual) / error : std::numeric_limits<double>::infinity();
}

std::string fitted_text_with_spreads(const std::string& scenario_text, const std::string& file,
                                     CalibrationResult& result, const std::string& header,
                                     std::vector<std::string>& notes) {
  for (std::size_t i = 0; i < result.parameters.size(); ++i) {
    ParameterFit& p = result.parameters[i];
    if (!p.parameter.takes_spread || !p.parameter.unit.empty()) continue;
    if (!std::isfinite(p.standard_error) || p.standard_error <= 0) {
      p.parameter.takes_spread = false;
      notes.push_back(p.parameter.key + " is written as a plain number: the fit gave it no standard error to " +
                      "use as its spread");
      continue;
    }
    CalibrationResult alone = result;  // this value's spread alone
    for (std::size_t j = 0; j < alone.parameters.size(); ++j) alone.parameters[j].parameter.takes_spread = j == i;
    try {
      scenario::load_scenario_text(fitted_scenario_text(scenario_text, alone, header, true), file);
    } catch (const scenario::ScenarioError& e) {
      p.parameter.takes_spread = false;
      notes.push_back(p.parameter.key +
                      " is written as a plain number: with its standard error as a spread, the scenario as it would "
                      "be written was refused (" +
                      e.what() + ")");
    }
  }
  // Each loads alone; together their low ends may still be refused (two kinds of
  // absence both at 0 where absences start at the start, a review): then all plain.
  try {
    scenario::load_scenario_text(fitted_scenario_text(scenario_text, result, header, true), file);
  } catch (const scenario::ScenarioError& e) {
    for (ParameterFit& p : result.parameters) p.parameter.takes_spread = false;
    notes.push_back(std::string("every value is written as a plain number: with their standard errors as spreads "
                                "together, the scenario as it would be written was refused (") +
                    e.what() + ")");
  }
  // The notes go in the file's header too: it says --with-spread in its command line,
  // and a reader later, without the terminal's notes, would ask why a value is plain.
  std::string noted = header;
  for (const std::string& note : notes) noted += "Note: --with-spread: " + note + "\n";
  return fitted_scenario_text(scenario_text, result, noted, true);
}

std::string fitted_scenario_text(const std::string& scenario_text, const CalibrationResult& result,
                                 const std::string& header, bool with_spread) {
  // The fitted file keeps the original's byte-order mark and line ends: its header goes
  // after the mark (a mark further in is refused), and a comment added at a line's end
  // goes before its CR, which would otherwise end the value ("0.2392\r").
  using scenario::kByteOrderMark;
  const bool marked = scenario_text.starts_with(kByteOrderMark);
  const std::string line_end = scenario_text.find("\r\n") != std::string::npos ? "\r\n" : "\n";
  std::string text = scenario_text;
  std::vector<const ParameterFit*> by_position;
  for (const auto& p : result.parameters) by_position.push_back(&p);
  std::sort(by_position.begin(), by_position.end(), [](const ParameterFit* a, const ParameterFit* b) {
    return a->parameter.text_position > b->parameter.text_position;
  });
  for (const ParameterFit* p : by_position) {
    // With its standard error as an uncertain input where the key takes one: a plain
    // number (a duration's unit rules it out), fitted with a finite, positive error.
    const bool spread = with_spread && p->parameter.unit.empty() && p->parameter.takes_spread &&
                        std::isfinite(p->standard_error) && p->standard_error > 0;
    const std::string value = spread
                                  ? "{mean: " + number_text(p->value) + ", sd: " + number_text(p->standard_error) + "}"
                                  : number_text(p->value) + (p->parameter.unit.empty() ? "" : " " + p->parameter.unit);
    text.replace(p->parameter.text_position, p->parameter.text_length, value);
    // The line's comment gave the old value's source ("ASSUMPTION ... 14 days" beside
    // a fitted 35.5 days): say it was calibrated, and from what.
    const std::size_t after = p->parameter.text_position + value.size();
    std::size_t end = std::min(text.find('\n', after), text.size());
    if (end > after && text[end - 1] == '\r') --end;
    const std::size_t hash = text.find(" #", after);
    // A value the fit left where it was (a key that moves no target) is said to be so:
    // "calibrated, was 45" beside 45 read as a change (a review).
    const std::string was = p->value == p->parameter.written
                                ? std::string("calibrated, unchanged")
                                : "calibrated, was " + number_text(p->parameter.written) +
                                      (p->parameter.unit.empty() ? "" : " " + p->parameter.unit);
    if (hash < end) {
      const std::size_t at = text.find_first_not_of(' ', hash + 2);
      text.insert(at < end ? at : hash + 2, (at < end ? "" : " ") + was + "; before: ");
    } else {
      text.insert(end, "   # " + was);
    }
  }
  std::string comment;
  std::istringstream lines(header + describe_fit(result));
  for (std::string line; std::getline(lines, line);) comment += "# " + line + line_end;
  if (!marked) return comment + text;
  return std::string(kByteOrderMark) + comment + text.substr(kByteOrderMark.size());
}

}  // namespace wfsim::calibrate
