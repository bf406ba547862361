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
  add_seeker(worker);
}

void WorkforceModel::add_seeker(std::uint32_t worker) {
  const std::uint32_t m = workers_[worker].market;
  const LabourPool* pool = markets_[m].pool;
  join_pool(markets_[m].seeking, worker, pool ? pool->leaving_per_year / kDaysPerYear : 0.0,
            market_stream(m, Process::labour_pool), kSeekerLeave, m);
}

bool WorkforceModel::take_seeker(std::uint32_t post) {
  const RoleRuntime& r = roles_[posts_[post].role];
  Market& market = markets_[r.market];
  for (std::size_t i = 0; i < market.seeking.size(); ++i) {
    const std::uint32_t worker = market.seeking[i];
    if (workers_[worker].history.last_permanent_authority == static_cast<std::int32_t>(r.authority)) continue;
    if (workers_[worker].failed_post == post) continue;
    take_from_pool(market.seeking, i, kSeekerLeave, r.market);
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
  markets_[m].seeking.event = {};
  leave_pool(markets_[m].seeking, categories_.seeking(), kSeekerLeave, m);
}

}  // namespace wfsim::model
