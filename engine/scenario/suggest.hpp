#pragma once
// "Did you mean ...?" for misspelt keys and values.

#include <string>
#include <string_view>
#include <vector>

namespace wfsim::scenario {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate if it is close enough to be a plausible typo, else "".
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// Whether two names differ only in their numbers ('NQSW 2024' and 'NQSW 2025',
// 'Cohort' and 'Cohort 2'): siblings named on purpose, not a misspelling of each other.
bool numbered_siblings(std::string_view a, std::string_view b);

// " (did you mean 'x'?)" or "", ready to append to a message.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace wfsim::scenario
