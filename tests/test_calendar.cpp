#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernel/calendar.hpp"
#include "model/workforce_model.hpp"

using namespace wfsim::kernel;

TEST_CASE("civil dates convert to day numbers and back", "[calendar]") {
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({2000, 3, 1}) == 11017);
  CHECK(days_from_civil({2015, 10, 1}) == 16709);
  CHECK(format_iso_date(16709) == "2015-10-01");
  CHECK(format_iso_date(days_from_civil({2016, 2, 29})) == "2016-02-29");
  for (std::int64_t d = -1000; d < 40000; d += 7) CHECK(days_from_civil(civil_from_days(d)) == d);
}

TEST_CASE("ISO dates are parsed strictly", "[calendar]") {
  CHECK(parse_iso_date("2015-10-01").has_value());
  CHECK_FALSE(parse_iso_date("2015-02-30").has_value());
  CHECK_FALSE(parse_iso_date("2015-13-01").has_value());
  CHECK_FALSE(parse_iso_date("1 Oct 2015").has_value());
  CHECK(parse_iso_date("2016-02-29").has_value());
  CHECK_FALSE(parse_iso_date("2015-02-29").has_value());
}

TEST_CASE("a date in the right form that does not exist says why", "[calendar]") {
  using wfsim::kernel::iso_date_problem;
  CHECK(iso_date_problem("2017-02-29") == "February 2017 has 28 days");
  CHECK(iso_date_problem("2016-02-30") == "February 2016 has 29 days");
  CHECK(iso_date_problem("2015-04-31") == "April 2015 has 30 days");
  CHECK(iso_date_problem("2015-13-01") == "there is no month 13");
  CHECK(iso_date_problem("2015-00-10") == "there is no month 0");
  CHECK(iso_date_problem("2015-06-00") == "there is no day 0");
  // Valid dates, and mistakes of form, have no such reason.
  for (const char* text : {"2016-02-29", "2015-12-31", "01/02/2015", "2015-6-1", "", "2015-06-0x"}) {
    INFO(text);
    CHECK(iso_date_problem(text).empty());
  }
}

TEST_CASE("months are added on the calendar", "[calendar]") {
  const auto d = [](int y, unsigned m, unsigned day) { return days_from_civil({y, m, day}); };
  CHECK(add_months(d(2015, 10, 1), 60) == d(2020, 10, 1));
  CHECK(add_months(d(2016, 1, 31), 1) == d(2016, 2, 29));
  CHECK(first_of_next_month(d(2015, 12, 15)) == d(2016, 1, 1));
}

TEST_CASE("reporting periods are calendar months", "[calendar]") {
  const auto d = [](int y, unsigned m, unsigned day) { return days_from_civil({y, m, day}); };
  const auto ends = wfsim::model::period_end_days(d(2015, 10, 1), d(2016, 10, 1));
  REQUIRE(ends.size() == 12);
  CHECK(ends.front() == d(2015, 11, 1));
  CHECK(ends.back() == d(2016, 10, 1));
  // A start mid-month gives a short first period; an end mid-month a short last one.
  const auto partial = wfsim::model::period_end_days(d(2015, 10, 15), d(2015, 12, 10));
  REQUIRE(partial.size() == 3);
  CHECK(partial[0] == d(2015, 11, 1));
  CHECK(partial[2] == d(2015, 12, 10));
}

namespace {
// The Gregorian calendar written out, independently of the engine's day arithmetic:
// a year is leap if divisible by 4, except centuries, except every 400th year.
bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }
unsigned month_length(int year, unsigned month) {
  constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : kDays[month - 1];
}
std::string text(const CivilDate& d) { return format_iso_date(d); }
}  // namespace

TEST_CASE("every day from 1600 to 2400 is the one a day-by-day count gives", "[calendar]") {
  // Counting years back from 1970-01-01 (day 0) puts 1600-01-01 on day -135140; from
  // there, one day at a time with the month lengths above, through three centuries that
  // are not leap years and two (1600, 2000, 2400) that are.
  std::int64_t day = 0;
  for (int y = 1600; y < 1970; ++y) day -= leap(y) ? 366 : 365;
  CHECK(day == -135140);
  CivilDate date{1600, 1, 1};
  std::size_t days = 0, wrong = 0;
  std::string first_wrong;
  for (; date.year <= 2400; ++day, ++days) {
    const CivilDate back = civil_from_days(day);
    const std::int64_t next_month = day + (month_length(date.year, date.month) - date.day + 1);
    if (back.year != date.year || back.month != date.month || back.day != date.day || days_from_civil(date) != day ||
        first_of_next_month(day) != next_month) {
      if (wrong++ == 0) first_wrong = text(date) + " (day " + std::to_string(day) + "): " + text(back);
    }
    if (++date.day > month_length(date.year, date.month)) {
      date.day = 1;
      if (++date.month > 12) date.month = 1, ++date.year;
    }
  }
  INFO("first wrong: " << first_wrong);
  CHECK(days == 801 * 365 + 195);  // 801 years, 195 of them leap
  CHECK(wrong == 0);
  // Leap days are valid dates exactly in leap years.
  for (const int y : {1600, 1700, 1800, 1900, 1996, 2000, 2015, 2016, 2100, 2400}) {
    INFO(y);
    CHECK(parse_iso_date(std::to_string(y) + "-02-29").has_value() == leap(y));
  }
}

TEST_CASE("adding months keeps the day, or takes the month's last if it is shorter", "[calendar]") {
  // Every day of 1999 to 2031 (two centuries' leap rules: 2000 is leap), moved by
  // months that cross year ends and February.
  std::size_t wrong = 0;
  std::string first_wrong;
  for (int y = 1999; y <= 2031; ++y) {
    for (unsigned m = 1; m <= 12; ++m) {
      for (unsigned d = 1; d <= month_length(y, m); ++d) {
        for (const int months : {1, 2, 6, 11, 12, 13, 36}) {
          const int index = y * 12 + static_cast<int>(m) - 1 + months;
          const CivilDate target{index / 12, static_cast<unsigned>(index % 12) + 1, 1};
          const CivilDate expected{target.year, target.month, std::min(d, month_length(target.year, target.month))};
          const CivilDate got = civil_from_days(add_months(days_from_civil({y, m, d}), months));
          if (got.year != expected.year || got.month != expected.month || got.day != expected.day) {
            if (wrong++ == 0) {
              first_wrong = text({y, m, d}) + " + " + std::to_string(months) + " months: " + text(got) + ", expected " +
                            text(expected);
            }
          }
        }
      }
    }
  }
  INFO("first wrong: " << first_wrong);
  CHECK(wrong == 0);
}

TEST_CASE("a date's period is the one containing it, its first day included", "[calendar]") {
  using wfsim::kernel::days_from_civil;
  using wfsim::kernel::period_containing;
  // Months from 1 October 2021: each period ends on the first day of the next month.
  const std::int64_t first = days_from_civil({2021, 10, 1});
  const std::vector<std::int64_t> ends = {days_from_civil({2021, 11, 1}), days_from_civil({2021, 12, 1}),
                                          days_from_civil({2022, 1, 1})};
  CHECK(period_containing(first, first, ends) == std::optional<std::size_t>(0));
  CHECK(period_containing(days_from_civil({2021, 10, 31}), first, ends) == std::optional<std::size_t>(0));
  // The first of November is November's, not October's (once a date on a period's end
  // picked the period before).
  CHECK(period_containing(days_from_civil({2021, 11, 1}), first, ends) == std::optional<std::size_t>(1));
  CHECK(period_containing(days_from_civil({2021, 12, 31}), first, ends) == std::optional<std::size_t>(2));
  CHECK_FALSE(period_containing(days_from_civil({2022, 1, 1}), first, ends));
  CHECK_FALSE(period_containing(days_from_civil({2021, 9, 30}), first, ends));
}
