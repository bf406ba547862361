#include <catch2/catch.hpp>

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
