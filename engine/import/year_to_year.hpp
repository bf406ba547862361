#pragma once
// How much a council's figures move from one year to the next in the workforce
// indicators: the spread a forecast gives an input (init --with-spread, backtest).

#include <optional>
#include <string>
#include <vector>

#include "import/csww_data.hpp"

namespace wfsim::import {

// The first of `columns` the row has a number for, over 100: the data's percentages as
// fractions.
std::optional<double> fraction(const CswwRow& row, const std::vector<std::string>& columns);

// The typical one-year move of a council's figure up to `year`: a robust standard
// deviation (1.4826 x the median absolute move) of its year-to-year differences, or of
// their log ratios if `relative` (returned as a relative sd, e^s - 1). From the
// council's own rows if it has three or more moves (the median of two is their mean,
// which one odd year decides) and at least kFewestInPostForOwnTurnover in post (the
// Isles of Scilly's turnover went 0, 100%, 0 with 1 or 2 in post: chance, not how its
// rate moves); else pooled over its region's councils. A year with fewer in post, or a
// figure of 0 (a gap in the return), gives no move, in the council's own years or the
// pool. Only years up to `year` are used: a forecast never sees its future.
struct OneYearMove {
  double sd = 0;     // 0 where no move is known (the data's first year)
  bool own = false;  // from the council's own years, not its region's
};
OneYearMove one_year_move(const CswwData& data, const CswwRow& council, const std::vector<std::string>& columns,
                          bool relative);

}  // namespace wfsim::import
