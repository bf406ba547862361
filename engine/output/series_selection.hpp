#pragma once
// Which per-replication series a results file keeps. Summaries of every measure are
// always kept; series are what grow with the replication count, so a run keeps those
// an analyst needs per replication and no more (`wfsim run --keep`).
//
// The default keeps the counts the headline figures are made from, so that paired
// differences, exceedance chances and group totals of the agency share, the vacancy
// rate, the uncovered gap, starters and leavers can be worked out per replication,
// with the rules' leakage and refusals (rule_effect), and agency spend, the one money
// measure every comparison reports. Counts are stored as integers and cost about a
// byte a value (a count that is nearly always 0, much less); real numbers cost most
// of their eight.

#include <string>
#include <vector>

#include "model/measures.hpp"

namespace wfsim::output {

class SeriesSelection {
 public:
  // The default: kStandardSeries and the rules' refusals.
  SeriesSelection();
  // "standard" (the default), "all", "summaries" (no series) or "series=NAME,NAME,..."
  // (those measures' series, and the rules' refusals if "refused" is among the names).
  // Throws
  // std::invalid_argument with a message naming what is wrong.
  static SeriesSelection parse(const std::string& spec);
  static SeriesSelection all();

  bool keeps(model::Measure m) const { return measures_[static_cast<std::size_t>(m)]; }
  bool keeps_refusals() const { return refusals_; }
  bool keeps_any() const;
  // As recorded in a results file's `kept_series` attribute: "all", "summaries", or
  // "series=" and the names (in the measures' order; 'refused' only `with_rules`).
  std::string describe(bool with_rules) const;
  // The standard series' names, for messages and help.
  static std::string standard_names();

 private:
  std::vector<bool> measures_;
  bool refusals_ = true;
};

inline constexpr model::Measure kStandardSeries[] = {
    model::Measure::permanent_headcount, model::Measure::agency_headcount,           model::Measure::vacancies,
    model::Measure::uncovered_gap,       model::Measure::starters_permanent,         model::Measure::starters_agency,
    model::Measure::leavers_permanent,   model::Measure::leavers_to_agency,          model::Measure::agency_spend,
    model::Measure::agency_leakage,      model::Measure::agency_engagements_refused,
};

}  // namespace wfsim::output
