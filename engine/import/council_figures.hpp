#pragma once
// One council's figures from the workforce indicators, with the fallbacks a scenario
// writer needs: a suppressed rate is taken from the council's region, then England,
// and every fallback is noted for the user.

#include <optional>
#include <string>
#include <vector>

#include "import/csww_data.hpp"

namespace wfsim::import {

// A number as a scenario file writes it: up to `decimals` places, no trailing zeros.
std::string number_text(double value, int decimals = 3);
// Rounded to a whole, never below 0.
int whole(double value);

// A figure as used, with the comment that says where it came from.
struct Sourced {
  double value = 0;
  std::string source;
};

class CouncilFigures {
 public:
  CouncilFigures(const CswwData& data, const CswwRow& council, std::vector<std::string>& notes);

  std::optional<double> own(const std::string& column) const { return council_.figure(column).value; }
  // The first of `columns` the council has, as a number.
  std::optional<Sourced> first_of(const std::vector<std::string>& columns);
  // A rate (a percentage in the data) from the council, else its region, else England.
  Sourced rate(const std::string& column);
  // The region's rate, else England's, in place of the council's own, noted between
  // `why_not_own` and `advice`; none if neither has it.
  std::optional<Sourced> wider_rate(const std::string& column, const std::string& why_not_own,
                                    const std::string& advice = "");
  void note(const std::string& column, const std::string& instead);
  // A note on figures that are there but cannot be used as they stand.
  void remark(const std::string& text);

  const CswwRow& row() const { return council_; }
  const CswwRow* region() const { return region_; }
  const CswwRow* nation() const { return nation_; }

 private:
  const CswwRow& council_;
  const CswwRow* region_;
  const CswwRow* nation_;
  std::vector<std::string>& notes_;
};

// Under this many in post, a year's leavers are too few to tell a council's own
// turnover, or how it moves from year to year: no leaver among 2 in post is a likely
// year at a rate of 15%, and one leaver moves the rate by 50 points.
constexpr int kFewestInPostForOwnTurnover = 20;
// Whether a row's council had at least kFewestInPostForOwnTurnover in post.
bool enough_in_post_for_own_turnover(const CswwRow& row);

// Why a council's reported turnover of 0 is not read as its rate (for its note): with
// many in post, most likely a gap in the return (Manchester 2022: 426 in post); with
// few, a year with no leaver says little of the rate (the Isles of Scilly 2020: 1).
std::string zero_turnover_reason(int in_post);
// A turnover of 0 with kFewestInPostForOwnTurnover or more in post: a gap in the
// return, not a figure (the backtest neither scores a forecast against it nor starts
// one from it as the year's level).
bool turnover_is_gap(const CswwRow& row);

// Remarks a council's turnover above 100% with kFewestInPostForOwnTurnover or more in
// post: the data's most is 100% (the Isles of Scilly 2019, one leaver of one), and 399%
// was written as turnover_per_year 3.99 with only the scenario's note that a share is
// written as a fraction, about a value init wrote (an audit).
void remark_turnover_above_all(CouncilFigures& figures, double turnover, int in_post);

// The two counts a single council's and a region's scenario both size a council by,
// worked out the same way for both.
// Vacancies in workers' posts: the vacancy FTE over FTE per worker, else from the
// vacancy rate (the council's, its region's or England's) and the workers in post.
Sourced vacancies_in_workers(CouncilFigures& figures, double fte_per_worker, int in_post);
// FTE per worker in post, inpost_fte / inpost_headcount: capped at 1 (more FTE than
// people is no worker's contract), and 1 where either is missing or where the two
// cannot both be right (under half an FTE each; the data's least is 0.71). Each is noted.
Sourced fte_per_worker(CouncilFigures& figures);
// Agency workers: their headcount, else FTE, else from the agency rate and the workers
// in post.
Sourced agency_workers(CouncilFigures& figures, int in_post);

}  // namespace wfsim::import
