#include "import/year_to_year.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "import/council_figures.hpp"

namespace wfsim::import {

std::optional<double> fraction(const CswwRow& row, const std::vector<std::string>& columns) {
  for (const std::string& column : columns) {
    for (const Figure& f : row.figures) {
      if (f.column == column && f.value) return *f.value / 100;
    }
  }
  return std::nullopt;
}

namespace {

// A year's figure as a move is measured from: none where the council had fewer than
// kFewestInPostForOwnTurnover in post (one leaver among 2 moves turnover by 50 points:
// chance, not how a rate moves), nor where it is 0 (with as many in post, a gap in the
// return: Manchester's turnover of 0 in 2022 made a move of 20 points each way).
std::optional<double> figure_to_move_from(const CswwRow& row, const std::vector<std::string>& columns) {
  if (!enough_in_post_for_own_turnover(row)) return std::nullopt;
  const std::optional<double> value = fraction(row, columns);
  return value && *value > 0 ? value : std::nullopt;
}

// The year-to-year changes of one council's figure, up to its row's year: differences,
// or log ratios if `relative` (fraction() divides by 100, which a ratio does not see).
// The council's other years are the same authority's (CswwData::same_council). A year
// without a figure to move from breaks the chain: no move spans it.
void add_moves(const CswwData& data, const CswwRow& council, const std::vector<std::string>& columns, bool relative,
               std::vector<double>& moves) {
  std::optional<double> before;
  for (const int year : data.years()) {
    if (year > council.year) break;
    const CswwRow* row = data.same_council(council, year);
    const std::optional<double> now = row ? figure_to_move_from(*row, columns) : std::nullopt;
    if (now && before) moves.push_back(relative ? std::log(*now / *before) : *now - *before);
    before = now;
  }
}

// A robust standard deviation: 1.4826 times the median absolute move (a normal's sd),
// so that one year's jump in a small council's figures (starters from 10 to 100) does
// not decide the spread.
double robust_sd(std::vector<double> moves) {
  if (moves.empty()) return 0;
  for (double& m : moves) m = std::abs(m);
  std::sort(moves.begin(), moves.end());
  const std::size_t n = moves.size();
  const double median = n % 2 ? moves[n / 2] : 0.5 * (moves[n / 2 - 1] + moves[n / 2]);
  return 1.4826 * median;
}

}  // namespace

OneYearMove one_year_move(const CswwData& data, const CswwRow& council, const std::vector<std::string>& columns,
                          bool relative) {
  std::vector<double> moves;
  // A council of few in post now takes its region's moves, whatever it had before.
  if (enough_in_post_for_own_turnover(council)) add_moves(data, council, columns, relative, moves);
  const bool own = moves.size() >= 3;
  if (!own) {
    moves.clear();
    for (const CswwRow* other : data.councils(council.year)) {
      if (other->region == council.region) add_moves(data, *other, columns, relative, moves);
    }
  }
  const double sd = robust_sd(moves);
  return OneYearMove{relative ? std::expm1(sd) : sd, own};
}

}  // namespace wfsim::import
