#include "model/leaver_choice.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "model/engagement_rules.hpp"
#include "model/levers.hpp"
#include "model/weighted_draw.hpp"

namespace wfsim::model {

LeaverChoice::LeaverChoice(ModelCore& core, const EngagementRules& rules, const Levers& levers)
    : core_(core),
      rules_(rules),
      levers_(levers),
      agency_base_(core.roles.size()),
      permanent_base_(core.roles.size()),
      agency_cache_(core.roles.size()),
      permanent_cache_(core.roles.size()),
      outside_weight_(std::exp(core.parameters.market.outside_region)),
      travel_weights_(core.parameters.market),
      refusals_(core.roles.size()) {}

bool LeaverChoice::weighs_agency(std::uint32_t role) const {
  return core_.roles.market(core_.roles[role].market).finite();
}

bool LeaverChoice::weighs_permanent(std::uint32_t role) const {
  return core_.roles.market(core_.roles[role].market).movers_stay();
}

void LeaverChoice::start() {
  // Every change, the run's end no bound: a leaver weighs the rules of the day they
  // expect to leave, which may fall after it. Bounded, every day after the run's last
  // change shared one cached refusal, which the first leaver to reach it decided: a
  // rule starting just after the end went unweighed, and a month's result hung on the
  // run's length.
  change_times_ = rules_.book().change_times(kForever);
  if (rules_.book().rules().size() > kMaxRules) {
    throw std::invalid_argument("at most " + std::to_string(kMaxRules) + " agency rules in one scenario");
  }
  // Worked out afresh for each replication, as the market's own prices are: a table a
  // span, a few hundred prices, against a replication's hundreds of thousands of events.
  prices_by_span_.assign(change_times_.size() + 1, std::nullopt);
  for (Cache& cache : agency_cache_) cache.version = UINT64_MAX;
  for (std::uint32_t r = 0; r < core_.roles.size(); ++r) {
    if (weighs_agency(r)) agency_base_[r] = agency_value(r, WorkerHistory{}, core_.now());
    if (weighs_permanent(r)) permanent_base_[r] = permanent_value(r, core_.now());
  }
}

std::size_t LeaverChoice::span_of(double t) const {
  return static_cast<std::size_t>(std::upper_bound(change_times_.begin(), change_times_.end(), t) -
                                  change_times_.begin());
}

const AgencyPrices& LeaverChoice::prices_in(std::size_t span, double t) {
  std::optional<AgencyPrices>& prices = prices_by_span_[span];
  if (!prices) {
    prices.emplace(core_.roles.size(), core_.roles.markets().size());
    prices->update(core_.roles, rules_.book(), t, core_.parameters.market.agency_pay);
  }
  return *prices;
}

const std::vector<double>& LeaverChoice::agency_weights(std::uint32_t role, std::uint32_t tier, std::size_t span,
                                                        double t) {
  // Tier 0's caches first, one per role, then tier 1's: a scenario without caps that
  // depend on when a worker qualified has tier 0 alone.
  const std::size_t index = std::size_t{tier} * core_.roles.size() + role;
  if (index >= agency_cache_.size()) agency_cache_.resize(std::size_t{rules_.book().pay_tiers()} * core_.roles.size());
  Cache& cache = agency_cache_[index];
  if (cache.version == span) return cache.weights;
  const AgencyPrices& prices = prices_in(span, t);
  const RoleInfo& own = core_.roles[role];
  cache.weights.clear();
  for (const std::uint32_t r : core_.roles.market(own.market).roles) {
    const std::uint32_t a = core_.roles[r].authority;
    cache.weights.push_back(prices.pay_weight(r, false, tier) * travel_weights_[core_.roles.travel(own.authority, a)]);
  }
  cache.version = span;
  return cache.weights;
}

const LeaverChoice::Refusals& LeaverChoice::refusals(std::uint32_t role, std::uint32_t barring,
                                                     const WorkerHistory& leaver, double leaves_at, std::size_t span) {
  std::vector<Refusals>& met = refusals_[role];
  for (const Refusals& r : met) {
    if (r.barring == barring && r.span == span) return r;
  }
  Refusals found{barring, span, {}, {}};
  const RuleBook& book = rules_.book();
  for (const std::uint32_t other : core_.roles.market(core_.roles[role].market).roles) {
    const std::uint32_t authority = core_.roles[other].authority;
    std::uint32_t refusing = 0;
    for (std::size_t i = 0; i < book.rules().size(); ++i) {
      const bool refuses = (barring >> i & 1) && book.check(i, leaver, bars_[i], authority, leaves_at).refused;
      if (refuses) refusing |= 1u << i;
      found.ends.push_back(refuses ? book.refusal_ends(i, authority, leaves_at, kForever) : kForever);
    }
    found.by_council.push_back(refusing);
  }
  met.push_back(std::move(found));
  return met.back();
}

double LeaverChoice::agency_value(std::uint32_t role, const WorkerHistory& leaver, double leaves_at) {
  const LabourMarket& choice = core_.parameters.market;
  const RuleBook& book = rules_.book();
  // A leaver whom a cap binds by when they qualified weighs agency pay at the capped
  // rate, and every leaver the caps in force on the day they expect to leave.
  const std::size_t span = span_of(leaves_at);
  const std::vector<double>& weights = agency_weights(role, book.pay_tier(leaver.qualified_at), span, leaves_at);
  // The bar each rule sets on the leaver, the same whichever council asks.
  bars_.resize(book.rules().size());
  std::uint32_t barring = 0;
  for (std::size_t i = 0; i < bars_.size(); ++i) {
    bars_[i] = book.bar_end(i, leaver);
    if (bars_[i] > leaves_at) barring |= 1u << i;
  }
  double sum = outside_weight_;  // agency work elsewhere, at the outside pay
  if (barring == 0) {
    for (const double w : weights) sum += w;
    return std::log(sum);
  }
  const Refusals& refusals_here = refusals(role, barring, leaver, leaves_at, span);
  const std::vector<std::uint32_t>& councils = core_.roles.market(core_.roles[role].market).roles;
  const std::vector<std::uint32_t>& refusing = refusals_here.by_council;
  const std::size_t rules = bars_.size();
  double last_wait = -1;
  double last_factor = 1;
  bool closed = false;
  for (std::size_t k = 0; k < weights.size(); ++k) {
    if (refusing[k] == 0) {
      sum += weights[k];
      continue;
    }
    // How long the refusing rules keep the leaver from this council once they have
    // left, and what waiting it out costs: the pay of the time waited, over the horizon
    // (pay x (1 - wait / horizon) in the utility's pay term). A rule, or the council's
    // membership of it, that ends before the bar does keeps them only until it ends
    // (RuleBook::refusal_ends, whose other two terms are the cached ends).
    const double* ends = refusals_here.ends.data() + k * rules;
    double refused_until = leaves_at;
    for (std::size_t i = 0; i < rules; ++i) {
      if (refusing[k] >> i & 1) refused_until = std::max(refused_until, std::min(bars_[i], ends[i]));
    }
    // A rule that takes over the day another ends (a relaunch) keeps the refusal on.
    if (book.refusals_can_continue()) {
      refused_until = book.continued_refusal_end(leaver, bars_.data(), barring, refusing[k],
                                                 core_.roles[councils[k]].authority, refused_until);
    }
    const double wait = refused_until - leaves_at;
    if (wait != last_wait) {  // most councils share a wait: the power is worked out once for them
      last_wait = wait;
      closed = wait >= choice.bar_horizon_days;  // closed to them for the whole horizon
      last_factor = closed ? 0.0 : std::pow(1 - wait / choice.bar_horizon_days, choice.agency_pay);
    }
    if (!closed) sum += weights[k] * last_factor;
  }
  return std::log(sum);
}

double LeaverChoice::permanent_value(std::uint32_t role, double leaves_at) {
  // The councils' pay on the day the leaver leaves, as the caps and rules above: weighed
  // as of the notice, a supplement reached leavers a notice late (a review).
  const std::size_t span = levers_.pay_span(leaves_at);
  Cache& cache = permanent_cache_[role];
  if (cache.version == span) return cache.value;
  const RoleInfo& own = core_.roles[role];
  double sum = 0;
  for (const std::uint32_t r : core_.roles.market(own.market).roles) {
    const RoleInfo& other = core_.roles[r];
    if (other.authority == own.authority) continue;
    sum += levers_.pay_weight_in(span, r) * travel_weights_[core_.roles.travel(own.authority, other.authority)];
  }
  cache.value = std::log(sum);
  cache.version = span;
  return cache.value;
}

Destination LeaverChoice::choose(std::uint32_t worker, double u, double leaves_at) {
  const Worker& w = core_.store.worker(worker);
  const std::uint32_t role = core_.store.post(w.post).role;
  const RoleInfo& r = core_.roles[role];
  const Destinations& d = r.role->destinations;
  double shift_agency = 0, shift_other = 0;
  if (weighs_agency(role) && d.agency > 0) {
    WorkerHistory leaver = w.history;
    leaver.last_permanent_authority = static_cast<std::int32_t>(r.authority);
    leaver.left_permanent_at = leaves_at;
    shift_agency = agency_value(role, leaver, leaver.left_permanent_at) - agency_base_[role];
  }
  if (weighs_permanent(role) && d.other_council > 0) {
    shift_other = permanent_value(role, leaves_at) - permanent_base_[role];
  }
  double outside = d.outside, other = d.other_council, agency = d.agency;
  if (shift_agency != 0 || shift_other != 0) {
    // The shares are the choice probabilities at the baseline: each option's utility
    // moves by the change in its inclusive value.
    other *= std::exp(shift_other);
    agency *= std::exp(shift_agency);
    const double total = outside + other + agency;
    outside /= total;
    other /= total;
  }
  return u < outside ? Destination::outside : u < outside + other ? Destination::other_council : Destination::agency;
}

}  // namespace wfsim::model
