#include "model/seeking_pool.hpp"

#include <algorithm>
#include <cmath>

#include "kernel/calendar.hpp"
#include "model/engagement_rules.hpp"
#include "model/levers.hpp"
#include "model/pool_limit.hpp"
#include "model/recruitment.hpp"
#include "model/same_time_order.hpp"

namespace wfsim::model {

SeekingPool::SeekingPool(ModelCore& core)
    : core_(core),
      travel_weights_(core.parameters.market),
      arrival_event_(core.routes.add<&SeekingPool::on_arrival>(*this, "a returner or arrival joining the pool")),
      cohort_event_(core.routes.add<&SeekingPool::on_cohort>(*this, "a newly qualified cohort joining the pool")),
      leave_event_(core.routes.add<&SeekingPool::on_leave>(*this, "a seeker leaving the pool")),
      review_event_(core.routes.add<&SeekingPool::on_review>(*this, "a seeker looking at the posts again")),
      next_arrival_(core.roles.markets().size()),
      next_cohort_(core.roles.markets().size()) {
  for (std::uint32_t m = 0; m < core.roles.markets().size(); ++m) seeking_.emplace_back(leave_event_, m);
  weights_.resize(core.roles.markets().size());
  for (std::uint32_t m = 0; m < weights_.size(); ++m) weights_[m].post_weight.resize(core.roles.market(m).roles.size());
  wait_weight_ = std::exp(core.parameters.market.seeker_waits);
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
    next_arrival_[m] = core_.sim.schedule_in(exponential_delay(core_.streams.market(m, Process::pool_arrivals), inflow),
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

double SeekingPool::post_weight(std::uint32_t role) const {
  const RoleInfo& r = core_.roles[role];
  return levers_->pay_weight(role) * core_.workload_weight[r.authority] * r.seeker_appeal_factor;
}

double SeekingPool::travel_weight(std::uint32_t home, std::uint32_t authority) const {
  return travel_weights_[core_.roles.travel(home, authority)];
}

const SeekingPool::MarketWeights& SeekingPool::weights_of(std::uint32_t market) {
  MarketWeights& weights = weights_[market];
  if (weights.pay_changes != levers_->pay_changes() || weights.workload_changes != core_.workload_changes) {
    const std::vector<std::uint32_t>& roles = core_.roles.market(market).roles;
    for (std::size_t k = 0; k < roles.size(); ++k) weights.post_weight[k] = post_weight(roles[k]);
    weights.pay_changes = levers_->pay_changes();
    weights.workload_changes = core_.workload_changes;
  }
  return weights;
}

bool SeekingPool::may_apply_somewhere(std::uint32_t worker) const {
  return may_apply_in(worker, core_.store.worker(worker).market);
}

bool SeekingPool::may_apply_in(std::uint32_t worker, std::uint32_t market) const {
  const std::int32_t left = core_.store.worker(worker).history.last_permanent_authority;
  for (const std::uint32_t authority : core_.roles.market(market).authorities) {
    if (static_cast<std::int32_t>(authority) != left) return true;
  }
  return false;
}

void SeekingPool::seek(std::uint32_t worker) {
  Worker& w = core_.store.worker(worker);
  w.state = WorkerState::seeking;
  w.post = kNone;
  if (!recruitment_->any_waiting(w.market)) {
    join(worker);  // no recruitment waits in their market
    return;
  }
  // The councils with posts waiting for an applicant, never the one whose permanent
  // post they last left (however long ago) nor the post whose offer to them last fell
  // through, each weighed by its post weight and how many posts wait there; or the pool, to
  // wait for a better one.
  // The failed post is left out wherever it waits in its council's queue; the council's
  // other posts stay open to them.
  draw_.clear();
  const MarketWeights& weights = weights_of(w.market);
  const std::vector<std::uint32_t>& roles = core_.roles.market(w.market).roles;
  const std::vector<std::uint32_t>& authorities = core_.roles.market(w.market).authorities;
  for (std::size_t k = 0; k < roles.size(); ++k) {
    const std::uint32_t r = roles[k];
    if (recruitment_->waiting(r) == 0) continue;
    if (static_cast<std::int32_t>(authorities[k]) == w.history.last_permanent_authority) continue;
    const std::size_t open = recruitment_->waiting_except(r, w.failed_post);
    if (open == 0) continue;
    draw_.add(r, static_cast<double>(open) * weights.post_weight[k] * travel_weight(w.home, authorities[k]));
  }
  const std::uint32_t role = draw_.empty()
                                 ? WeightedDraw::kNothing
                                 : draw_.draw(core_.streams.market(w.market, Process::seeker_choice), wait_weight_);
  if (role == WeightedDraw::kNothing) {
    join(worker);
    // Chose to wait with posts open: they look at them again later.
    if (!draw_.empty()) review_later(worker);
    return;
  }
  recruitment_->apply_to_longest_waiting_except(role, worker, w.failed_post);
}

void SeekingPool::review_later(std::uint32_t worker) {
  const double later =
      exponential_delay(core_.streams.market(core_.store.worker(worker).market, Process::seeker_choice),
                        1 / core_.parameters.market.review_interval_days);
  core_.review_at(worker, core_.now() + later, review_event_);
}

void SeekingPool::join(std::uint32_t worker) {
  const std::uint32_t m = core_.store.worker(worker).market;
  const LabourPool* pool = core_.roles.market(m).pool;
  seeking_[m].join(core_.sim, worker, pool ? pool->leaving_per_year / kDaysPerYear : 0.0,
                   core_.streams.market(m, Process::labour_pool));
  check_pool_size(core_.parameters, core_.roles.market(m), seeking_[m].size(), PoolKind::seeking);
}

bool SeekingPool::offer_post(std::uint32_t post) {
  const Post& p = core_.store.post(post);
  const RoleInfo& r = core_.role_of(p);
  TimedPool& pool = seeking_[r.market];
  if (pool.size() == 0) return false;
  // The seekers who may apply, each drawn by how near they live; or nobody, if none
  // wants the post rather than wait for another.
  const double weight = post_weight(p.role);
  draw_.clear();
  for (std::size_t i = 0; i < pool.size(); ++i) {
    const Worker& w = core_.store.worker(pool[i]);
    if (w.history.last_permanent_authority == static_cast<std::int32_t>(r.authority)) continue;
    if (w.failed_post == post) continue;
    draw_.add(static_cast<std::uint32_t>(i), weight * travel_weight(w.home, r.authority));
  }
  if (draw_.empty()) return false;
  const std::uint32_t i = draw_.draw(core_.streams.market(r.market, Process::seeker_choice), wait_weight_);
  if (i == WeightedDraw::kNothing) {
    // Those who let it pass look at the open posts again later, as a seeker who
    // chooses to wait does.
    for (std::size_t k = 0; k < draw_.size(); ++k) review_later(pool[draw_.id(k)]);
    return false;
  }
  const std::uint32_t worker = pool[i];
  pool.take(core_.sim, i);
  recruitment_->consider(post, worker);
  return true;
}

std::size_t SeekingPool::size() const {
  std::size_t n = 0;
  for (const TimedPool& pool : seeking_) n += pool.size();
  return n;
}

void SeekingPool::audit(const std::function<void(const char*)>& fail) const {
  for (const TimedPool& pool : seeking_) {
    for (const std::uint32_t id : pool.members()) {
      const Worker& w = core_.store.worker(id);
      if (core_.sim.pending(w.review_event)) continue;
      for (const std::uint32_t r : core_.roles.market(w.market).roles) {
        if (static_cast<std::int32_t>(core_.roles[r].authority) == w.history.last_permanent_authority) continue;
        if (recruitment_->waiting_except(r, w.failed_post) > 0) {
          fail("a seeker waits with no review to come while a post open to them waits");
        }
      }
    }
  }
  for (std::uint32_t m = 0; m < weights_.size(); ++m) {
    const MarketWeights& weights = weights_[m];
    if (weights.pay_changes != levers_->pay_changes() || weights.workload_changes != core_.workload_changes) continue;
    const std::vector<std::uint32_t>& roles = core_.roles.market(m).roles;
    for (std::size_t k = 0; k < roles.size(); ++k) {
      if (weights.post_weight[k] != post_weight(roles[k])) fail("a kept post weight for seekers is stale");
    }
  }
}

void SeekingPool::on_arrival(std::uint32_t m) {
  const LabourPool& pool = *core_.roles.market(m).pool;
  kernel::RandomStream& s = core_.streams.market(m, Process::pool_arrivals);
  const double inflow = (pool.returners_per_year + pool.arrivals_per_year) / kDaysPerYear;
  next_arrival_[m] = core_.sim.schedule_in(exponential_delay(s, inflow), kPriorityDecision, arrival_event_, m);
  const std::uint32_t worker =
      core_.new_worker(m, pool.experience.sample(core_.streams.market(m, Process::experience)));
  core_.store.worker(worker).home = core_.draw_home(m, s);
  core_.flows.move(core_.flows.categories().outside(), core_.flows.categories().seeking(core_.roles.market(m).region));
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
    core_.store.worker(worker).home = core_.draw_home(m, core_.streams.market(m, Process::newly_qualified));
    core_.flows.move(core_.flows.categories().outside(),
                     core_.flows.categories().seeking(core_.roles.market(m).region));
    seek(worker);
  }
}

void SeekingPool::on_review(std::uint32_t worker) {
  if (core_.store.worker(worker).state != WorkerState::seeking) return;
  TimedPool& pool = seeking_[core_.store.worker(worker).market];
  const DeparturePool& members = pool.members();
  pool.take(core_.sim, static_cast<std::size_t>(std::find(members.begin(), members.end(), worker) - members.begin()));
  seek(worker);
}

void SeekingPool::on_leave(std::uint32_t m) {
  const std::uint32_t worker = seeking_[m].depart(core_.sim);
  const FlowCategories& c = core_.flows.categories();
  if (!move_to_other_region(worker, c.seeking(core_.roles.market(m).region))) {
    core_.flows.move(c.seeking(core_.roles.market(m).region), c.outside());
    core_.store.retire(worker);
  }
}

bool SeekingPool::move_to_other_region(std::uint32_t worker, std::uint32_t from_category) {
  // Leaving (utility 0) or seeking in a neighbouring region's pool instead:
  // other_region, plus the pay term of that region's mean salary against this one's.
  // No draw in a scenario of one region.
  const std::uint32_t m = core_.store.worker(worker).market;
  const MarketInfo& market = core_.roles.market(m);
  draw_.clear();
  const double move = std::exp(core_.parameters.market.other_region);
  for (const std::uint32_t n : market.neighbour_markets) {
    const MarketInfo& there = core_.roles.market(n);
    // Not a region whose only council is the one they left: no post there would take them.
    if (!there.pool || !may_apply_in(worker, n)) continue;
    draw_.add(n, move * pay_factor(there.salary_reference, market.salary_reference, core_.parameters.market.pay));
  }
  if (draw_.empty()) return false;
  kernel::RandomStream& careers = core_.streams.market(m, Process::careers);
  const std::uint32_t to = draw_.draw(careers, 1.0);
  if (to == WeightedDraw::kNothing) return false;
  Worker& w = core_.store.worker(worker);
  w.market = to;
  w.home = core_.draw_home(to, careers);  // from the stream of the region they leave
  core_.flows.move(from_category, core_.flows.categories().seeking(core_.roles.market(to).region));
  seek(worker);
  return true;
}

}  // namespace wfsim::model
