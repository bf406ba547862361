// Reporting: the end-of-period snapshot and flows of every authority.
#include <boost/random/poisson_distribution.hpp>
#include <cmath>

#include "model/model_events.hpp"
#include "model/workforce_model.hpp"

namespace wfsim::model {

using namespace detail;

void WorkforceModel::on_period_end() {
  record_period(next_period_);
  ++next_period_;
  if (next_period_ < period_ends_.size()) {
    sim_.schedule_at(static_cast<double>(period_ends_[next_period_] - parameters_.start_day), kPriorityPeriodEnd,
                     kPeriodEnd, 0);
  }
}

void WorkforceModel::record_period(std::size_t period) {
  const double nan = std::nan("");
  for (std::uint32_t a = 0; a < tallies_.size(); ++a) {
    AuthorityTally& t = tallies_[a];
    t.accrue(sim_.now());
    const int permanent_posts = permanent_posts_[a];
    auto set = [&](Measure m, double value) { out_->at(m, a, period) = value; };
    auto mean = [&](double sum, int n) { return n > 0 ? sum / n : nan; };
    set(Measure::permanent_headcount, t.permanent_headcount);
    set(Measure::permanent_fte, t.permanent_fte);
    set(Measure::agency_headcount, t.agency_headcount);
    set(Measure::vacancies, t.vacancies);
    set(Measure::vacancy_rate, permanent_posts > 0 ? double(t.vacancies) / permanent_posts : nan);
    set(Measure::long_absences, t.absences);
    set(Measure::agency_covering_vacancies, t.agency_covering_vacancies);
    set(Measure::agency_covering_absences, t.agency_covering_absences);
    set(Measure::uncovered_gap,
        t.vacancies + t.unfilled_temporary + t.absences - t.agency_covering_vacancies - t.agency_covering_absences);
    const int workforce = t.permanent_headcount + t.agency_headcount;
    set(Measure::agency_share, workforce > 0 ? double(t.agency_headcount) / workforce : nan);
    set(Measure::starters_permanent, t.starters_permanent);
    set(Measure::starters_agency, t.starters_agency);
    set(Measure::leavers_permanent, t.leavers_permanent);
    set(Measure::leavers_to_outside, t.leavers_by_destination[0]);
    set(Measure::leavers_to_other_council, t.leavers_by_destination[1]);
    set(Measure::leavers_to_agency, t.leavers_by_destination[2]);
    set(Measure::leavers_agency, t.leavers_agency);
    set(Measure::time_to_offer, mean(t.offer_days_sum, t.offers_accepted));
    set(Measure::time_to_start, mean(t.start_days_sum, t.starters_permanent));
    set(Measure::time_to_fill, mean(t.fill_days_sum, t.starters_permanent));
    set(Measure::agency_time_to_hire, mean(t.agency_hire_days_sum, t.starters_agency));
    set(Measure::offers_failed, t.offers_failed);
    set(Measure::recruitments_open, t.recruitments_open);
    set(Measure::agency_bookings_waiting, t.bookings_waiting);
    double sickness = 0;
    if (t.sickness_expected > 0) {
      sickness = boost::random::poisson_distribution<int, double>(t.sickness_expected)(stream(a, Process::sickness));
    }
    set(Measure::sickness_days, sickness);
    set(Measure::agency_spend, t.agency_cost);
    set(Measure::permanent_staff_cost, t.permanent_cost);
    set(Measure::staff_cost, t.permanent_cost + t.agency_cost);
    // Rolling turnover from the periods already recorded.
    double turnover = nan;
    if (period >= 11) {
      double leavers = 0, headcount = 0;
      for (std::size_t k = period - 11; k <= period; ++k) {
        leavers += out_->at(Measure::leavers_permanent, a, k);
        headcount += out_->at(Measure::permanent_headcount, a, k);
      }
      turnover = headcount > 0 ? leavers / (headcount / 12.0) : nan;
    }
    set(Measure::turnover_12m, turnover);
    t.reset_flows();
  }
}

}  // namespace wfsim::model
