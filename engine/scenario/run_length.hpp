#pragma once
// Where a run of a given length ends. A run of whole months or years ends on the same
// calendar day (2015-10-01 plus 5 years is 2020-10-01); any other length is a number
// of days (a week 7, a month 365.25 / 12, a year 365.25), rounded to the day. One rule
// for a scenario's `duration` and for what `wfsim init` works out from its --duration.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wfsim::scenario {

// The years a scenario's dates, and its run, may fall in. With runs of at most 200
// years, every reported date stays within what charts and spreadsheets read (years 1
// to 9999).
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2200;

// The first day after the run (exclusive end). `days` is the length in days, as a
// duration converts; `text` the duration as written ("5 years"), which says whether it
// is a whole number of calendar months or years.
std::int64_t run_end_day(std::int64_t start_day, double days, const std::string& text);

// The units a duration may be written in, and their days.
const std::vector<std::pair<std::string, double>>& duration_units();

// The unit of duration_units() an abbreviation stands for ("y", "yrs", "mo", "wk",
// "d", in any case: "years", "months", "weeks", "days"), or "" if it is none. A "5y"
// was asked whether it meant "day", the name nearest in letters.
std::string spelt_out_unit(const std::string& abbreviation);

// "3 years" as a number and a unit of duration_units(), in days (any sign); nothing if
// the text is not of that form. A scenario's field says more of what is wrong.
std::optional<double> duration_text_days(const std::string& text);

}  // namespace wfsim::scenario
