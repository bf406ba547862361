#pragma once
// The measures the model reports for each authority and reporting period.
//
// This list is the single source of truth for measure names, units and meanings: the
// HDF5 writer, `wfsim` messages and the test that checks docs/output-format.md all
// read it.

#include <array>
#include <cstddef>
#include <string_view>

namespace wfsim::model {

enum class Measure : std::size_t {
  permanent_headcount,
  permanent_fte,
  agency_headcount,
  vacancies,
  vacancy_rate,
  long_absences,
  agency_covering_vacancies,
  agency_covering_absences,
  uncovered_gap,
  agency_share,
  starters_permanent,
  starters_agency,
  leavers_permanent,
  leavers_to_outside,
  leavers_to_other_council,
  leavers_to_agency,
  leavers_agency,
  turnover_12m,
  time_to_offer,
  time_to_start,
  time_to_fill,
  agency_time_to_hire,
  offers_failed,
  recruitments_open,
  agency_bookings_waiting,
  sickness_days,
  agency_spend,
  permanent_staff_cost,
  staff_cost,
  starters_from_pool,
  agency_conversions,
  agency_engagements_refused,
  agency_leakage,
  agency_idle_barred,
  agency_rate_paid,
  agency_rate_cap,
  agency_idle,
  seeking_pool,
  policy_cost,
  total_cost,
  cost_per_filled_post,
  caseload,
  count_  // not a measure: the number of measures
};

constexpr std::size_t kMeasureCount = static_cast<std::size_t>(Measure::count_);

enum class MeasureKind { snapshot, flow };

struct MeasureInfo {
  Measure measure;
  std::string_view name;
  std::string_view units;
  MeasureKind kind;
  std::string_view description;
};

extern const std::array<MeasureInfo, kMeasureCount> kMeasures;

inline const MeasureInfo& info(Measure m) { return kMeasures[static_cast<std::size_t>(m)]; }

}  // namespace wfsim::model
