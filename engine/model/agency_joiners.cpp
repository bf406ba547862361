#include "model/agency_joiners.hpp"

#include <algorithm>
#include <cstddef>

#include "model/agency_market.hpp"
#include "model/engagement_rules.hpp"
#include "model/random_processes.hpp"
#include "model/same_time_order.hpp"
#include "model/weighted_draw.hpp"

namespace wfsim::model {

AgencyJoiners::AgencyJoiners(ModelCore& core, const AgencyPrices& prices)
    : core_(core),
      prices_(prices),
      join_event_(core.routes.add<&AgencyJoiners::on_join>(*this, "an agency worker joining the market")),
      next_(core.roles.markets().size()),
      next_at_(core.roles.markets().size()),
      paused_work_(core.roles.markets().size(), -1.0),
      rate_(core.roles.markets().size()),
      started_(core.roles.markets().size()) {}

void AgencyJoiners::wire(AgencyMarket& market, EngagementRules& rules) {
  market_ = &market;
  rules_ = &rules;
}

void AgencyJoiners::reset() {
  for (std::uint32_t m = 0; m < core_.roles.markets().size(); ++m) {
    next_[m] = {};
    next_at_[m] = 0;
    paused_work_[m] = -1;
    rate_[m] = core_.roles.market(m).joining_rate;
    started_[m] = false;
  }
}

void AgencyJoiners::start(std::uint32_t m) {
  started_[m] = true;
  schedule(m);
}

void AgencyJoiners::schedule(std::uint32_t m) {
  if (rate_[m] <= 0) return;
  const double wait = exponential_delay(core_.streams.market(m, Process::agency_joining), rate_[m]);
  next_at_[m] = core_.now() + wait;
  next_[m] = core_.sim.schedule_in(wait, kPriorityDecision, join_event_, m);
}

// What the market's pay does to its joining rate, each joiner weighing the pay of their
// own pay tier. With one tier: the market's pay against the reference. With a cap that
// binds only the newly qualified there are several, and a joiner's tier is known only
// once their experience is drawn (one arriving at t with experience e qualified at
// t - e): joiners are drawn at the best-paid tier's rate, and each is kept with the
// chance of their tier's factor over that best (Poisson thinning), so tier k joins at
// the joining rate times its share of the experience distribution at t times its own
// factor, exactly and at every instant. Joiners once answered tier 0's pay alone, so
// such a cap could not draw fewer of them; and a rate scaled by the tiers' mix, with
// joiners drawn as before, cut the experienced joiners it does not bind as much.
double AgencyJoiners::joining_factor(std::uint32_t m) {
  const MarketInfo& market = core_.roles.market(m);
  const double elasticity = market.supply->supply_elasticity;
  const std::uint32_t tiers = rules_->book().pay_tiers();
  if (tiers == 1) return pay_factor(prices_.market_pay(m), market.agency_pay_reference, elasticity);
  keep_.resize(std::size_t{tiers} * core_.roles.markets().size());
  double best = 0;
  for (std::uint32_t tier = 0; tier < tiers; ++tier) {
    keep_[m * tiers + tier] = pay_factor(prices_.market_pay(m, tier), market.agency_pay_reference, elasticity);
    best = std::max(best, keep_[m * tiers + tier]);
  }
  for (std::uint32_t tier = 0; tier < tiers; ++tier) {
    keep_[m * tiers + tier] = best > 0 ? keep_[m * tiers + tier] / best : 0.0;
  }
  return best;
}

void AgencyJoiners::update() {
  // Joiners respond to what the region's councils pay against agency work elsewhere.
  for (std::uint32_t m = 0; m < core_.roles.markets().size(); ++m) {
    const MarketInfo& market = core_.roles.market(m);
    if (!market.finite() || market.supply->supply_elasticity == 0) continue;
    const double rate = market.joining_rate * joining_factor(m);
    if (rate == rate_[m]) continue;  // unchanged: the pending joiner stays where it was
    const double before = rate_[m];
    rate_[m] = rate;
    if (!started_[m]) continue;  // the start's pay: start() queues the first joiner at it
    // Joiners are memoryless: the pending one's remaining wait times the old rate (its
    // remaining work, a wait at rate 1) over the new rate is a wait at the new rate. It
    // draws nothing, so the joiners' stream keeps its place whatever pay does, and a run
    // whose cap moves the rate pairs joiner for joiner with one whose cap does not (a cap
    // on the newly qualified leaves the best tier's rate, and so its would-be joiners,
    // as they were: joins()). At a rate of 0 the work waits for a rate above 0.
    double work = paused_work_[m];  // below 0: none drawn yet
    if (before > 0) {
      core_.sim.cancel(next_[m]);
      next_[m] = {};
      work = (next_at_[m] - core_.now()) * before;
    }
    paused_work_[m] = rate > 0 ? -1.0 : work;
    if (rate <= 0) continue;
    if (work < 0) {
      schedule(m);  // none was ever drawn (the rate 0 from the start): a fresh wait
      continue;
    }
    next_at_[m] = core_.now() + work / rate;  // beyond the horizon (or infinite) is never queued
    next_[m] = core_.sim.schedule_at(next_at_[m], kPriorityDecision, join_event_, m);
  }
}

void AgencyJoiners::on_join(std::uint32_t m) {
  const MarketInfo& market = core_.roles.market(m);
  schedule(m);
  // Who would join is drawn whether or not they do, so that a run with a cap on the
  // newly qualified draws the same would-be joiners, at the same times, as one without.
  const double experience = market.supply->experience.sample(core_.streams.market(m, Process::agency_experience));
  const std::uint32_t home = core_.draw_home(m, core_.streams.market(m, Process::agency_joining));
  if (!joins(m, experience)) return;
  const std::uint32_t worker = core_.new_worker(m, experience);
  core_.store.worker(worker).home = home;
  core_.flows.move(core_.flows.categories().outside(), core_.flows.categories().agency_pool(market.region));
  market_->make_available(worker);
}

// Drawn at the best-paid tier's rate, a would-be joiner joins at their own tier's
// (joining_factor): at once where that is the best (no draw), else with the chance of
// their factor over the best.
bool AgencyJoiners::joins(std::uint32_t m, double experience) {
  const std::uint32_t tiers = rules_->book().pay_tiers();
  if (tiers == 1 || core_.roles.market(m).supply->supply_elasticity == 0) return true;
  const double keep = keep_[m * tiers + rules_->book().pay_tier(core_.now() - experience)];
  return keep >= 1 || core_.streams.market(m, Process::agency_joining_kept).uniform() < keep;
}

}  // namespace wfsim::model
