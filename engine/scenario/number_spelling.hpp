#pragma once
// How a scenario's numbers are read, and how one typed as a spreadsheet shows it is
// explained.

#include <string>

namespace wfsim::scenario {

// `text` as a finite number in the C locale's spelling ("0.17", "1e3"), into `out`;
// false for anything else, "3,000", "25%", "inf" and "017" (a whole number with a leading 0) among them.
bool parse_plain_number(const std::string& text, double& out);

// How to write a number typed as a spreadsheet shows it ("3,000", "£3000", "25%",
// "44,50"): "" where `text` is not one. Without it, '3,000' in quotes was told to lose
// the quotes, after which it was still no number.
std::string spreadsheet_number_hint(const std::string& text);

}  // namespace wfsim::scenario
