#pragma once
// `wfsim compare` and `wfsim sweep`: variants of a scenario run on common random
// numbers and paired replication by replication into one file.

#include <atomic>
#include <ostream>
#include <string>
#include <vector>

namespace wfsim::cli {

// `args` are those after the command's name; `command_line` is recorded in the file.
int compare_command(const std::vector<std::string>& args, const std::string& command_line, std::ostream& out,
                    std::ostream& err, const std::atomic<bool>* stop, bool interactive);
int sweep_command(const std::vector<std::string>& args, const std::string& command_line, std::ostream& out,
                  std::ostream& err, const std::atomic<bool>* stop, bool interactive);

}  // namespace wfsim::cli
