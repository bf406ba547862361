#pragma once
// A baseline scenario written from councils' rows of the official workforce
// indicators: establishment, the state at 30 September, turnover, starters, sickness
// and caseload from the data; notice, time to hire, agency booking and pay from
// documented defaults, each marked as an assumption in the written file.

#include <string>
#include <vector>

#include "import/agreement_rules.hpp"
#include "import/csww_data.hpp"

namespace wfsim::import {

struct BaselineOptions {
  std::string duration = "3 years";
  // Turnover as an uncertain input, {mean, sd}, its sd the council's typical one-year
  // move up to the year (import/year_to_year.hpp).
  bool with_spread = false;
  std::string engine_version;
  std::string command_line;
  // How the councils were found (a code of another year), written before the figures' notes.
  std::vector<std::string> lookup_notes;
};

struct Baseline {
  std::string yaml;
  // Every figure that was suppressed or missing and what stood in for it, and every
  // council the data shows as it really is (merged, joint, without staff) and what was done.
  std::vector<std::string> notes;
  std::size_t council_rows = 0;          // the data's council rows for the year, of the regions written
  std::vector<RuleSource> rule_sources;  // where each rule came from (AgreementsText::sources)
};

// One council, or several (a region) sharing the scenario. The run starts on 1 October
// after the year's 30 September snapshot.
Baseline baseline_scenario(const CswwData& data, const std::vector<const CswwRow*>& councils, int year,
                           const BaselineOptions& options);

}  // namespace wfsim::import
