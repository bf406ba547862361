// The region's pool of workers seeking permanent posts: newly qualified cohorts,
// returners, arrivals from outside, and permanent leavers moving to another council.
#include <algorithm>
#include <cmath>

#include "kernel/calendar.hpp"
#include "model/model_events.hpp"
#include "model/workforce_model.hpp"

namespace wfsim::model {

using namespace detail;

void WorkforceModel::seek_permanent(std::uint32_t worker) {
  Worker& w = workers_[worker];
  Market& market = markets_[w.market];
  w.state = WorkerState::seeking;
  w.post = kNone;
  // Offer them to a recruitment waiting for an applicant, never at the council they
  // have just left. The ranking strategy picks among councils: the best-paid first, or
  // the longest-waiting first.
  std::uint32_t best_role = kNone;
  double best_key = 0;
  const bool by_pay = parameters_.agency_ranking == AgencyRanking::highest_rate_first;
  // By pay, the first council in pay order with a post to offer is the best: stop there.
  for (const std::uint32_t r : by_pay ? market.salary_order : market.roles) {
    if (market.awaiting_applicants == 0) break;  // no recruitment waits anywhere
    RoleRuntime& role = roles_[r];
    if (static_cast<std::int32_t>(role.authority) == w.history.last_permanent_authority) continue;
    if (!has_waiting_recruitment(role) || role.waiting_for_applicant.front().post == w.failed_post) continue;
    if (by_pay) {
      best_role = r;
      break;
    }
    const double key = -posts_[role.waiting_for_applicant.front().post].recruitment_opened_at;
    if (best_role == kNone || key > best_key) {
      best_role = r;
      best_key = key;
    }
  }
  if (best_role != kNone) {
    consider_applicant(roles_[best_role].waiting_for_applicant.pop().post, worker);
    return;
  }
  market.seeking.push_back(worker);
  reschedule_seeker_leaving(w.market);
}

bool WorkforceModel::take_seeker(std::uint32_t post) {
  const RoleRuntime& r = roles_[posts_[post].role];
  Market& market = markets_[r.market];
  for (auto it = market.seeking.begin(); it != market.seeking.end(); ++it) {
    if (workers_[*it].history.last_permanent_authority == static_cast<std::int32_t>(r.authority)) continue;
    if (workers_[*it].failed_post == post) continue;
    const std::uint32_t worker = *it;
    market.seeking.erase(it);
    reschedule_seeker_leaving(r.market);
    consider_applicant(post, worker);
    return true;
  }
  return false;
}

void WorkforceModel::on_pool_arrival(std::uint32_t m) {
  Market& market = markets_[m];
  const LabourPool& pool = *market.pool;
  kernel::RandomStream& s = market_stream(m, Process::labour_pool);
  const double inflow = (pool.returners_per_year + pool.arrivals_per_year) / kDaysPerYear;
  market.pool_arrival_event = sim_.schedule_in(exponential_delay(s, inflow), kPriorityDecision, kPoolArrival, m);
  const std::uint32_t worker = new_worker(m, pool.experience.sample(market_stream(m, Process::experience)));
  flow(categories_.outside(), categories_.seeking());
  seek_permanent(worker);
}

void WorkforceModel::on_cohort(std::uint32_t m) {
  Market& market = markets_[m];
  const LabourPool& pool = *market.pool;
  const auto today = parameters_.start_day + static_cast<std::int64_t>(std::floor(sim_.now()));
  market.cohort_event = sim_.schedule_at(static_cast<double>(kernel::add_months(today, 12) - parameters_.start_day),
                                         kPriorityDecision, kCohort, m);
  for (int i = 0; i < pool.newly_qualified_per_year; ++i) {
    const std::uint32_t worker = new_worker(m, 0.0);  // qualified today
    flow(categories_.outside(), categories_.seeking());
    seek_permanent(worker);
  }
}

void WorkforceModel::on_seeker_leave(std::uint32_t m) {
  Market& market = markets_[m];
  market.seeker_leave_event = {};
  leave_pool(market.seeking, market_stream(m, Process::labour_pool), categories_.seeking());
  reschedule_seeker_leaving(m);
}

void WorkforceModel::reschedule_seeker_leaving(std::uint32_t m) {
  Market& market = markets_[m];
  const double rate_each = market.pool ? market.pool->leaving_per_year / kDaysPerYear : 0.0;
  reschedule_pool_departure(market.seeker_leave_event, rate_each, market.seeking.size(),
                            market_stream(m, Process::labour_pool), kSeekerLeave, m);
}

}  // namespace wfsim::model
