#include "model/agency_market.hpp"

#include <algorithm>

#include "model/agency_cover.hpp"
#include "model/engagement_rules.hpp"
#include "model/same_time_order.hpp"

namespace wfsim::model {

AgencyMarket::AgencyMarket(ModelCore& core)
    : core_(core),
      join_event_(core.routes.add<&AgencyMarket::on_join>(*this, "an agency worker joining the market")),
      leave_event_(core.routes.add<&AgencyMarket::on_leave>(*this, "an idle agency worker leaving the market")),
      eligibility_event_(core.routes.add<&AgencyMarket::on_eligibility>(*this, "a rule ceasing to refuse a worker")),
      awaiting_supply_(core.roles.markets().size()),
      next_join_(core.roles.markets().size()),
      rate_order_(core.roles.markets().size()),
      rate_per_hour_(core.roles.size()),
      waiting_(core.roles.size()) {
  for (std::uint32_t m = 0; m < core.roles.markets().size(); ++m) idle_.emplace_back(leave_event_, m);
}

void AgencyMarket::wire(AgencyCover& cover, EngagementRules& rules) {
  cover_ = &cover;
  rules_ = &rules;
}

void AgencyMarket::reset() {
  for (std::uint32_t m = 0; m < idle_.size(); ++m) {
    idle_[m].clear();
    awaiting_supply_[m] = 0;
    next_join_[m] = {};
  }
  for (auto& queue : waiting_) queue.clear();
}

void AgencyMarket::start(std::uint32_t m) {
  const MarketInfo& market = core_.roles.market(m);
  if (!market.finite()) return;
  const auto available = static_cast<long>(market.supply->available_at_start);
  kernel::RandomStream& experience = core_.streams.market(m, Process::experience);
  for (long i = 0; i < available; ++i) {
    const std::uint32_t w = core_.new_worker(m, market.supply->experience.sample(experience));
    core_.store.worker(w).state = WorkerState::agency_idle;
    add_idle(w);
  }
  if (market.joining_rate > 0) {
    next_join_[m] =
        core_.sim.schedule_in(exponential_delay(core_.streams.market(m, Process::agency_market), market.joining_rate),
                              kPriorityDecision, join_event_, m);
  }
}

void AgencyMarket::reprice() {
  const RuleBook& book = rules_->book();
  for (std::uint32_t r = 0; r < core_.roles.size(); ++r) {
    const RoleInfo& role = core_.roles[r];
    rate_per_hour_[r] =
        book.agency_rate(role.role->name, role.authority, role.role->pay.agency_rate_per_hour, core_.now());
  }
  for (std::uint32_t m = 0; m < rate_order_.size(); ++m) {
    rate_order_[m] = core_.roles.market(m).roles;
    std::stable_sort(rate_order_[m].begin(), rate_order_[m].end(),
                     [&](std::uint32_t a, std::uint32_t b) { return rate_per_hour_[a] > rate_per_hour_[b]; });
  }
}

std::uint32_t AgencyMarket::find_for_booking(std::uint32_t post) {
  Post& p = core_.store.post(post);
  const RoleInfo& r = core_.role_of(p);
  const FlowCategories& c = core_.flows.categories();
  if (!core_.roles.market(r.market).finite()) {
    // Unlimited supply: someone eligible always comes, from outside the region.
    const std::uint32_t worker =
        core_.new_worker(r.market, r.role->experience.sample(core_.stream(r, Process::experience)));
    core_.flows.move(c.outside(), c.agency(r.authority));
    return worker;
  }
  TimedPool& idle = idle_[r.market];
  for (std::size_t i = 0; i < idle.size(); ++i) {
    const std::uint32_t worker = idle[i];
    if (eligible(worker, post)) {
      idle.take(core_.sim, i);
      core_.flows.move(c.agency_pool(), c.agency(r.authority));
      return worker;
    }
  }
  p.booking = BookingStage::awaiting_supply;
  ++awaiting_supply_[r.market];
  waiting_[p.role].push(QueuedPost{post, p.booking_serial});
  return kNone;
}

bool AgencyMarket::eligible(std::uint32_t worker, std::uint32_t post) {
  const Screening s = rules_->screen(worker, post);
  if (!s.refused) return true;
  // Look again when the earliest refusal lapses (a later one may still bar them).
  // Refusals by different councils lapse at different times: keep the earliest.
  Worker& w = core_.store.worker(worker);
  if (std::isfinite(s.until) && (!core_.sim.pending(w.eligibility_event) || s.until < w.eligibility_at)) {
    core_.sim.cancel(w.eligibility_event);
    w.eligibility_event = core_.sim.schedule_at(s.until, kPriorityArrival, eligibility_event_, worker);
    w.eligibility_at = s.until;
  }
  return false;
}

bool AgencyMarket::has_waiting_booking(std::uint32_t role) {
  return drop_stale(waiting_[role], [&](const QueuedPost& q) {
    const Post& p = core_.store.post(q.post);
    return p.booking == BookingStage::awaiting_supply && p.booking_serial == q.serial;  // else cancelled meanwhile
  });
}

bool AgencyMarket::engage_waiting(std::uint32_t role, std::uint32_t worker) {
  const std::uint32_t post = waiting_[role].front().post;
  if (!eligible(worker, post)) return false;
  waiting_[role].pop();
  const FlowCategories& c = core_.flows.categories();
  core_.flows.move(c.agency_pool(), c.agency(core_.roles[role].authority));
  cover_->engage(post, worker);
  return true;
}

const std::vector<std::uint32_t>& AgencyMarket::serving_order(std::uint32_t m) {
  std::vector<std::uint32_t>& order = scratch_roles_;  // reused: this runs for every move
  order.clear();
  for (const std::uint32_t r : rate_order_[m]) {
    if (has_waiting_booking(r)) order.push_back(r);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return core_.store.post(waiting_[a].front().post).booked_at < core_.store.post(waiting_[b].front().post).booked_at;
  });
  return order;
}

void AgencyMarket::make_available(std::uint32_t worker) {
  Worker& w = core_.store.worker(worker);
  const std::uint32_t m = w.market;
  w.state = WorkerState::agency_idle;
  w.post = kNone;
  // Offer the worker to the councils with bookings waiting, in the order the ranking
  // strategy gives, each council's oldest booking first. Rules depend on the council,
  // not the post, so a council that may not engage them is passed over whole.
  if (awaiting_supply_[m] == 0) {
    add_idle(worker);  // nobody is waiting: the common case, made cheap
    return;
  }
  if (core_.parameters.agency_ranking == AgencyRanking::highest_rate_first) {
    // Rate order is the serving order: the first council with a booking that may
    // engage them takes them, and the rest need not be looked at.
    for (const std::uint32_t r : rate_order_[m]) {
      if (has_waiting_booking(r) && engage_waiting(r, worker)) return;
    }
  } else {
    for (const std::uint32_t r : serving_order(m)) {
      if (engage_waiting(r, worker)) return;
    }
  }
  add_idle(worker);
}

void AgencyMarket::add_idle(std::uint32_t worker) {
  const std::uint32_t m = core_.store.worker(worker).market;
  idle_[m].join(core_.sim, worker, core_.roles.market(m).leaving_rate, core_.streams.market(m, Process::agency_market));
}

void AgencyMarket::remove_idle(std::uint32_t worker) {
  TimedPool& idle = idle_[core_.store.worker(worker).market];
  const DeparturePool& members = idle.members();
  idle.take(core_.sim, static_cast<std::size_t>(std::find(members.begin(), members.end(), worker) - members.begin()));
}

void AgencyMarket::on_eligibility(std::uint32_t worker) {
  if (core_.store.worker(worker).state != WorkerState::agency_idle) return;
  remove_idle(worker);
  make_available(worker);
}

void AgencyMarket::on_join(std::uint32_t m) {
  const MarketInfo& market = core_.roles.market(m);
  next_join_[m] =
      core_.sim.schedule_in(exponential_delay(core_.streams.market(m, Process::agency_market), market.joining_rate),
                            kPriorityDecision, join_event_, m);
  const std::uint32_t worker =
      core_.new_worker(m, market.supply->experience.sample(core_.streams.market(m, Process::experience)));
  core_.flows.move(core_.flows.categories().outside(), core_.flows.categories().agency_pool());
  make_available(worker);
}

void AgencyMarket::on_leave(std::uint32_t m) {
  const std::uint32_t worker = idle_[m].depart(core_.sim);
  core_.flows.move(core_.flows.categories().agency_pool(), core_.flows.categories().outside());
  core_.store.retire(worker);
}

void AgencyMarket::reoffer_idle() {
  for (TimedPool& idle : idle_) {
    for (const std::uint32_t worker : idle.empty(core_.sim)) make_available(worker);
  }
}

void AgencyMarket::audit(const std::function<void(const char*)>& fail) const {
  std::size_t idle = 0, listed = 0;
  std::vector<std::size_t> awaiting(awaiting_supply_.size(), 0);
  for (std::uint32_t id = 0; id < core_.store.worker_slots(); ++id) {
    idle += core_.store.worker(id).state == WorkerState::agency_idle ? 1 : 0;
  }
  for (const TimedPool& pool : idle_) listed += pool.size();
  if (idle != listed) fail("idle agency workers and the markets' lists disagree");
  for (std::uint32_t post = 0; post < core_.store.post_count(); ++post) {
    const Post& p = core_.store.post(post);
    if (p.booking == BookingStage::awaiting_supply) ++awaiting[core_.role_of(p).market];
  }
  if (awaiting != awaiting_supply_) fail("bookings awaiting supply and their count disagree");
}

}  // namespace wfsim::model
