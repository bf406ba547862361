#pragma once
// What every wfsim command shares: option parsing that turns mistakes into usage
// errors, the command line as run (recorded in outputs), --set overrides, sizes.

#include <boost/program_options.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace wfsim::cli {

namespace po = boost::program_options;

// A command-line mistake: reported with the command's name and a pointer to --help.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The command line as one shell-quoted string, as outputs record it.
std::string joined_command_line(int argc, const char* const* argv);

// The process's peak resident memory so far.
double peak_memory_mib();

// Parses a command's arguments; a Boost.Program_options error becomes a UsageError.
po::variables_map parse(const po::options_description& visible, const po::positional_options_description& positional,
                        const std::vector<std::string>& args);

// The --set KEY.PATH=VALUE overrides given.
std::vector<std::string> overrides_of(const po::variables_map& vm);

// Permanent and temporary posts over all authorities and roles.
int count_posts(const scenario::Scenario& s);

// The files a scenario was read from: its own and those it extends.
std::vector<std::string> input_files(const scenario::Scenario& s);

}  // namespace wfsim::cli
