#pragma once
// wfsim backtest: one-year forecasts of every council against the next year's
// official figures (calibrate/backtest.hpp).

#include <atomic>
#include <ostream>
#include <string>
#include <vector>

namespace wfsim::cli {

int backtest_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                     const std::atomic<bool>* stop, bool interactive);

}  // namespace wfsim::cli
