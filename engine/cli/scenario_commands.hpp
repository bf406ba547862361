#pragma once
// The commands about scenario files rather than runs: validate one, print the format
// as a JSON Schema, and write one from the official data (fitting one's free keys is
// calibrate_command.hpp's).

#include <atomic>
#include <ostream>
#include <string>
#include <vector>

namespace wfsim::cli {

int validate_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// `stop` (Ctrl-C, SIGTERM), once raised, keeps the output file from being written.
int schema_command(const std::vector<std::string>& args, std::ostream& out, const std::atomic<bool>* stop);
// What it wrote goes to `out`; its notes on the data and the scenario to `err`, as
// every other command's notes do.
int init_command(const std::vector<std::string>& args, const std::string& command_line, std::ostream& out,
                 std::ostream& err, const std::atomic<bool>* stop);

}  // namespace wfsim::cli
