#include "import/council_figures.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <locale>
#include <sstream>

namespace wfsim::import {

std::string number_text(double value, int decimals) {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << std::fixed << std::setprecision(decimals) << value;
  std::string s = out.str();
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  // A small negative value rounds to "-0", which reads as a slip.
  return s == "-0" ? "0" : s;
}

namespace {
constexpr double kLeastFtePerWorker = 0.5;
}  // namespace

int whole(double value) { return static_cast<int>(std::lround(std::max(0.0, value))); }

CouncilFigures::CouncilFigures(const CswwData& data, const CswwRow& council, std::vector<std::string>& notes)
    : council_(council),
      region_(data.regional_row(council.region, council.year)),
      nation_(data.national_row(council.year)),
      notes_(notes) {}

std::optional<Sourced> CouncilFigures::first_of(const std::vector<std::string>& columns) {
  for (const auto& c : columns) {
    if (auto v = own(c)) {
      if (c != columns.front()) note(columns.front(), "used " + c + " = " + council_.figure(c).cell);
      return Sourced{*v, "[DfE " + c + "]"};
    }
  }
  return std::nullopt;
}

Sourced CouncilFigures::rate(const std::string& column) {
  if (auto v = own(column)) return Sourced{*v / 100, "[DfE " + column + " " + council_.figure(column).cell + "%]"};
  if (auto wider = wider_rate(column, "")) return *wider;
  throw ImportError(council_.name + " " + std::to_string(council_.year) + ": " + column + " is " +
                    describe_marker(council_.figure(column).cell) + " for the council, its region and England");
}

std::optional<Sourced> CouncilFigures::wider_rate(const std::string& column, const std::string& why_not_own,
                                                  const std::string& advice) {
  for (const CswwRow* row : {region_, nation_}) {
    if (row != nullptr && row->figure(column).value) {
      note(column, why_not_own + "used the " + row->name + " figure, " + row->figure(column).cell + "%" + advice);
      return Sourced{*row->figure(column).value / 100, "[DfE " + row->name + " " + column + " " +
                                                           row->figure(column).cell + "%: " + council_.name + "'s is " +
                                                           council_.figure(column).cell + "]"};
    }
  }
  return std::nullopt;
}

bool enough_in_post_for_own_turnover(const CswwRow& row) {
  const auto in_post = row.figure("inpost_headcount").value;
  return in_post && *in_post >= kFewestInPostForOwnTurnover;
}

bool turnover_is_gap(const CswwRow& row) {
  for (const char* column : {"turnover_rate_headcount", "turnover_rate_fte"}) {
    if (const auto rate = row.figure(column).value) return *rate == 0 && enough_in_post_for_own_turnover(row);
  }
  return false;
}

std::string zero_turnover_reason(int in_post) {
  if (in_post <= 0) return "nobody in post to leave";
  if (in_post < kFewestInPostForOwnTurnover) {
    return "no leaver among " + std::to_string(in_post) + " in post is one year's chance, not a rate of 0";
  }
  return "with " + std::to_string(in_post) +
         " in post most likely a gap in the return (councils report 10% to 30% a year), not a year with no leavers";
}

void remark_turnover_above_all(CouncilFigures& f, double turnover, int in_post) {
  if (turnover <= 1 || in_post < kFewestInPostForOwnTurnover) return;
  f.remark("turnover " + number_text(100 * turnover, 1) +
           "% is more leavers in the year than were in post at its end (" + std::to_string(in_post) +
           "), which no council of the data shows (its most is 100%, one leaver of one in post): most likely a slip in "
           "the return, used as given; set leaving.turnover_per_year to the region's rate if so");
}

void CouncilFigures::remark(const std::string& text) {
  notes_.push_back(council_.name + " " + std::to_string(council_.year) + ": " + text);
}

void CouncilFigures::note(const std::string& column, const std::string& instead) {
  notes_.push_back(council_.name + " " + std::to_string(council_.year) + ": " + column + " is " +
                   describe_marker(council_.figure(column).cell) + "; " + instead);
}

Sourced fte_per_worker(CouncilFigures& f) {
  const CswwRow& council = f.row();
  const auto a = f.own("inpost_fte"), b = f.own("inpost_headcount");
  if (!a || !b || *b <= 0) {
    if (b && *b > 0) f.note("inpost_fte", "used 1 FTE per worker");
    return Sourced{1.0, "ASSUMPTION: inpost_fte or inpost_headcount missing, 1 FTE each"};
  }
  const double ratio = *a / *b;
  // More FTE than people (Warwickshire 2020: 368.2 for 321) is no worker's contract:
  // capped at 1, and said so rather than written as the data's ratio.
  if (ratio > 1.0) {
    f.remark("inpost_fte " + council.figure("inpost_fte").cell + " is more than inpost_headcount " +
             council.figure("inpost_headcount").cell + "; used 1 FTE per worker");
    return Sourced{
        1.0, "[DfE inpost_fte / inpost_headcount is " + number_text(ratio) + ", more than one FTE each: capped at 1]"};
  }
  // Under half an FTE a head, every post sized from the vacancy FTE would be counted
  // more than twice over (an inpost_fte of 0 made 2,287 posts of a council's 606).
  if (ratio < kLeastFtePerWorker) {
    f.remark("inpost_fte " + council.figure("inpost_fte").cell + " and inpost_headcount " +
             council.figure("inpost_headcount").cell +
             ": under half an FTE per worker, which no council's staff work (the data's least is "
             "0.71); one of the two is wrong, so 1 FTE per worker is used");
    return Sourced{1.0, "[DfE inpost_fte / inpost_headcount is " + number_text(ratio) +
                            ", under half an FTE each: not used, 1 FTE each]"};
  }
  return Sourced{ratio, "[DfE inpost_fte / inpost_headcount]"};
}

Sourced vacancies_in_workers(CouncilFigures& figures, double fte_per_worker, int in_post) {
  if (auto v = figures.own("vacancy_fte")) {
    return Sourced{*v / fte_per_worker,
                   "[DfE vacancy_fte " + figures.row().figure("vacancy_fte").cell + " / fte_per_worker]"};
  }
  const Sourced r = figures.rate("vacancy_rate_fte");
  figures.note("vacancy_fte", "derived from the vacancy rate");
  return Sourced{r.value / (1 - r.value) * in_post, "vacancy rate " + r.source};
}

Sourced agency_workers(CouncilFigures& figures, int in_post) {
  if (auto a = figures.first_of({"agency_headcount", "agency_fte"})) return *a;
  const Sourced r = figures.rate("agency_rate_headcount");
  figures.note("agency_headcount", "derived from the agency rate");
  return Sourced{r.value / (1 - r.value) * in_post, "agency rate " + r.source};
}

}  // namespace wfsim::import
