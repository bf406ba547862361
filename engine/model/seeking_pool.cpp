#include "model/seeking_pool.hpp"

#include <cmath>

#include "kernel/calendar.hpp"
#include "model/engagement_rules.hpp"
#include "model/recruitment.hpp"
#include "model/same_time_order.hpp"

namespace wfsim::model {

SeekingPool::SeekingPool(ModelCore& core)
    : core_(core),
      arrival_event_(core.routes.add<&SeekingPool::on_arrival>(*this, "a returner or arrival joining the pool")),
      cohort_event_(core.routes.add<&SeekingPool::on_cohort>(*this, "a newly qualified cohort joining the pool")),
      leave_event_(core.routes.add<&SeekingPool::on_leave>(*this, "a seeker leaving the pool")),
      next_arrival_(core.roles.markets().size()),
      next_cohort_(core.roles.markets().size()) {
  for (std::uint32_t m = 0; m < core.roles.markets().size(); ++m) seeking_.emplace_back(leave_event_, m);
}

void SeekingPool::reset() {
  for (std::uint32_t m = 0; m < seeking_.size(); ++m) {
    seeking_[m].clear();
    next_arrival_[m] = next_cohort_[m] = {};
  }
}

void SeekingPool::start(std::uint32_t m) {
  const LabourPool* pool = core_.roles.market(m).pool;
  if (!pool) return;
  const double inflow = (pool->returners_per_year + pool->arrivals_per_year) / kDaysPerYear;
  if (inflow > 0) {
    next_arrival_[m] = core_.sim.schedule_in(exponential_delay(core_.streams.market(m, Process::labour_pool), inflow),
                                             kPriorityDecision, arrival_event_, m);
  }
  if (pool->newly_qualified_per_year > 0) {
    // The first cohort joins on the 1st of the cohort month on or after the start.
    const std::int64_t start_day = core_.parameters.start_day;
    kernel::CivilDate first = kernel::civil_from_days(start_day);
    first.day = 1;
    first.month = pool->newly_qualified_month;
    std::int64_t day = kernel::days_from_civil(first);
    if (day < start_day) day = kernel::add_months(day, 12);
    next_cohort_[m] = core_.sim.schedule_at(static_cast<double>(day - start_day), kPriorityDecision, cohort_event_, m);
  }
}

std::uint32_t SeekingPool::best_role_for(const Worker& w) {
  // Never the council they have just left. The ranking strategy picks among councils:
  // the best-paid first, or the longest-waiting first.
  const MarketInfo& market = core_.roles.market(w.market);
  const bool by_pay = core_.parameters.agency_ranking == AgencyRanking::highest_rate_first;
  std::uint32_t best_role = kNone;
  double best_key = 0;
  // By pay, the first council in pay order with a post to offer is the best: stop there.
  for (const std::uint32_t r : by_pay ? market.salary_order : market.roles) {
    if (!recruitment_->any_waiting(w.market)) break;  // no recruitment waits anywhere
    if (static_cast<std::int32_t>(core_.roles[r].authority) == w.history.last_permanent_authority) continue;
    const std::uint32_t post = recruitment_->longest_waiting(r);
    if (post == kNone || post == w.failed_post) continue;
    if (by_pay) return r;
    const double key = -core_.store.post(post).recruitment_opened_at;
    if (best_role == kNone || key > best_key) {
      best_role = r;
      best_key = key;
    }
  }
  return best_role;
}

void SeekingPool::seek(std::uint32_t worker) {
  Worker& w = core_.store.worker(worker);
  w.state = WorkerState::seeking;
  w.post = kNone;
  const std::uint32_t role = best_role_for(w);
  if (role != kNone) {
    recruitment_->apply_to_longest_waiting(role, worker);
    return;
  }
  join(worker);
}

void SeekingPool::join(std::uint32_t worker) {
  const std::uint32_t m = core_.store.worker(worker).market;
  const LabourPool* pool = core_.roles.market(m).pool;
  seeking_[m].join(core_.sim, worker, pool ? pool->leaving_per_year / kDaysPerYear : 0.0,
                   core_.streams.market(m, Process::labour_pool));
}

bool SeekingPool::offer_post(std::uint32_t post) {
  const RoleInfo& r = core_.role_of(core_.store.post(post));
  TimedPool& pool = seeking_[r.market];
  for (std::size_t i = 0; i < pool.size(); ++i) {
    const std::uint32_t worker = pool[i];
    const Worker& w = core_.store.worker(worker);
    if (w.history.last_permanent_authority == static_cast<std::int32_t>(r.authority)) continue;
    if (w.failed_post == post) continue;
    pool.take(core_.sim, i);
    recruitment_->consider(post, worker);
    return true;
  }
  return false;
}

std::size_t SeekingPool::size() const {
  std::size_t n = 0;
  for (const TimedPool& pool : seeking_) n += pool.size();
  return n;
}

void SeekingPool::on_arrival(std::uint32_t m) {
  const LabourPool& pool = *core_.roles.market(m).pool;
  kernel::RandomStream& s = core_.streams.market(m, Process::labour_pool);
  const double inflow = (pool.returners_per_year + pool.arrivals_per_year) / kDaysPerYear;
  next_arrival_[m] = core_.sim.schedule_in(exponential_delay(s, inflow), kPriorityDecision, arrival_event_, m);
  const std::uint32_t worker =
      core_.new_worker(m, pool.experience.sample(core_.streams.market(m, Process::experience)));
  core_.flows.move(core_.flows.categories().outside(), core_.flows.categories().seeking());
  seek(worker);
}

void SeekingPool::on_cohort(std::uint32_t m) {
  const LabourPool& pool = *core_.roles.market(m).pool;
  const std::int64_t start_day = core_.parameters.start_day;
  const auto today = start_day + static_cast<std::int64_t>(std::floor(core_.now()));
  next_cohort_[m] = core_.sim.schedule_at(static_cast<double>(kernel::add_months(today, 12) - start_day),
                                          kPriorityDecision, cohort_event_, m);
  for (int i = 0; i < pool.newly_qualified_per_year; ++i) {
    const std::uint32_t worker = core_.new_worker(m, 0.0);  // qualified today
    core_.flows.move(core_.flows.categories().outside(), core_.flows.categories().seeking());
    seek(worker);
  }
}

void SeekingPool::on_leave(std::uint32_t m) {
  const std::uint32_t worker = seeking_[m].depart(core_.sim);
  core_.flows.move(core_.flows.categories().seeking(), core_.flows.categories().outside());
  core_.store.retire(worker);
}

}  // namespace wfsim::model
