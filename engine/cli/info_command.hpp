#pragma once
// `wfsim info OUT.h5`: what a results file holds, and key measures at chosen dates.

#include <ostream>
#include <string>
#include <vector>

namespace wfsim::cli {

// Prints the file's metadata and, for the row of `authority` (by default the total of
// several councils, or the only one), the median and 90% band of key measures at each
// date in `dates` (ISO; the nearest period end on or before each), or at the first,
// middle and last periods.
void print_info(const std::string& path, const std::vector<std::string>& dates, const std::string& authority,
                std::ostream& out);

// The command: its options, then print_info.
int info_command(const std::vector<std::string>& args, std::ostream& out);

}  // namespace wfsim::cli
