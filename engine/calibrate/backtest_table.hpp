#pragma once
// The backtest's results: its table of council-years (CSV, as the analysis package's
// backtest chart reads it) and its summary per measure.

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "calibrate/backtest.hpp"

namespace wfsim::calibrate {

// A number as the table writes it, to 6 significant digits; "" for none or one not
// finite. (The backtest's targets are written so too: the fit aims at the table's figures.)
std::string csv_number(const std::optional<double>& v);

// Per measure: the rows with a reported figure, the mean absolute error of the median
// and of "next year equals this year" (in percentage points, over rows that have both),
// and the share of reported figures inside the 90% band.
struct BacktestSummary {
  std::string measure;
  std::size_t rows = 0;          // with a reported figure: the share inside the band is of these
  std::size_t paired = 0;        // of them, with a figure the year before too: the errors are of these
  double model_error = 0;        // mean absolute error of the median, in points
  double persistence_error = 0;  // the same for "next year equals this year"
  // The standard error of model_error - persistence_error, from the council-years'
  // paired differences, taken as independent (a council's successive years are not
  // quite, so it is somewhat too small): a difference well inside it is a tie. NaN
  // with fewer than two pairs.
  double difference_standard_error = std::numeric_limits<double>::quiet_NaN();
  double inside_share = 0;
};
std::vector<BacktestSummary> summarise_backtest(const std::vector<BacktestRow>& rows);

std::string backtest_csv(const std::vector<BacktestRow>& rows);
std::string describe_backtest(const std::vector<BacktestSummary>& summary);

}  // namespace wfsim::calibrate
