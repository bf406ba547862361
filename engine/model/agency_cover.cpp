// Agency cover of posts, the region's agency market it draws on, and the rules that
// decide whom a council may engage.
#include <algorithm>
#include <cmath>

#include "model/model_events.hpp"
#include "model/workforce_model.hpp"

namespace wfsim::model {

using namespace detail;

bool WorkforceModel::needs_cover(const Post& p) const {
  const AgencyCover& policy = roles_[p.role].role->agency;
  if (p.holder == kNone) return p.temporary || policy.cover_vacancies;
  return workers_[p.holder].absent && policy.cover_absences;
}

CoverContribution WorkforceModel::contribution(const Post& p) const {
  CoverContribution c;
  const bool absent = p.holder != kNone && workers_[p.holder].absent;
  const bool agency = p.agency_worker != kNone;
  if (p.holder == kNone) (p.temporary ? c.unfilled_temporary : c.vacant) = 1;
  if (absent) c.absent = 1;
  // Agency staff beside a permanent worker who is at work cover nothing.
  if (agency && p.holder == kNone) c.agency_vacancy = 1;
  if (agency && absent) c.agency_absence = 1;
  return c;
}

double WorkforceModel::agency_rate_per_hour(const Post& p) const { return roles_[p.role].agency_rate_per_hour; }

void WorkforceModel::reprice() {
  for (RoleRuntime& r : roles_) {
    r.agency_rate_per_hour =
        rule_book_.agency_rate(r.role->name, r.authority, r.role->pay.agency_rate_per_hour, sim_.now());
  }
  for (Market& market : markets_) {
    market.rate_order = market.roles;
    std::stable_sort(market.rate_order.begin(), market.rate_order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return roles_[a].agency_rate_per_hour > roles_[b].agency_rate_per_hour;
    });
  }
}

bool WorkforceModel::has_waiting_booking(RoleRuntime& role) {
  while (!role.waiting_for_agency.empty()) {
    const RoleRuntime::QueuedPost& b = role.waiting_for_agency.front();
    const Post& p = posts_[b.post];
    if (p.booking == BookingStage::awaiting_supply && p.booking_serial == b.serial) return true;
    role.waiting_for_agency.pop();  // cancelled while it waited
  }
  return false;
}

void WorkforceModel::review_cover(std::uint32_t post) {
  Post& p = posts_[post];
  const bool need = needs_cover(p);
  if (need && p.agency_worker == kNone && p.booking == BookingStage::none) {
    if (over_agency_cap(p)) {
      capped_posts_[roles_[p.role].authority].push_back(post);  // booked when under the cap
      return;
    }
    book_agency(post);
  } else if (!need) {
    if (p.agency_worker != kNone && sim_.now() < p.inducting_until) {
      // Induction overlap: the agency worker stays beside the new starter until the
      // induction ends, and is then reviewed again.
      if (!p.induction_event_pending) {
        sim_.schedule_at(p.inducting_until, kPriorityDeparture, kInductionEnd, post);
        p.induction_event_pending = true;
      }
    } else if (p.agency_worker != kNone) {
      // No longer needed: back to the market for the next booking.
      const std::uint32_t authority = roles_[p.role].authority;
      const std::uint32_t worker = agency_departs(post);
      if (markets_[workers_[worker].market].finite()) {
        flow(categories_.agency(authority), categories_.agency_pool());
        make_available(worker);
      } else {
        flow(categories_.agency(authority), categories_.outside());
        retire_worker(worker);
      }
    }
    if (p.booking != BookingStage::none) cancel_booking(post);
  }
}

bool WorkforceModel::over_agency_cap(const Post& p) const {
  const RoleRuntime& r = roles_[p.role];
  if (r.max_agency_share >= 1) return false;
  const AuthorityTally& t = tallies_[r.authority];
  const double agency = t.agency_headcount + t.bookings_waiting + 1;
  return agency / (agency + t.permanent_headcount) > r.max_agency_share;
}

void WorkforceModel::book_capped_posts(std::uint32_t authority) {
  std::vector<std::uint32_t>& waiting = capped_posts_[authority];
  std::size_t kept = 0;
  for (std::size_t i = 0; i < waiting.size(); ++i) {
    const std::uint32_t post = waiting[i];
    const Post& p = posts_[post];
    if (!needs_cover(p) || p.agency_worker != kNone || p.booking != BookingStage::none) continue;  // stale
    if (over_agency_cap(p)) {
      waiting[kept++] = post;
    } else {
      book_agency(post);
    }
  }
  waiting.resize(kept);
}

void WorkforceModel::book_agency(std::uint32_t post) {
  Post& p = posts_[post];
  const RoleRuntime& r = roles_[p.role];
  p.booking = BookingStage::booked;
  p.booked_at = sim_.now();
  ++p.booking_serial;
  tally_of(p).bookings_waiting += 1;
  p.agency_event = sim_.schedule_in(r.role->agency.booking_delay.sample(stream(r.authority, Process::agency_booking)),
                                    kPriorityArrival, kAgencyArrival, post);
}

void WorkforceModel::cancel_booking(std::uint32_t post) {
  Post& p = posts_[post];
  sim_.cancel(p.agency_event);  // a no-op if the booking is waiting in the market
  if (p.booking == BookingStage::awaiting_supply) --markets_[roles_[p.role].market].awaiting_supply;
  p.booking = BookingStage::none;  // any market entry is now stale and will be skipped
  tally_of(p).bookings_waiting -= 1;
}

void WorkforceModel::on_agency_arrival(std::uint32_t post) {
  Post& p = posts_[post];
  const RoleRuntime& r = roles_[p.role];
  Market& market = markets_[r.market];
  if (!market.finite()) {
    // Unlimited supply: someone eligible always comes, from outside the region.
    const std::uint32_t worker =
        new_worker(r.market, r.role->experience.sample(stream(r.authority, Process::experience)));
    flow(categories_.outside(), categories_.agency(r.authority));
    agency_arrives(post, worker);
    return;
  }
  for (std::size_t i = 0; i < market.idle.size(); ++i) {
    const std::uint32_t worker = market.idle[i];
    if (screen(worker, post) == Eligibility::eligible) {
      take_from_pool(market.idle, i, kMarketLeave, r.market);
      flow(categories_.agency_pool(), categories_.agency(r.authority));
      agency_arrives(post, worker);
      return;
    }
  }
  p.booking = BookingStage::awaiting_supply;
  ++market.awaiting_supply;
  roles_[p.role].waiting_for_agency.push(RoleRuntime::QueuedPost{post, p.booking_serial});
}

WorkforceModel::Eligibility WorkforceModel::screen(std::uint32_t worker, std::uint32_t post) {
  Worker& w = workers_[worker];
  // Most workers are past every bar their history set: no rule can refuse them, and no
  // engagement of theirs is leakage.
  if (sim_.now() >= w.may_be_refused_until) return Eligibility::eligible;
  const Post& p = posts_[post];
  const std::uint32_t authority = roles_[p.role].authority;
  AuthorityTally& t = tallies_[authority];
  bool refused = false;
  bool leakage = false;
  double until = kForever;
  const std::size_t rules = rule_book_.rules().size();
  // Refusals are counted once per worker per period, for each rule and each council,
  // however many bookings the worker is screened for: the measures then read as
  // "workers stopped", not "screenings".
  std::uint32_t* marks = nullptr;  // this period's row for the worker, found at the first refusal
  const double* bars = rule_bars(worker);
  for (std::size_t i = 0; i < rules; ++i) {
    const Verdict v = rule_book_.check(i, w.history, bars[i], authority, sim_.now());
    if (v.refused) {
      refused = true;
      until = std::min(until, v.until);
      if (!marks) marks = refusal_marks(worker);
      if (!marks[i]) {
        marks[i] = 1;
        refused_by_rule_[i] += 1;
      }
    }
    leakage = leakage || v.leakage;
  }
  if (!refused) {
    if (leakage) t.leakage += 1;
    return Eligibility::eligible;
  }
  if (!marks[rules + authority]) {
    marks[rules + authority] = 1;
    t.engagements_refused += 1;
  }
  // Look again when the earliest refusal lapses (a later one may still bar them).
  // Refusals by different councils lapse at different times: keep the earliest.
  if (std::isfinite(until) && (!sim_.pending(w.eligibility_event) || until < w.eligibility_at)) {
    sim_.cancel(w.eligibility_event);
    w.eligibility_event = sim_.schedule_at(until, kPriorityArrival, kEligibility, worker);
    w.eligibility_at = until;
  }
  return Eligibility::refused;
}

std::uint32_t* WorkforceModel::refusal_marks(std::uint32_t worker) {
  // Rows live only for the period (the table is emptied at each period end and when the
  // warm-up ends), and a worker whose row index points into a later period's rows finds
  // another worker's id there.
  const std::size_t stride = 1 + rule_book_.rules().size() + tallies_.size();
  Worker& w = workers_[worker];
  if (w.refusal_row == kNone || std::size_t{w.refusal_row} * stride >= refusal_rows_.size() ||
      refusal_rows_[std::size_t{w.refusal_row} * stride] != worker) {
    w.refusal_row = static_cast<std::uint32_t>(refusal_rows_.size() / stride);
    refusal_rows_.push_back(worker);
    refusal_rows_.resize(refusal_rows_.size() + stride - 1, 0);
  }
  return refusal_rows_.data() + std::size_t{w.refusal_row} * stride + 1;
}

void WorkforceModel::make_available(std::uint32_t worker) {
  Worker& w = workers_[worker];
  Market& market = markets_[w.market];
  w.state = WorkerState::agency_idle;
  w.post = kNone;
  // Offer the worker to the councils with bookings waiting, in the order the ranking
  // strategy gives, each council's oldest booking first. Rules depend on the council,
  // not the post, so a council that may not engage them is passed over whole.
  if (market.awaiting_supply == 0) {
    add_idle(worker);  // nobody is waiting: the common case, made cheap
    return;
  }
  auto engage = [&](std::uint32_t r) {
    const std::uint32_t post = roles_[r].waiting_for_agency.front().post;
    if (screen(worker, post) != Eligibility::eligible) return false;
    roles_[r].waiting_for_agency.pop();
    flow(categories_.agency_pool(), categories_.agency(roles_[r].authority));
    agency_arrives(post, worker);
    return true;
  };
  if (parameters_.agency_ranking == AgencyRanking::highest_rate_first) {
    // Rate order is the serving order: the first council with a booking that may
    // engage them takes them, and the rest need not be looked at.
    for (const std::uint32_t r : market.rate_order) {
      if (has_waiting_booking(roles_[r]) && engage(r)) return;
    }
  } else {
    std::vector<std::uint32_t>& order = scratch_roles_;  // reused: this runs for every move
    order.clear();
    for (const std::uint32_t r : market.rate_order) {
      if (has_waiting_booking(roles_[r])) order.push_back(r);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return posts_[roles_[a].waiting_for_agency.front().post].booked_at <
             posts_[roles_[b].waiting_for_agency.front().post].booked_at;
    });
    for (const std::uint32_t r : order) {
      if (engage(r)) return;
    }
  }
  add_idle(worker);
}

void WorkforceModel::add_idle(std::uint32_t worker) {
  const std::uint32_t m = workers_[worker].market;
  join_pool(markets_[m].idle, worker, markets_[m].leaving_rate, market_stream(m, Process::agency_market), kMarketLeave,
            m);
}

void WorkforceModel::remove_idle(std::uint32_t worker) {
  const std::uint32_t m = workers_[worker].market;
  DeparturePool& idle = markets_[m].idle;
  take_from_pool(idle, static_cast<std::size_t>(std::find(idle.begin(), idle.end(), worker) - idle.begin()),
                 kMarketLeave, m);
}

void WorkforceModel::on_eligibility(std::uint32_t worker) {
  if (workers_[worker].state != WorkerState::agency_idle) return;
  remove_idle(worker);
  make_available(worker);
}

void WorkforceModel::agency_arrives(std::uint32_t post, std::uint32_t worker) {
  Post& p = posts_[post];
  const RoleRuntime& r = roles_[p.role];
  Worker& w = workers_[worker];
  sim_.cancel(w.eligibility_event);
  w.state = WorkerState::agency;
  w.post = post;
  AuthorityTally& t = tally_of(p);
  t.accrue(sim_.now());
  if (p.booking == BookingStage::awaiting_supply) --markets_[r.market].awaiting_supply;
  if (p.booking != BookingStage::none) {
    t.bookings_waiting -= 1;
    t.starters_agency += 1;
    t.agency_hire_days_sum += sim_.now() - p.booked_at;
    p.booking = BookingStage::none;
  }
  t.apply(contribution(p), -1);
  p.agency_worker = worker;
  t.apply(contribution(p), +1);
  t.agency_headcount += 1;
  const double hours_per_day = r.role->pay.hours_per_week / 7.0;
  p.agency_cost_per_day = agency_rate_per_hour(p) * hours_per_day;
  t.agency_cost_rate += p.agency_cost_per_day;
  t.agency_hours_rate += hours_per_day;
  p.agency_event = {};
  if (r.agency_leave_rate > 0) {
    p.agency_event =
        sim_.schedule_in(exponential_delay(stream(r.authority, Process::agency_tenure), r.agency_leave_rate),
                         kPriorityDeparture, kAgencyAssignmentEnd, post);
  }
  if (r.conversion_rate > 0) {
    w.conversion_event =
        sim_.schedule_in(exponential_delay(stream(r.authority, Process::conversion), r.conversion_rate),
                         kPriorityDecision, kConversion, worker);
  }
}

std::uint32_t WorkforceModel::agency_departs(std::uint32_t post) {
  Post& p = posts_[post];
  const RoleRuntime& r = roles_[p.role];
  AuthorityTally& t = tally_of(p);
  const std::uint32_t worker = p.agency_worker;
  sim_.cancel(p.agency_event);
  sim_.cancel(workers_[worker].conversion_event);
  p.agency_event = {};
  t.accrue(sim_.now());
  t.apply(contribution(p), -1);
  p.agency_worker = kNone;
  t.apply(contribution(p), +1);
  t.agency_headcount -= 1;
  t.agency_cost_rate -= p.agency_cost_per_day;
  t.agency_hours_rate -= r.role->pay.hours_per_week / 7.0;
  p.agency_cost_per_day = 0;
  t.leavers_agency += 1;
  if (!capped_posts_[r.authority].empty()) book_capped_posts(r.authority);
  return worker;
}

void WorkforceModel::on_agency_assignment_end(std::uint32_t post) {
  // An agency worker who ends an assignment leaves the market (for another region, a
  // permanent post elsewhere or a break); the post books again if it still needs cover.
  const std::uint32_t authority = roles_[posts_[post].role].authority;
  retire_worker(agency_departs(post));
  flow(categories_.agency(authority), categories_.outside());
  review_cover(post);
}

void WorkforceModel::on_conversion(std::uint32_t worker) {
  Worker& w = workers_[worker];
  const std::uint32_t post = w.post;
  Post& p = posts_[post];
  const RoleRuntime& r = roles_[p.role];
  // The agency worker takes the post they cover, if it is vacant and still waiting for
  // an applicant (not when its holder is only on notice, or an offer is under way).
  if (p.holder != kNone || p.recruitment != RecruitmentStage::awaiting_applicant) {
    w.conversion_event =
        sim_.schedule_in(exponential_delay(stream(r.authority, Process::conversion), r.conversion_rate),
                         kPriorityDecision, kConversion, worker);
    return;
  }
  agency_departs(post);  // the worker keeps state 'agency' at the post for the flow count
  p.candidate = worker;
  p.applicant_at = sim_.now();
  start_permanent(post);
  review_cover(post);
}

void WorkforceModel::on_market_join(std::uint32_t m) {
  Market& market = markets_[m];
  market.join_event = sim_.schedule_in(exponential_delay(market_stream(m, Process::agency_market), market.joining_rate),
                                       kPriorityDecision, kMarketJoin, m);
  const std::uint32_t worker = new_worker(m, market.supply->experience.sample(market_stream(m, Process::experience)));
  flow(categories_.outside(), categories_.agency_pool());
  make_available(worker);
}

void WorkforceModel::on_market_leave(std::uint32_t m) {
  markets_[m].idle.event = {};
  leave_pool(markets_[m].idle, categories_.agency_pool(), kMarketLeave, m);
}

void WorkforceModel::join_pool(DeparturePool& pool, std::uint32_t worker, double rate_each,
                               kernel::RandomStream& stream, std::uint32_t type, std::uint32_t market) {
  const double leaves_at = rate_each > 0 ? sim_.now() + exponential_delay(stream, rate_each) : kForever;
  if (pool.add(worker, leaves_at)) schedule_pool_departure(pool, type, market);
}

void WorkforceModel::take_from_pool(DeparturePool& pool, std::size_t index, std::uint32_t type, std::uint32_t market) {
  if (pool.erase_at(index)) schedule_pool_departure(pool, type, market);
}

void WorkforceModel::leave_pool(DeparturePool& pool, std::uint32_t from, std::uint32_t type, std::uint32_t market) {
  const std::size_t index = pool.earliest();
  const std::uint32_t worker = pool[index];
  take_from_pool(pool, index, type, market);
  flow(from, categories_.outside());
  retire_worker(worker);
}

void WorkforceModel::schedule_pool_departure(DeparturePool& pool, std::uint32_t type, std::uint32_t market) {
  sim_.cancel(pool.event);
  pool.event = {};
  if (std::isfinite(pool.earliest_at())) {
    pool.event = sim_.schedule_at(pool.earliest_at(), kPriorityDecision, type, market);
  }
}

void WorkforceModel::on_rule_change() {
  const double now = sim_.now();
  if (++next_rule_change_ < rule_changes_.size()) {
    sim_.schedule_at(rule_changes_[next_rule_change_], kPriorityRuleChange, kRuleChange, 0);
  }
  // Rate caps may have started or ended: reprice every agency worker in post.
  reprice();
  for (Post& p : posts_) {
    if (p.agency_worker == kNone) continue;
    AuthorityTally& t = tally_of(p);
    t.accrue(now);
    t.agency_cost_rate -= p.agency_cost_per_day;
    p.agency_cost_per_day = agency_rate_per_hour(p) * roles_[p.role].role->pay.hours_per_week / 7.0;
    t.agency_cost_rate += p.agency_cost_per_day;
  }
  // A rule or membership that ended may free idle workers for waiting bookings.
  for (Market& market : markets_) {
    const std::vector<std::uint32_t> idle(market.idle.begin(), market.idle.end());
    sim_.cancel(market.idle.event);
    market.idle.clear();
    for (const std::uint32_t worker : idle) make_available(worker);
  }
}

}  // namespace wfsim::model
