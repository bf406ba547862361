#pragma once
// `wfsim run`: one scenario's replications into a results file, and what the run says
// as it ends (its summary, the precision asked for).

#include <atomic>
#include <ostream>
#include <string>
#include <vector>

namespace wfsim::cli {

// `args` are those after the command's name; `command_line` is recorded in the file.
int run_command(const std::vector<std::string>& args, const std::string& command_line, std::ostream& out,
                std::ostream& err, const std::atomic<bool>* stop, bool interactive);

}  // namespace wfsim::cli
