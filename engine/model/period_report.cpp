#include "model/period_report.hpp"

#include <algorithm>
#include <boost/random/poisson_distribution.hpp>
#include <cmath>
#include <limits>

#include "kernel/calendar.hpp"
#include "model/agency_market.hpp"
#include "model/engagement_rules.hpp"
#include "model/recruitment.hpp"
#include "model/seeking_pool.hpp"

namespace wfsim::model {

namespace {
const double kNan = std::nan("");
}

PeriodReport::PeriodReport(ModelCore& core, const AgencyMarket& market, const SeekingPool& seeking,
                           const Recruitment& recruitment, const EngagementRules& rules)
    : core_(core), market_(market), seeking_(seeking), recruitment_(recruitment), rules_(rules) {
  // Twelve periods are twelve calendar months unless one is cut short: a run that
  // starts or ends part-way through a month. Then their leavers are of fewer days than
  // a year's, and are scaled up to a year's (a first window of 351 days read 4% low).
  // The same for every row and replication: worked out once here, not per row.
  const ModelParameters& p = core_.parameters;
  for (std::size_t period = 0; period < core_.period_ends.size(); ++period) {
    const std::size_t from_warmup = period + 1 < kTurnoverMonths ? kTurnoverMonths - 1 - period : 0;
    const std::int64_t first = from_warmup > 0 ? kernel::add_months(p.report_start_day, -static_cast<int>(from_warmup))
                               : period + 1 == kTurnoverMonths ? p.report_start_day
                                                               : core_.period_ends[period - kTurnoverMonths];
    const std::int64_t end = core_.period_ends[period];
    const bool whole = kernel::is_first_of_month(first) && kernel::is_first_of_month(end);
    turnover_year_scale_.push_back(whole ? 1.0 : kDaysPerYear / static_cast<double>(end - first));
  }
}

void PeriodReport::record(std::size_t period, SeriesTable& out) {
  const std::uint32_t authorities = core_.roles.authorities();
  AuthorityTally region;
  double region_sickness = 0;
  int region_posts = 0;
  for (std::uint32_t a = 0; a < authorities; ++a) {
    const AuthorityTally& t = core_.tallies[a];
    double sickness = 0;
    if (t[Aux::sickness_expected] > 0) {
      sickness = boost::random::poisson_distribution<int, double>(t[Aux::sickness_expected])(
          core_.streams.authority(a, Process::sickness));
    }
    if (authorities > 1) {
      region += t;
      region_sickness += sickness;
      region_posts += core_.roles.permanent_posts(a);
    }
    const Row row{a, &t, core_.roles.permanent_posts(a)};
    record_row(row, period, out);
    out.at(Measure::sickness_days, a, period) = sickness;
    const double cap = lowest_charge_cap(a);
    out.at(Measure::agency_rate_cap, a, period) = std::isfinite(cap) ? cap : kNan;
    const WorkloadFeedback& feedback = core_.parameters.authorities[a].workload;
    out.at(Measure::caseload, a, period) =
        feedback.enabled ? feedback.caseload_at_full_cover * posts_per_worker_at_work(t, core_.roles.all_posts(a))
                         : kNan;
  }
  if (authorities > 1) {
    record_row(Row{authorities, &region, region_posts}, period, out);
    out.at(Measure::sickness_days, authorities, period) = region_sickness;
    out.at(Measure::agency_rate_cap, authorities, period) = kNan;
    out.at(Measure::caseload, authorities, period) = kNan;
  }
  record_market(period, out);
  for (std::size_t i = 0; i < out.rules(); ++i) out.refused(i, period) = rules_.refused_by_rule(i);
}

// Over every role of the council: its roles may be capped apart (team managers above
// social workers), and the first listed role's cap made the figure hang on the
// scenario's order of roles.
double PeriodReport::lowest_charge_cap(std::uint32_t authority) const {
  double cap = std::numeric_limits<double>::infinity();
  for (std::uint32_t r = core_.roles.first_role(authority);
       r < core_.roles.size() && core_.roles[r].authority == authority; ++r) {
    cap = std::min(cap, market_.prices().charge_cap(r));
  }
  return cap;
}

void PeriodReport::remember_warmup_month() {
  const std::uint32_t authorities = core_.roles.authorities();
  const std::size_t rows = PeriodReport::rows(core_.parameters);
  if (warmup_month_count() == kTurnoverMonths - 1) {
    warmup_months_.erase(warmup_months_.begin(), warmup_months_.begin() + static_cast<std::ptrdiff_t>(rows));
  }
  MonthTurnover region;
  for (std::uint32_t a = 0; a < authorities; ++a) {
    const AuthorityTally& t = core_.tallies[a];
    const MonthTurnover month{t[Measure::leavers_permanent], t[Measure::permanent_headcount]};
    warmup_months_.push_back(month);
    // Summed in the order record() adds the authorities into the region's row.
    region.leavers += month.leavers;
    region.headcount += month.headcount;
  }
  if (rows > authorities) warmup_months_.push_back(region);
}

void PeriodReport::record_market(std::size_t period, SeriesTable& out) {
  // Idle agency workers barred by a rule, per authority and anywhere; the idle workers
  // and the seekers of each council's region (its markets, every role), on the
  // council's row; and of every region on the total row.
  const std::uint32_t authorities = core_.roles.authorities();
  barred_.assign(authorities, 0);
  idle_by_region_.assign(core_.roles.regions(), 0);
  seeking_by_region_.assign(core_.roles.regions(), 0);
  int barred_anywhere = 0;
  // The rules and bars as they stood through the period's last day, as the snapshot's
  // other figures are (agency_rate_cap: the cap the prices were set by): at the period
  // end's own instant, a rule or bar ending on the 1st no longer counted, and one
  // starting then counted in a period in which it refused nobody.
  const double end_of_last_day = std::nextafter(core_.now(), -std::numeric_limits<double>::infinity());
  for (std::uint32_t m = 0; m < core_.roles.markets().size(); ++m) {
    const MarketInfo& market = core_.roles.market(m);
    idle_by_region_[market.region] += static_cast<double>(market_.idle(m).size());
    seeking_by_region_[market.region] +=
        static_cast<double>(recruitment_.candidates(m) + recruitment_.trainees_waiting(m) + seeking_.size(m));
    barred_anywhere += rules_.count_barred(market_.idle(m), market, end_of_last_day, barred_);
  }
  // The total row: the regions' figures added up (whole numbers, so exactly).
  double idle = 0, seeking = 0;
  for (std::uint32_t region = 0; region < core_.roles.regions(); ++region) {
    idle += idle_by_region_[region];
    seeking += seeking_by_region_[region];
  }
  const std::size_t rows = PeriodReport::rows(core_.parameters);
  for (std::size_t row = 0; row < rows; ++row) {
    const bool council = row < authorities;
    const std::uint32_t region = council ? core_.roles.region_of(static_cast<std::uint32_t>(row)) : 0;
    out.at(Measure::agency_idle_barred, row, period) = council ? barred_[row] : barred_anywhere;
    out.at(Measure::agency_idle, row, period) = council ? idle_by_region_[region] : idle;
    out.at(Measure::seeking_pool, row, period) = council ? seeking_by_region_[region] : seeking;
  }
}

void PeriodReport::record_row(const Row& row, std::size_t period, SeriesTable& out) const {
  for (const Measure m : kTallyMeasures) out.at(m, row.row, period) = (*row.tally)[m];
  record_derived(row, period, out);
}

void PeriodReport::record_derived(const Row& row, std::size_t period, SeriesTable& out) const {
  const AuthorityTally& t = *row.tally;
  auto set = [&](Measure m, double value) { out.at(m, row.row, period) = value; };
  auto mean = [](double sum, double n) { return n > 0 ? sum / n : kNan; };
  const double permanent = t[Measure::permanent_headcount];
  const double agency = t[Measure::agency_headcount];
  set(Measure::vacancy_rate, row.permanent_posts > 0 ? t[Measure::vacancies] / row.permanent_posts : kNan);
  set(Measure::uncovered_gap, t[Measure::vacancies] + t[Aux::temporary_posts] + t[Measure::long_absences] -
                                  t[Measure::agency_covering_vacancies] - t[Measure::agency_covering_absences]);
  set(Measure::agency_share, permanent + agency > 0 ? agency / (permanent + agency) : kNan);
  set(Measure::time_to_offer, mean(t[Aux::offer_days], t[Aux::offers_accepted]));
  set(Measure::time_to_start, mean(t[Aux::start_days], t[Aux::recruited_starters]));
  set(Measure::time_to_fill, mean(t[Aux::fill_days], t[Measure::starters_permanent]));
  set(Measure::agency_time_to_hire, mean(t[Aux::agency_hire_days], t[Measure::starters_agency]));
  const double permanent_cost = t[Measure::permanent_staff_cost];
  const double agency_cost = t[Measure::agency_spend];
  const double policy_cost = t[Measure::policy_cost];
  set(Measure::staff_cost, permanent_cost + agency_cost);
  set(Measure::total_cost, permanent_cost + agency_cost + policy_cost);
  const double filled = permanent - t[Measure::long_absences] + agency;
  set(Measure::cost_per_filled_post, filled > 0 ? (permanent_cost + agency_cost + policy_cost) / filled : kNan);
  set(Measure::agency_rate_paid, t[Aux::agency_hours] > 0 ? agency_cost / t[Aux::agency_hours] : kNan);
  // Rolling turnover from the periods already recorded and, in the first 11, the
  // warm-up's last months, summed oldest first as a later period's are.
  double turnover = kNan;
  const std::size_t from_warmup = period + 1 < kTurnoverMonths ? kTurnoverMonths - 1 - period : 0;
  const std::size_t remembered = warmup_month_count();
  if (from_warmup <= remembered) {
    double leavers = 0, headcount = 0;
    const std::size_t rows = PeriodReport::rows(core_.parameters);
    for (std::size_t m = remembered - from_warmup; m < remembered; ++m) {
      leavers += warmup_months_[m * rows + row.row].leavers;
      headcount += warmup_months_[m * rows + row.row].headcount;
    }
    for (std::size_t k = period + from_warmup + 1 - kTurnoverMonths; k <= period; ++k) {
      leavers += out.at(Measure::leavers_permanent, row.row, k);
      headcount += out.at(Measure::permanent_headcount, row.row, k);
    }
    turnover = headcount > 0 ? leavers / (headcount / 12.0) : kNan;
    turnover *= turnover_year_scale_[period];
  }
  set(Measure::turnover_12m, turnover);
}

}  // namespace wfsim::model
