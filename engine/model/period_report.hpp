#pragma once
// The end-of-period report: every authority's snapshot and flows, and the region's
// row, written to the replication's series table. It observes the model and never
// changes it; the only draw it makes is the short-sickness count, from its own stream.

#include <cstdint>
#include <vector>

#include "model/model_core.hpp"
#include "model/series_table.hpp"

namespace wfsim::model {

class AgencyMarket;
class EngagementRules;
class Recruitment;
class SeekingPool;

class PeriodReport {
 public:
  PeriodReport(ModelCore& core, const AgencyMarket& market, const SeekingPool& seeking, const Recruitment& recruitment,
               const EngagementRules& rules);

  // Rows: one per authority, plus the region's total when there is more than one.
  static std::size_t rows(const ModelParameters& p) {
    return p.authorities.size() + (p.authorities.size() > 1 ? 1 : 0);
  }

  // The period's row of every measure, from tallies the caller has accrued to now.
  void record(std::size_t period, SeriesTable& out);

  // A warm-up's whole calendar months, kept so that the first reported months' rolling
  // turnover (turnover_12m) reaches back into them as a later month's reaches back into
  // reported ones. remember_warmup_month() takes the month just ended from the
  // tallies, which must be accrued and not yet reset; forget_warmup_months() drops
  // them, at each replication's start and when the warm-up ends part-way through a
  // month (its leavers since the month's start are not counted anywhere).
  void remember_warmup_month();
  void forget_warmup_months() { warmup_months_.clear(); }

 private:
  struct Row {
    std::size_t row;
    const AuthorityTally* tally;
    int permanent_posts;
  };
  void record_row(const Row& row, std::size_t period, SeriesTable& out) const;
  void record_derived(const Row& row, std::size_t period, SeriesTable& out) const;
  void record_market(std::size_t period, SeriesTable& out);
  // The lowest charge cap binding every worker at any of the authority's roles.
  double lowest_charge_cap(std::uint32_t authority) const;

  ModelCore& core_;
  const AgencyMarket& market_;
  const SeekingPool& seeking_;
  const Recruitment& recruitment_;
  const EngagementRules& rules_;
  std::vector<int> barred_;
  std::vector<double> idle_by_region_;     // idle agency workers in the region's markets
  std::vector<double> seeking_by_region_;  // the region's pool, pipelines and trainees waiting
  struct MonthTurnover {
    double leavers = 0;
    double headcount = 0;  // at the month's end
  };
  static constexpr std::size_t kTurnoverMonths = 12;
  // The last warm-up months (at most 11), oldest first, `rows` entries each.
  std::vector<MonthTurnover> warmup_months_;
  // Per period: 1, or 365.25 / the days of its turnover window where a period in it is
  // cut short (turnover_12m).
  std::vector<double> turnover_year_scale_;
  std::size_t warmup_month_count() const { return warmup_months_.size() / rows(core_.parameters); }
};

}  // namespace wfsim::model
