#include "cli/periods_shown.hpp"

#include <algorithm>

#include "kernel/calendar.hpp"
#include "output/hdf5_results_writer.hpp"

namespace wfsim::cli {

PeriodsShown periods_shown(const std::vector<std::string>& dates, const std::vector<std::string>& period_dates) {
  PeriodsShown shown;
  for (const auto& d : dates) {
    std::size_t best = period_dates.size();
    for (std::size_t t = 0; t < period_dates.size(); ++t) {
      if (period_dates[t] <= d) best = t;
    }
    if (best == period_dates.size()) {
      throw output::OutputRefused("no reporting period ends on or before " + d + " (the first ends " +
                                  period_dates.front() + ")");
    }
    // Each period once: two dates in one month showed two identical columns.
    if (std::find(shown.periods.begin(), shown.periods.end(), best) == shown.periods.end()) {
      shown.periods.push_back(best);
    }
    // More than a day after the last period ends (a period's date is its last day),
    // the date lies beyond the run. The file's dates are parsed, not trusted.
    const std::int64_t day = kernel::days_from_civil(*kernel::parse_iso_date(d));
    const auto last = kernel::parse_iso_date(period_dates.back());
    const auto shown_end = kernel::parse_iso_date(period_dates[best]);
    if (best + 1 == period_dates.size() && last && day > kernel::days_from_civil(*last) + 1) {
      shown.past_the_end += (shown.past_the_end.empty() ? "" : ", ") + d;
    } else if (shown_end && day > kernel::days_from_civil(*shown_end) + 1) {
      // Mid-December shows November's end: said, as one asking for "December" expects
      // December. The day after a period (1 December) is its end's snapshot, as meant.
      shown.shown_earlier += (shown.shown_earlier.empty() ? "" : ", ") + d + " at " + period_dates[best];
    }
  }
  return shown;
}

std::string dates_note(const PeriodsShown& shown, const std::vector<std::string>& period_dates) {
  std::string note;
  if (!shown.past_the_end.empty()) {
    const bool several = shown.past_the_end.find(", ") != std::string::npos;
    note += "\n  note: " + shown.past_the_end + (several ? " lie" : " lies") + " after the run, which reports to " +
            period_dates.back() + ": shown at its last period\n";
  }
  if (!shown.shown_earlier.empty()) {
    note += std::string(note.empty() ? "\n" : "") +
            "  note: shown at the last period ending on or before it: " + shown.shown_earlier + "\n";
  }
  return note;
}

std::string days_counted(std::int64_t days) { return std::to_string(days) + (days == 1 ? " day" : " days"); }

std::string periods_counted(const std::vector<std::string>& period_dates, const std::string& first_day) {
  const std::string months = std::to_string(period_dates.size()) + (period_dates.size() == 1 ? " month" : " months");
  std::vector<std::size_t> every(period_dates.size());
  for (std::size_t t = 0; t < every.size(); ++t) every[t] = t;
  if (period_dates.empty() || first_day.empty() || partial_periods_note(every, period_dates, first_day).empty()) {
    return months;
  }
  const auto first = kernel::parse_iso_date(first_day);
  const auto last = kernel::parse_iso_date(period_dates.back());
  const std::string periods = std::to_string(period_dates.size()) + (period_dates.size() == 1 ? " period" : " periods");
  if (!first || !last) return periods;
  const std::int64_t days = kernel::days_from_civil(*last) - kernel::days_from_civil(*first) + 1;
  return periods + " (" + days_counted(days) + ")";
}

std::string partial_periods_note(const std::vector<std::size_t>& periods, const std::vector<std::string>& period_dates,
                                 const std::string& first_day) {
  std::string listed;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const std::size_t t = periods[i];
    // Each period once, however often it is asked for (--date twice, or two dates in it).
    if (t >= period_dates.size() || std::find(periods.begin(), periods.begin() + i, t) != periods.begin() + i) {
      continue;
    }
    const auto last = kernel::parse_iso_date(period_dates[t]);
    const auto before = t == 0 ? kernel::parse_iso_date(first_day) : kernel::parse_iso_date(period_dates[t - 1]);
    if (!last || !before) continue;  // dates the file does not give right: nothing to say
    const std::int64_t begin = kernel::days_from_civil(*before) + (t == 0 ? 0 : 1);
    const std::int64_t end = kernel::days_from_civil(*last);
    if (kernel::civil_from_days(begin).day == 1 && kernel::civil_from_days(end + 1).day == 1) continue;
    listed += (listed.empty() ? "" : "; ") + period_dates[t] + " covers " + days_counted(end - begin + 1) + ", from " +
              kernel::format_iso_date(begin);
  }
  if (listed.empty()) return "";
  return "\n  note: not a whole month: " + listed + ". Flows and costs in such a period (a month's, by their " +
         "units) are for its days alone\n";
}

}  // namespace wfsim::cli
