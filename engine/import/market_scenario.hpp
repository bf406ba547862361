#pragma once
// A scenario of every council of one English region, or of all nine (England), from
// the workforce indicators: each council sized from its own row, each region one
// labour market (agency market and pool of seekers) as docs/labour-market.md defines
// it, workers leaving a region's market moving to a neighbouring region's
// (data/regions.yaml), and the agreements in force during the run
// (data/regional_agreements.yaml), with the national rules on request. The data as it
// really is (a council with no permanent staff, joint returns, reorganisations,
// suppressed cells) is handled and every such council is listed in the notes.

#include <string>
#include <vector>

#include "import/baseline_scenario.hpp"
#include "import/csww_data.hpp"

namespace wfsim::import {

struct MarketScenarioOptions {
  std::string duration = "5 years";
  bool national_rules = false;
  std::string regions_file;     // data/regions.yaml
  std::string agreements_file;  // data/regional_agreements.yaml
  // Per-region factors fitted by tools/calibrate-england.py (data/england_calibration.yaml):
  // on councils' own applicants per vacancy and on the agency market's joiners. Empty:
  // none (every factor 1).
  std::string calibration_file;
  std::string engine_version;
  std::string command_line;
};

// `regions`: the regions' names as data/regions.yaml gives them (all nine for England).
Baseline market_scenario(const CswwData& data, const std::vector<std::string>& regions, int year,
                         const MarketScenarioOptions& options);

}  // namespace wfsim::import
