#pragma once
// `wfsim info --date`: which reporting periods the dates asked for fall in, for every
// kind of file. Worked out before anything is printed, so a date the file cannot show
// stops the command without half its output.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace wfsim::cli {

struct PeriodsShown {
  std::vector<std::size_t> periods;  // indices into the file's dates, each once, in the order first asked for
  std::string past_the_end;          // the dates asked for after the run ends ("" if none), comma-separated
  std::string shown_earlier;         // "2016-12-15 at 2016-11-30, ...": dates inside the run that end no period
};

// Each date's period: the last whose date (its last day) is on or before it. A date
// before the first period's end is refused (output::OutputRefused); one after the run
// is shown at the last period, and listed in past_the_end; one inside the run that is
// not a period's last day is listed in shown_earlier. Two dates of one period show it
// once. `period_dates` are ISO dates read from the file, in order; `dates` have been
// checked as ISO dates.
PeriodsShown periods_shown(const std::vector<std::string>& dates, const std::vector<std::string>& period_dates);

// The notes to print when some dates lie after the run, or are shown at the end of an
// earlier period ("" if none).
std::string dates_note(const PeriodsShown& shown, const std::vector<std::string>& period_dates);

// "31 months" where every period is a whole calendar month, else "31 periods (913
// days)": a run from the 15th has 31 periods over about 30 months, and "31 months"
// overstated what its totals are over. `first_day` as below; "" counts months.
std::string periods_counted(const std::vector<std::string>& period_dates, const std::string& first_day);

// "1 day", "14 days": a one-day run's period was said "(1 days)".
std::string days_counted(std::int64_t days);

// The note to print when a period shown is not a whole calendar month (a run that
// starts on the 15th, or ends mid-month), whose flows and costs are for its days alone
// though the units say a month ("" if none). `first_day` is the first reported day.
std::string partial_periods_note(const std::vector<std::size_t>& periods, const std::vector<std::string>& period_dates,
                                 const std::string& first_day);

}  // namespace wfsim::cli
