#pragma once
// How a command's failure is said, and the exit code it ends with: one line for each
// kind of failure, in the user's terms (2 for bad input, 1 for the environment, 130
// or the like for a stop), never a trace of the program's insides.

#include <exception>
#include <functional>
#include <ostream>
#include <string>

namespace wfsim::cli {

// Whether a failure is the input's (a scenario, a data file, an output refused, rates
// that make workers without bound): exit code 2 in one process or across MPI's ranks.
bool is_bad_input(const std::exception& e);
// A failure's words after "error: ", its quoted text escaped.
std::string failure_text(const std::exception& e);

// Runs `command` (the command line's command `name`) and returns its exit code; a
// failure it throws is said on `says` and turned into its code.
int said_as_exit_code(const std::function<int()>& command, const std::string& name, std::ostream& says);

}  // namespace wfsim::cli
