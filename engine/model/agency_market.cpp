#include "model/agency_market.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <stdexcept>
#include <vector>

#include "model/agency_cover.hpp"
#include "model/engagement_rules.hpp"
#include "model/pool_limit.hpp"
#include "model/same_time_order.hpp"
#include "model/seeking_pool.hpp"

namespace wfsim::model {

AgencyMarket::AgencyMarket(ModelCore& core)
    : core_(core),
      leave_event_(core.routes.add<&AgencyMarket::on_leave>(*this, "an idle agency worker leaving the market")),
      review_event_(core.routes.add<&AgencyMarket::on_review>(
          *this, "an idle agency worker looking again (a refusal lapsing, or a review of the bookings)")),
      awaiting_supply_(core.roles.markets().size()),
      prices_(core.roles.size(), core.roles.markets().size()),
      joiners_(core, prices_),
      waiting_(2 * core.roles.size()),
      waiting_at_(core.roles.size()),
      travel_weights_(core.parameters.market) {
  for (std::uint32_t m = 0; m < core.roles.markets().size(); ++m) idle_.emplace_back(leave_event_, m);
  appeals_.resize(core.roles.markets().size());
  gathered_.resize(core.roles.markets().size());
  idle_weight_ = std::exp(core.parameters.market.agency_idle);
}

void AgencyMarket::wire(AgencyCover& cover, EngagementRules& rules, SeekingPool& seeking) {
  cover_ = &cover;
  rules_ = &rules;
  seeking_ = &seeking;
  joiners_.wire(*this, rules);
}

void AgencyMarket::reset() {
  gathering_ = false;
  reviewing_.clear();
  for (std::uint32_t m = 0; m < idle_.size(); ++m) {
    idle_[m].clear();
    gathered_[m].clear();
    awaiting_supply_[m] = 0;
  }
  joiners_.reset();
  for (auto& queue : waiting_) queue.clear();
  std::fill(waiting_at_.begin(), waiting_at_.end(), WaitingAt{});
}

void AgencyMarket::start(std::uint32_t m) {
  const MarketInfo& market = core_.roles.market(m);
  if (!market.finite()) return;
  const auto available = static_cast<long>(market.supply->available_at_start);
  // Those idle at the start from a stream of their own, so that more or fewer of them
  // leave the joiners' draws where they were.
  kernel::RandomStream& at_start = core_.streams.market(m, Process::starting_position);
  for (long i = 0; i < available; ++i) {
    const std::uint32_t w = core_.new_worker(m, market.supply->experience.sample(at_start));
    core_.store.worker(w).home = core_.draw_home(m, at_start);
    core_.store.worker(w).state = WorkerState::agency_idle;
    add_idle(w);
  }
  joiners_.start(m);
}

void AgencyMarket::reprice() {
  prices_.update(core_.roles, rules_->book(), core_.now(), core_.parameters.market.agency_pay);
  joiners_.update();
}

const double* AgencyMarket::refresh_market_pay_and_workload(std::uint32_t m, std::uint32_t tier) {
  MarketAppeals& kept = appeals_[m];
  const std::vector<std::uint32_t>& roles = core_.roles.market(m).roles;
  const std::size_t councils = roles.size();
  if (tier >= kept.prices_version.size()) {
    const std::size_t tiers = rules_->book().pay_tiers();
    kept.prices_version.assign(tiers, UINT64_MAX);
    kept.workload_changes.assign(tiers, UINT64_MAX);
    kept.base.resize(tiers * 2 * councils);
  }
  double* base = kept.base.data() + std::size_t{tier} * 2 * councils;
  for (std::size_t k = 0; k < councils; ++k) {
    base[2 * k] = pay_and_workload(roles[k], false, tier);
    base[2 * k + 1] = pay_and_workload(roles[k], true, tier);
  }
  kept.prices_version[tier] = prices_.version();
  kept.workload_changes[tier] = core_.workload_changes;
  return base;
}

std::uint32_t AgencyMarket::find_for_booking(std::uint32_t post) {
  const Post& p = core_.store.post(post);
  const RoleInfo& r = core_.role_of(p);
  const FlowCategories& c = core_.flows.categories();
  const MarketInfo& market = core_.roles.market(r.market);
  if (!market.finite()) {
    // Unlimited supply: someone eligible always comes, from outside the region.
    const std::uint32_t worker =
        core_.new_worker(r.market, r.role->experience.sample(core_.stream(r, Process::agency_experience)));
    core_.store.worker(worker).home = r.authority;
    core_.flows.move(c.outside(), c.agency(r.authority));
    return worker;
  }
  // The idle workers the rules allow, each drawn by how near they live; or nobody, if
  // none wants the booking at its pay and workload rather than stay idle.
  TimedPool& idle = idle_[r.market];
  if (idle.size() > 0) {
    const double council_appeal = pay_and_workload(p.role, p.off_contract, 0);
    const bool tiered = rules_->book().pay_tiers() > 1;  // a cap depends on when the worker qualified
    draw_.clear();
    barred_.clear();
    for (std::size_t i = 0; i < idle.size(); ++i) {
      const std::uint32_t worker = idle[i];
      const Travel travel = core_.roles.travel(core_.store.worker(worker).home, r.authority);
      const double appeal =
          tiered ? pay_and_workload(p.role, p.off_contract, rules_->pay_tier(worker)) : council_appeal;
      const double weight = appeal * travel_weights_[travel];
      // Work that pays nothing is never chosen, so the rules are not asked: a refusal
      // queues a review, whose draw moved the market as the draw below did (a review).
      if (!(weight > 0)) continue;
      (eligible(worker, post) ? draw_ : barred_).add(static_cast<std::uint32_t>(i), weight);
    }
    kernel::RandomStream& stream = core_.streams.market(r.market, Process::agency_choice);
    // A booking nobody would take at its pay (a cap at the agency's margin pays 0)
    // draws nothing: a draw taken for no choice moved the market's other draws, and
    // with them a comparison's pairing (an audit).
    const std::uint32_t i = draw_.empty() && barred_.empty()
                                ? WeightedDraw::kNothing
                                : draw_allowed(stream, draw_, barred_, idle_weight_, [&](std::uint32_t barred) {
                                    rules_->count_refusal(idle[barred], post);
                                  });
    if (i != WeightedDraw::kNothing) {
      const std::uint32_t worker = idle[i];
      idle.take(core_.sim, i);
      rules_->count_engagement(worker, post);
      core_.flows.move(c.agency_pool(market.region), c.agency(r.authority));
      return worker;
    }
    // Those who let it pass look at the waiting bookings again later, as a free worker
    // who stays idle does.
    for (std::size_t k = 0; k < draw_.size(); ++k) review_later(idle[draw_.id(k)], stream);
  }
  ++awaiting_supply_[r.market];
  ++waiting_at_[p.role].count[p.off_contract ? 1 : 0];
  waiting_[queue_of(p.role, p.off_contract)].push(QueuedBooking{post, p.booking_serial});
  return kNone;
}

void AgencyMarket::booking_withdrawn(std::uint32_t post) {
  const Post& p = core_.store.post(post);  // its contract is still the booking's
  --awaiting_supply_[core_.roles[p.role].market];
  const std::size_t q = queue_of(p.role, p.off_contract);
  Fifo<QueuedBooking>& queue = waiting_[q];
  if (--waiting_at_[p.role].count[p.off_contract ? 1 : 0] == 0) {
    queue.clear();  // every entry left is stale
    return;
  }
  // The front is live, so it is this booking if it is this post's.
  if (queue.front().post == post) {
    queue.pop();
    settle_front(q);
  }
}

void AgencyMarket::settle_front(std::size_t queue) {
  drop_stale(waiting_[queue], [&](const QueuedBooking& q) { return live(q); });
  if (waiting_[queue].empty()) throw std::logic_error("a council's count says bookings wait, but its queue has none");
}

void AgencyMarket::review_later(std::uint32_t worker, kernel::RandomStream& stream) {
  const double later = exponential_delay(stream, 1 / core_.parameters.market.review_interval_days);
  core_.review_at(worker, core_.now() + later, review_event_);
}

bool AgencyMarket::eligible(std::uint32_t worker, std::uint32_t post) {
  const Screening s = rules_->screen(worker, post);
  if (!s.refused) return true;
  // Look again when the earliest refusal lapses (a later one may still bar them).
  // Refusals by different councils lapse at different times: keep the earliest.
  if (std::isfinite(s.until)) core_.review_at(worker, s.until, review_event_);
  return false;
}

void AgencyMarket::engage_waiting(std::uint32_t queue, std::uint32_t worker) {
  // Taken off the queue when engaging the worker withdraws the booking.
  const std::uint32_t post = waiting_[queue].front().post;
  const std::uint32_t role = core_.store.post(post).role;
  rules_->count_engagement(worker, post);
  const FlowCategories& c = core_.flows.categories();
  core_.flows.move(c.agency_pool(core_.roles.region_of(core_.roles[role].authority)),
                   c.agency(core_.roles[role].authority));
  cover_->engage(post, worker);
}

void AgencyMarket::make_available(std::uint32_t worker) {
  Worker& w = core_.store.worker(worker);
  const std::uint32_t m = w.market;
  w.state = WorkerState::agency_idle;
  w.post = kNone;
  if (gathering_) {
    gathered_[m].push_back(worker);  // offered with everyone freed at this instant
    return;
  }
  if (awaiting_supply_[m] == 0) {
    add_idle(worker);  // nobody is waiting: the common case, made cheap
    return;
  }
  // The councils with bookings waiting that may engage the worker: each contract's
  // bookings there weighed by their pay and number, the worker's travel and the
  // council's workload (rules depend on the council, not the post, so any of its
  // bookings stands for them all when it is screened).
  draw_.clear();
  barred_.clear();
  const std::uint32_t tier = rules_->pay_tier(worker);
  // Most free workers are past every bar: then no council's rules are asked.
  const bool may_be_refused = rules_->may_refuse_now(worker);
  const double* base = market_pay_and_workload(m, tier);
  const std::vector<std::uint32_t>& authority = core_.roles.market(m).authorities;
  const std::vector<std::uint32_t>& roles = core_.roles.market(m).roles;
  const std::size_t councils = roles.size();
  for (std::size_t k = 0; k < councils; ++k) {
    const std::uint32_t r = roles[k];
    const WaitingAt& at = waiting_at_[r];
    if (at.total() == 0) continue;
    const double travel = travel_weights_[core_.roles.travel(w.home, authority[k])];
    // A council whose waiting bookings all pay nothing is never chosen: its rules are
    // not asked, as a refusal would queue a review (find_for_booking).
    const bool pays =
        (at.count[0] > 0 && base[2 * k] * travel > 0) || (at.count[1] > 0 && base[2 * k + 1] * travel > 0);
    if (!pays) continue;
    WeightedDraw& into = !may_be_refused || eligible(worker, a_waiting_post(r)) ? draw_ : barred_;
    // Each contract's bookings at their own pay: one alternative per queue (queue_of).
    for (const bool off : {false, true}) {
      if (at.count[off] == 0) continue;
      const double appeal = base[2 * k + off] * travel;
      into.add(static_cast<std::uint32_t>(queue_of(r, off)), static_cast<double>(at.count[off]) * appeal);
    }
  }
  kernel::RandomStream& stream = core_.streams.market(m, Process::agency_choice);
  const std::uint32_t queue = draw_.empty() && barred_.empty()
                                  ? WeightedDraw::kNothing
                                  : draw_allowed(stream, draw_, barred_, idle_weight_, [&](std::uint32_t barred) {
                                      rules_->count_refusal(worker, waiting_[barred].front().post);
                                    });
  if (queue == WeightedDraw::kNothing) {
    add_idle(worker);
    // Chose to stay idle with bookings waiting: they look at them again later.
    if (!draw_.empty()) review_later(worker, stream);
    return;
  }
  engage_waiting(queue, worker);
}

void AgencyMarket::assignment_ended(std::uint32_t worker, std::uint32_t authority) {
  const std::uint32_t m = core_.store.worker(worker).market;
  const AgencySupply& supply = *core_.roles.market(m).supply;
  const FlowCategories& c = core_.flows.categories();
  kernel::RandomStream& s = core_.streams.market(m, Process::agency_careers);
  if (supply.leave_at_assignment_end > 0 && s.bernoulli(supply.leave_at_assignment_end)) {
    // Out of agency work: to a permanent post in the region, or away from it (where
    // the region's only council is the one they left, as away: drawn all the same, so
    // the stream keeps its place).
    if (core_.roles.market(m).pool && supply.leaving_to_permanent > 0 && s.bernoulli(supply.leaving_to_permanent) &&
        seeking_->may_apply_somewhere(worker)) {
      core_.flows.move(c.agency(authority), c.seeking(core_.roles.market(m).region));
      seeking_->seek(worker);
    } else {
      core_.flows.move(c.agency(authority), c.outside());
      core_.store.retire(worker);
    }
    return;
  }
  core_.flows.move(c.agency(authority), c.agency_pool(core_.roles.market(m).region));
  make_available(worker);
}

void AgencyMarket::add_idle(std::uint32_t worker) {
  const std::uint32_t m = core_.store.worker(worker).market;
  idle_[m].join(core_.sim, worker, core_.roles.market(m).leaving_rate, core_.streams.market(m, Process::agency_market));
  check_pool_size(core_.parameters, core_.roles.market(m), idle_[m].size(), PoolKind::idle_agency);
}

void AgencyMarket::remove_idle(std::uint32_t worker) {
  TimedPool& idle = idle_[core_.store.worker(worker).market];
  const DeparturePool& members = idle.members();
  idle.take(core_.sim, static_cast<std::size_t>(std::find(members.begin(), members.end(), worker) - members.begin()));
}

void AgencyMarket::on_review(std::uint32_t worker) {
  // A bar counted in days or months lapses at a midnight, so the reviews of everyone
  // refused on one day (a cooling-off from one day's leavers; a cohort's experience
  // bar) fall at one instant. The last of them offers the bookings to all, in a drawn
  // order, as at a rule change: not in the order they were first refused.
  if (core_.store.worker(worker).state == WorkerState::agency_idle) reviewing_.push_back(worker);
  if (core_.sim.next_is(core_.now(), kPriorityReview, review_event_)) return;
  offer_reviewed();
}

void AgencyMarket::offer_reviewed() {
  if (reviewing_.size() > 1) {
    // Markets share no bookings: each market's workers in an order from its own stream.
    std::stable_sort(reviewing_.begin(), reviewing_.end(), [&](std::uint32_t a, std::uint32_t b) {
      return core_.store.worker(a).market < core_.store.worker(b).market;
    });
    for (auto first = reviewing_.begin(); first != reviewing_.end();) {
      const std::uint32_t m = core_.store.worker(*first).market;
      const auto last =
          std::find_if(first, reviewing_.end(), [&](std::uint32_t w) { return core_.store.worker(w).market != m; });
      shuffle(std::span(first, last), core_.streams.market(m, Process::same_time_order));
      first = last;
    }
  }
  for (const std::uint32_t worker : reviewing_) {
    // Still idle: offering one worker the bookings never engages another.
    remove_idle(worker);
    make_available(worker);
  }
  reviewing_.clear();
}

void AgencyMarket::on_leave(std::uint32_t m) {
  const std::uint32_t worker = idle_[m].depart(core_.sim);
  const FlowCategories& c = core_.flows.categories();
  const std::uint32_t from = core_.roles.market(m).region;
  const std::uint32_t to = neighbouring_market(m, rules_->pay_tier(worker));
  if (to == WeightedDraw::kNothing) {
    core_.flows.move(c.agency_pool(from), c.outside());
    core_.store.retire(worker);
    return;
  }
  // To the same role's market in a neighbouring region: they live there now.
  Worker& w = core_.store.worker(worker);
  w.market = to;
  w.home = core_.draw_home(to, core_.streams.market(m, Process::agency_careers));  // the stream they leave from
  core_.flows.move(c.agency_pool(from), c.agency_pool(core_.roles.market(to).region));
  make_available(worker);
}

std::uint32_t AgencyMarket::neighbouring_market(std::uint32_t m, std::uint32_t tier) {
  // Leaving agency work (utility 0) or taking it up in a neighbouring region instead:
  // other_region, plus the agency pay term of that region's mean pay rate against
  // this one's, both for the worker's pay tier. No draw in a scenario of one region.
  const MarketInfo& market = core_.roles.market(m);
  draw_.clear();
  const double move = std::exp(core_.parameters.market.other_region);
  for (const std::uint32_t n : market.neighbour_markets) {
    if (!core_.roles.market(n).finite()) continue;
    draw_.add(n, move * pay_factor(prices_.market_pay(n, tier), prices_.market_pay(m, tier),
                                   core_.parameters.market.agency_pay));
  }
  if (draw_.empty()) return WeightedDraw::kNothing;
  return draw_.draw(core_.streams.market(m, Process::agency_careers), 1.0);
}

void AgencyMarket::gather_free(const std::vector<char>& markets) {
  gathering_ = true;
  for (std::uint32_t m = 0; m < idle_.size(); ++m) {
    if (markets[m]) gathered_[m] = idle_[m].empty(core_.sim);
  }
}

void AgencyMarket::offer_gathered() {
  gathering_ = false;
  // Markets share no bookings, so their own order cannot matter.
  for (std::uint32_t m = 0; m < gathered_.size(); ++m) {
    std::vector<std::uint32_t>& workers = gathered_[m];
    // A re-check due now is a refusal lapsing with the rule or membership that ends at
    // this change: this offer is that re-check. Left queued, it offered the worker the
    // bookings a second time at the same instant, a second chance no other had.
    for (const std::uint32_t worker : workers) {
      Worker& w = core_.store.worker(worker);
      if (core_.sim.pending(w.review_event) && w.review_at == core_.now()) core_.sim.cancel(w.review_event);
    }
    shuffle(std::span(workers), core_.streams.market(m, Process::same_time_order));
    for (const std::uint32_t worker : workers) make_available(worker);
    workers.clear();
  }
}

void AgencyMarket::audit(const std::function<void(const char*)>& fail) const {
  std::size_t idle = 0, listed = 0;
  std::vector<std::size_t> awaiting(awaiting_supply_.size(), 0), by_role(waiting_at_.size(), 0);
  for (std::uint32_t id = 0; id < core_.store.worker_slots(); ++id) {
    idle += core_.store.worker(id).state == WorkerState::agency_idle ? 1 : 0;
  }
  for (const TimedPool& pool : idle_) listed += pool.size();
  if (idle != listed) fail("idle agency workers and the markets' lists disagree");
  for (std::uint32_t post = 0; post < core_.store.post_count(); ++post) {
    const Post& p = core_.store.post(post);
    if (p.booking != BookingStage::awaiting_supply) continue;
    ++awaiting[core_.role_of(p).market];
    ++by_role[p.role];
  }
  if (awaiting != awaiting_supply_) fail("bookings awaiting supply and their count disagree");
  for (std::uint32_t role = 0; role < waiting_at_.size(); ++role) {
    const WaitingAt& at = waiting_at_[role];
    if (by_role[role] != at.total()) fail("bookings awaiting supply and their count per council disagree");
    for (const bool off : {false, true}) {
      const Fifo<QueuedBooking>& queue = waiting_[queue_of(role, off)];
      std::size_t live_entries = 0;
      for (std::size_t i = 0; i < queue.size(); ++i) {
        const QueuedBooking& q = queue[i];
        if (!live(q)) {
          if (i == 0) fail("a council's booking queue has a stale entry at its front");
          continue;
        }
        ++live_entries;
        if (core_.store.post(q.post).off_contract != off)
          fail("a waiting booking is queued under another contract than its post's");
      }
      if (live_entries != at.count[off]) fail("live entries of a council's booking queue and its count disagree");
    }
  }
  for (std::uint32_t m = 0; m < appeals_.size(); ++m) {
    const MarketAppeals& kept = appeals_[m];
    const std::vector<std::uint32_t>& roles = core_.roles.market(m).roles;
    for (std::uint32_t tier = 0; tier < kept.prices_version.size(); ++tier) {
      if (kept.prices_version[tier] != prices_.version() || kept.workload_changes[tier] != core_.workload_changes) {
        continue;
      }
      for (std::size_t k = 0; k < roles.size(); ++k) {
        for (const bool off : {false, true}) {
          if (kept.base[(tier * roles.size() + k) * 2 + (off ? 1 : 0)] != pay_and_workload(roles[k], off, tier)) {
            fail("a kept appeal of a council to free agency workers is stale");
          }
        }
      }
    }
  }
}

}  // namespace wfsim::model
