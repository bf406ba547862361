#pragma once
// A baseline scenario written from councils' rows of the official workforce
// indicators: establishment, the state at 30 September, turnover, starters, sickness
// and caseload from the data; notice, time to hire, agency booking and pay from
// documented defaults, each marked as an assumption in the written file.

#include <string>
#include <vector>

#include "import/csww_data.hpp"

namespace wfsim::import {

struct BaselineOptions {
  std::string duration = "3 years";
  std::string engine_version;
  std::string command_line;
};

struct Baseline {
  std::string yaml;
  // Every figure that was suppressed or missing and what stood in for it.
  std::vector<std::string> notes;
};

// One council, or several (a region) sharing the scenario. The run starts on 1 October
// after the year's 30 September snapshot.
Baseline baseline_scenario(const CswwData& data, const std::vector<const CswwRow*>& councils, int year,
                           const BaselineOptions& options);

}  // namespace wfsim::import
