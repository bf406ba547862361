#pragma once
// A backtest of one-year forecasts against the official figures: for each council and
// each pair of consecutive years (Y, Y+1) in the workforce indicators, import year Y
// (wfsim init), calibrate it as docs/validation.md does (applicants a year and the
// agency booking delay, so that the vacancy rate and agency share hold at Y's levels),
// simulate to September of Y+1 with the inputs' spread, bring that forecast's median of
// the two back to Y's levels (the spread skews it and the fit may stop short), and set
// the simulated median and 90% band beside the figures the council reported for Y+1,
// and beside "next year equals this year".

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "import/csww_data.hpp"
#include "model/measures.hpp"

namespace wfsim::calibrate {

// How near its level (as a fraction) the forecast's median of a calibrated measure is
// brought: a fortieth of a percentage point.
inline constexpr double kLevelTolerance = 0.00025;

struct BacktestOptions {
  std::size_t replications = 200;             // of the forecast
  std::size_t calibration_replications = 40;  // per evaluation of the fit
  int max_evaluations = 80;
  std::uint64_t seed = 1;
  int threads = 1;
  // Forecast with the turnover rate and applicants a year uncertain, each spread as
  // much as the council's own figures moved from one year to the next up to year Y
  // (the region's councils' pooled, where the council has fewer than three such moves).
  bool input_spread = true;
  const std::atomic<bool>* stop = nullptr;
};

// The measures compared: the indicator's column(s) and the model's measure.
struct BacktestMeasure {
  const char* name;                  // as in the CSV written
  std::vector<std::string> columns;  // the indicator, first available (percentages)
  model::Measure model_measure;      // at the 12th month end
};
const std::vector<BacktestMeasure>& backtest_measures();

struct BacktestRow {
  std::string council, code, region;
  int year = 0;  // the year forecast (Y+1)
  std::string measure;
  std::optional<double> previous;  // the council's figure for Y: "next year equals this year"
  std::optional<double> reported;  // for Y+1
  // Harrell-Davis estimates (calibrate/harrell_davis.hpp) over the replications.
  double median = 0, p5 = 0, p95 = 0;
  double turnover_sd = 0;  // the spreads the forecast gave its inputs (0: none)
  double applicants_relative_sd = 0;
};

// One council from year `from.year` to the next (`to`, the same council's row). Empty
// if it could not be imported or calibrated, with the reason in `why`.
std::vector<BacktestRow> backtest_council(const import::CswwData& data, const import::CswwRow& from,
                                          const import::CswwRow& to, const BacktestOptions& options, std::string& why);

}  // namespace wfsim::calibrate
