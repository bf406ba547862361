#pragma once
// One council's figures for a single-council baseline scenario, each with where it came
// from: its size and state at 30 September, turnover, starters, sickness and caseload.
// Suppressed or missing figures fall back as CouncilFigures says, and each fallback is
// noted for the user, in the order the figures are worked out.

#include <string>
#include <vector>

#include "import/council_figures.hpp"
#include "import/csww_data.hpp"

namespace wfsim::import {

// ASSUMPTION: one offer in five falls through, so applicants are starters / 0.8.
inline constexpr double kBaselineOfferFailure = 0.2;

struct CouncilBaseline {
  Sourced headcount;  // permanent workers in post, as the data gives them
  int in_post = 0;    // the same, a whole number
  Sourced fte_per_worker;
  Sourced vacancies;  // in workers' posts
  int vacant = 0;
  Sourced agency;  // agency workers
  int agency_workers = 0;
  Sourced cover;               // agency workers covering vacancies, before the cap below
  int covering_vacancies = 0;  // at most the vacancies and the agency workers
  int temporary = 0;           // agency workers not covering a vacancy: temporary posts
  Sourced turnover;
  // With a spread, turnover as `{mean: M, sd: S}` and the spread's source; else M, "".
  std::string turnover_text, spread_source;
  Sourced starters;
  double applicants_per_year = 0;
  Sourced sickness_days;  // short sickness, days a year per worker
  Sourced caseload;
};

// Throws ImportError where the council cannot be sized on its own (nobody in post, or
// neither headcount nor FTE).
CouncilBaseline council_baseline(const CswwData& data, const CswwRow& council, std::vector<std::string>& notes,
                                 bool with_spread);

}  // namespace wfsim::import
