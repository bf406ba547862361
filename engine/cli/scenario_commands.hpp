#pragma once
// The commands about scenario files rather than runs: validate one, print the format
// as a JSON Schema, write one from the official data, and fit one's free keys.

#include <atomic>
#include <ostream>
#include <string>
#include <vector>

namespace wfsim::cli {

int validate_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// `stop` (Ctrl-C, SIGTERM), once raised, keeps the output file from being written.
int schema_command(const std::vector<std::string>& args, std::ostream& out, const std::atomic<bool>* stop);
int init_command(const std::vector<std::string>& args, const std::string& command_line, std::ostream& out,
                 const std::atomic<bool>* stop);
int calibrate_command(const std::vector<std::string>& args, const std::string& command_line, std::ostream& out,
                      std::ostream& err, const std::atomic<bool>* stop, bool interactive);

}  // namespace wfsim::cli
