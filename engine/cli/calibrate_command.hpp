#pragma once
// `wfsim calibrate`: fit a scenario's free keys to target measures, and write the
// scenario with the fitted values and the fit's report at its top.

#include <atomic>
#include <ostream>
#include <string>
#include <vector>

namespace wfsim::cli {

int calibrate_command(const std::vector<std::string>& args, const std::string& command_line, std::ostream& out,
                      std::ostream& err, const std::atomic<bool>* stop, bool interactive);

}  // namespace wfsim::cli
