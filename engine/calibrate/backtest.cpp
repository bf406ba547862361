#include "calibrate/backtest.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "calibrate/calibration.hpp"
#include "experiment/experiment_runner.hpp"
#include "import/baseline_scenario.hpp"
#include "import/year_to_year.hpp"
#include "model/measures.hpp"
#include "output/memory_sink.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"

namespace wfsim::calibrate {

namespace {

// numpy's default (linear) quantile of sorted values.
double quantile(const std::vector<double>& sorted, double p) {
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const auto below = static_cast<std::size_t>(std::floor(h));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (h - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

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
  try {
    import::BaselineOptions one_year;
    one_year.duration = "12 months";
    const import::Baseline baseline = import::baseline_scenario(data, {&from}, from.year, one_year);
    // Calibrated as docs/validation.md does, by applicants a year and the agency booking
    // delay, so that the year's vacancy rate and agency share hold: here a year on, on
    // 30 September of Y+1, the forecast's date. The median forecast of these two is then
    // "next year equals this year" by construction; what the model adds is the band.
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
    if (targets.size() > 1) {
      free.push_back(parse_free("authorities[0].roles[0].agency.booking_delay.mean=1:365", baseline.yaml, label));
    }
    CalibrationOptions fit;
    fit.replications = options.calibration_replications;
    fit.seed = options.seed;
    fit.threads = options.threads;
    fit.max_evaluations = options.max_evaluations;
    fit.stop = options.stop;
    fitted = fitted_scenario_text(baseline.yaml, calibrate(baseline.yaml, label, targets, free, fit), "");
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
  std::vector<std::string> settings = {"duration=12 months"};
  double turnover_sd = 0, applicants_sd = 0;
  if (options.input_spread) {
    const scenario::Scenario central = scenario::load_scenario_text(fitted, label, settings);
    const model::Role& role = central.parameters.authorities[0].roles[0];
    turnover_sd = import::one_year_move(data, from, {"turnover_rate_headcount", "turnover_rate_fte"}, false);
    applicants_sd = import::one_year_move(data, from, {"starters_headcount", "starters_fte"}, true);
    auto spread = [](double mean, double sd) {
      char text[96];
      std::snprintf(text, sizeof text, "{mean: %.9g, sd: %.9g}", mean, sd);
      return std::string(text);
    };
    if (turnover_sd > 0) {
      settings.push_back("authorities[0].roles[0].leaving.turnover_per_year=" +
                         spread(role.turnover_per_year, turnover_sd));
    }
    if (applicants_sd > 0 && std::isfinite(role.recruitment.applicants_per_year)) {
      settings.push_back(
          "authorities[0].roles[0].recruitment.applicants_per_year=" +
          spread(role.recruitment.applicants_per_year, applicants_sd * role.recruitment.applicants_per_year));
    }
  }
  std::optional<scenario::Scenario> loaded;
  try {
    loaded = scenario::load_scenario_text(fitted, label, settings);
  } catch (const scenario::ScenarioError& e) {
    why = std::string("its forecast would not load: ") + e.what();
    return {};
  }
  const scenario::Scenario& forecast = *loaded;
  experiment::ExperimentOptions run;
  run.seed = options.seed;
  run.replications = options.replications;
  run.threads = options.threads;
  run.stop = options.stop;
  output::MemorySink sink;
  experiment::run_experiment(forecast, run, sink);

  std::vector<BacktestRow> rows;
  for (const BacktestMeasure& m : backtest_measures()) {
    const model::Measure measure = m.model_measure;
    std::vector<double> values;
    for (const auto& table : sink.replications) {
      const double v = table.at(measure, 0, table.periods() - 1);
      if (std::isfinite(v)) values.push_back(v);
    }
    if (values.empty()) continue;
    std::sort(values.begin(), values.end());
    BacktestRow row;
    row.council = from.name;
    row.code = from.code;
    row.region = from.region;
    row.year = to.year;
    row.measure = m.name;
    row.previous = import::fraction(from, m.columns);
    row.reported = import::fraction(to, m.columns);
    row.median = quantile(values, 0.5);
    row.p5 = quantile(values, 0.05);
    row.p95 = quantile(values, 0.95);
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
