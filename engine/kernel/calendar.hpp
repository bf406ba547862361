#pragma once
// Proleptic Gregorian calendar dates as day numbers since 1970-01-01.
//
// A model whose time is in days from a start date and that reports by calendar month
// needs exact month boundaries. The conversions follow Howard Hinnant's public-domain
// civil-date algorithms.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace wfsim::kernel {

struct CivilDate {
  int year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
};

std::int64_t days_from_civil(const CivilDate& date);
CivilDate civil_from_days(std::int64_t days);

// Parses "YYYY-MM-DD"; returns nothing if the text is not a valid date.
std::optional<CivilDate> parse_iso_date(std::string_view text);
// Why `text`, in the form YYYY-MM-DD, is not a date ("there is no month 13",
// "February 2017 has 28 days"); empty if it is one, or if it is not in that form at
// all (a mistake of form, which the caller words as it asks for the form).
std::string iso_date_problem(std::string_view text);
std::string format_iso_date(const CivilDate& date);
std::string format_iso_date(std::int64_t days);

// The same day `months` calendar months later (clamped to the end of a short month).
std::int64_t add_months(std::int64_t days, int months);

// The first day of the month after the one containing `days`.
std::int64_t first_of_next_month(std::int64_t days);

// Whether `days` is the first day of its month.
inline bool is_first_of_month(std::int64_t days) { return first_of_next_month(days - 1) == days; }

// Which of consecutive periods holds `day`: period 0 runs from `first_day` up to (not
// including) ends[0], period k from ends[k - 1] up to ends[k]. Nothing if none does.
std::optional<std::size_t> period_containing(std::int64_t day, std::int64_t first_day,
                                             std::span<const std::int64_t> ends);

}  // namespace wfsim::kernel
