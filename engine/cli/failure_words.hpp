#pragma once
// How a command's failure is said, and the exit code it ends with: one line for each
// kind of failure, in the user's terms (2 for bad input, 1 for the environment, 130
// or the like for a stop), never a trace of the program's insides.

#include <functional>
#include <ostream>
#include <string>

namespace wfsim::cli {

// Runs `command` (the command line's command `name`) and returns its exit code; a
// failure it throws is said on `says` and turned into its code.
int said_as_exit_code(const std::function<int()>& command, const std::string& name, std::ostream& says);

}  // namespace wfsim::cli
