#include "kernel/calendar.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <tuple>

namespace wfsim::kernel {

std::int64_t days_from_civil(const CivilDate& date) {
  const std::int64_t y = static_cast<std::int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t m = date.month;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = yoe + era * 400;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<unsigned>(m), static_cast<unsigned>(d)};
}

std::optional<CivilDate> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  auto field = [&](std::size_t at, std::size_t len, int& out) {
    const auto r = std::from_chars(text.data() + at, text.data() + at + len, out);
    return r.ec == std::errc{} && r.ptr == text.data() + at + len;
  };
  if (!field(0, 4, y) || !field(5, 2, m) || !field(8, 2, d)) return std::nullopt;
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  const CivilDate date{y, static_cast<unsigned>(m), static_cast<unsigned>(d)};
  // Round-trip to reject days past the end of the month (2015-02-30).
  const CivilDate back = civil_from_days(days_from_civil(date));
  if (back.day != date.day || back.month != date.month) return std::nullopt;
  return date;
}

std::string iso_date_problem(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return "";
  int y = 0, m = 0, d = 0;
  for (const auto& [at, len, out] : {std::tuple{0, 4, &y}, std::tuple{5, 2, &m}, std::tuple{8, 2, &d}}) {
    const auto r = std::from_chars(text.data() + at, text.data() + at + len, *out);
    if (r.ec != std::errc{} || r.ptr != text.data() + at + len) return "";
  }
  if (m < 1 || m > 12) return "there is no month " + std::to_string(m);
  if (d < 1) return "there is no day " + std::to_string(d);
  static constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};
  const std::int64_t first = days_from_civil(CivilDate{y, static_cast<unsigned>(m), 1});
  const std::int64_t next = add_months(first, 1);
  const std::int64_t length = next - first;
  if (d > length)
    return std::string(kMonths[m - 1]) + " " + std::to_string(y) + " has " + std::to_string(length) + " days";
  return "";
}

std::string format_iso_date(const CivilDate& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", date.year, date.month, date.day);
  return buffer;
}

std::string format_iso_date(std::int64_t days) { return format_iso_date(civil_from_days(days)); }

std::int64_t add_months(std::int64_t days, int months) {
  const CivilDate date = civil_from_days(days);
  const int index = date.year * 12 + static_cast<int>(date.month) - 1 + months;
  CivilDate moved{index / 12, static_cast<unsigned>(index % 12) + 1, 1};
  const std::int64_t first = days_from_civil(moved);
  const std::int64_t month_length = first_of_next_month(first) - first;
  return first + std::min<std::int64_t>(date.day, month_length) - 1;
}

std::int64_t first_of_next_month(std::int64_t days) {
  CivilDate date = civil_from_days(days);
  date.day = 1;
  if (++date.month > 12) {
    date.month = 1;
    ++date.year;
  }
  return days_from_civil(date);
}

std::optional<std::size_t> period_containing(std::int64_t day, std::int64_t first_day,
                                             std::span<const std::int64_t> ends) {
  // The first end after the day; the day must not precede that period's start.
  const auto after = std::upper_bound(ends.begin(), ends.end(), day);
  if (after == ends.end()) return std::nullopt;
  const auto k = static_cast<std::size_t>(after - ends.begin());
  if (day < (k == 0 ? first_day : ends[k - 1])) return std::nullopt;
  return k;
}

}  // namespace wfsim::kernel
