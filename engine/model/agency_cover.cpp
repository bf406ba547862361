#include "model/agency_cover.hpp"

#include <algorithm>

#include "model/agency_market.hpp"
#include "model/engagement_rules.hpp"
#include "model/recruitment.hpp"
#include "model/same_time_order.hpp"

namespace wfsim::model {

AgencyCover::AgencyCover(ModelCore& core)
    : core_(core),
      booking_event_(core.routes.add<&AgencyCover::on_booking_due>(*this, "an agency booking reaching the market")),
      assignment_end_event_(core.routes.add<&AgencyCover::on_assignment_end>(*this, "an agency assignment ending")),
      conversion_event_(
          core.routes.add<&AgencyCover::on_conversion>(*this, "an agency worker taking a permanent post")),
      induction_end_event_(core.routes.add<&AgencyCover::on_induction_end>(*this, "an induction overlap ending")),
      induction_overlap_days_(core.roles.size()),
      max_agency_share_(core.roles.size()),
      capped_(core.roles.authorities()) {}

void AgencyCover::wire(AgencyMarket& market, Recruitment& recruitment) {
  market_ = &market;
  recruitment_ = &recruitment;
}

void AgencyCover::reset() {
  std::fill(induction_overlap_days_.begin(), induction_overlap_days_.end(), 0.0);
  std::fill(max_agency_share_.begin(), max_agency_share_.end(), 1.0);
  for (auto& posts : capped_) posts.clear();
  loosened_.clear();
}

bool AgencyCover::needs_cover(const Post& p) const {
  const AgencySettings& settings = core_.role_of(p).role->agency;
  if (p.holder == kNone) return p.temporary || p.vacancy_to_cover;
  return core_.store.worker(p.holder).absent && settings.cover_absences;
}

bool AgencyCover::decide_cover(const Post& p, double share, double chance) {
  // From the decision's own stream: nothing drawn where the role's share (fixed for the
  // run) is 0 or 1, every decision alike; else one number a decision, whatever
  // `chance`, so that a change to the share changes only the decisions whose number
  // falls between the two, and no other process's draws (a share a hair below 1
  // decides as 1 does: common random numbers for comparing shares).
  if (share >= 1) return true;
  if (share <= 0) return false;
  return core_.stream(core_.role_of(p), Process::vacancy_cover).uniform() < chance;
}

void AgencyCover::vacancy_opened(std::uint32_t post) {
  Post& p = core_.store.post(post);
  const double share = core_.role_of(p).role->agency.chance_vacancy_covered();
  p.vacancy_to_cover = decide_cover(p, share, share);
  review(post);
}

void AgencyCover::decide_cover_at_start(std::uint32_t first, std::uint32_t end) {
  // The vacancies covered at the start are ones the council covers; the others are
  // covered with the chance that brings the expected share of covered vacancies to the
  // role's: (share x vacancies - covered) / (vacancies - covered).
  int vacant = 0, covered = 0;
  for (std::uint32_t post = first; post < end; ++post) {
    const Post& p = core_.store.post(post);
    if (p.temporary || p.holder != kNone) continue;
    ++vacant;
    covered += p.agency_worker != kNone ? 1 : 0;
  }
  if (vacant == 0) return;
  const double share = core_.role_of(core_.store.post(first)).role->agency.chance_vacancy_covered();
  const double chance_for_uncovered =
      vacant > covered ? std::clamp((share * vacant - covered) / (vacant - covered), 0.0, 1.0) : 0.0;
  for (std::uint32_t post = first; post < end; ++post) {
    Post& p = core_.store.post(post);
    if (p.temporary || p.holder != kNone) continue;
    // Drawn for every vacancy, covered or not, so that the decisions after the start
    // draw the same numbers whatever the start's chance. A council that never covers
    // a vacancy releases the agency workers placed in them.
    const bool drawn = decide_cover(p, share, chance_for_uncovered);
    p.vacancy_to_cover = share > 0 && (p.agency_worker != kNone || drawn);
  }
}

void AgencyCover::review(std::uint32_t post) {
  Post& p = core_.store.post(post);
  const bool need = needs_cover(p);
  // Held back by a cap, a post is booked once under it, longest held first. It keeps
  // its place while it needs cover, whatever for (an absence, then the vacancy its
  // absent worker leaves); one that stopped needing cover, or was booked, leaves the
  // list, and goes to the back if held again.
  std::vector<std::uint32_t>& held = capped_[core_.role_of(p).authority];
  const bool waiting = need && p.agency_worker == kNone && p.booking == BookingStage::none;
  if (waiting && over_cap(p)) {
    if (std::find(held.begin(), held.end(), post) == held.end()) held.push_back(post);
    return;
  }
  if (!held.empty()) std::erase(held, post);
  if (waiting) {
    book(post);
  } else if (!need) {
    if (p.agency_worker != kNone && core_.now() < p.inducting_until) {
      // Induction overlap: the agency worker stays beside the new starter until the
      // induction ends, and is then reviewed again.
      if (!p.induction_event_pending) {
        core_.sim.schedule_at(p.inducting_until, kPriorityDeparture, induction_end_event_, post);
        p.induction_event_pending = true;
      }
    } else if (p.agency_worker != kNone) {
      // No longer needed: back to the market for the next booking, or out of the model
      // where the market's supply is unlimited.
      const std::uint32_t authority = core_.role_of(p).authority;
      const std::uint32_t worker = release(post);
      const FlowCategories& c = core_.flows.categories();
      if (core_.roles.market(core_.store.worker(worker).market).finite()) {
        core_.flows.move(c.agency(authority), c.agency_pool(core_.roles.region_of(authority)));
        market_->make_available(worker);
      } else {
        core_.flows.move(c.agency(authority), c.outside());
        core_.store.retire(worker);
      }
    }
    if (p.booking != BookingStage::none) cancel_booking(post);
  }
}

void AgencyCover::review_at_start(std::uint32_t post, bool part_way) {
  review(post);
  Post& p = core_.store.post(post);
  if (!part_way || p.booking != BookingStage::booked) return;
  const RoleInfo& r = core_.role_of(p);
  core_.sim.cancel(p.agency_event);
  // Under way at the start: booked `elapsed` days before it, so its time to hire counts
  // from then (the same draws as the time left alone).
  const kernel::Distribution::PartWay booking =
      r.role->agency.booking_delay.sample_part_way(core_.stream(r, Process::starting_position));
  p.booked_at = core_.now() - booking.elapsed;
  p.agency_event = core_.sim.schedule_in(booking.remaining, kPriorityArrival, booking_event_, post);
}

bool AgencyCover::over_cap(const Post& p) const {
  const double cap = max_agency_share_[p.role];
  if (cap >= 1) return false;
  const AuthorityTally& t = core_.tallies[core_.role_of(p).authority];
  const double agency = t[Measure::agency_headcount] + t[Measure::agency_bookings_waiting] + 1;
  return agency / (agency + t[Measure::permanent_headcount]) > cap;
}

void AgencyCover::book_capped_posts(std::uint32_t authority) {
  std::vector<std::uint32_t>& waiting = capped_[authority];
  std::size_t kept = 0;
  for (std::size_t i = 0; i < waiting.size(); ++i) {
    const std::uint32_t post = waiting[i];
    const Post& p = core_.store.post(post);
    if (!needs_cover(p) || p.agency_worker != kNone || p.booking != BookingStage::none) continue;  // stale
    if (over_cap(p)) {
      waiting[kept++] = post;
    } else {
      book(post);
    }
  }
  waiting.resize(kept);
}

void AgencyCover::book(std::uint32_t post) {
  Post& p = core_.store.post(post);
  const RoleInfo& r = core_.role_of(p);
  p.booking = BookingStage::booked;
  p.booked_at = core_.now();
  ++p.booking_serial;
  // Its own stream, one draw a booking where the share is neither 0 nor 1: see decide_cover.
  p.off_contract = core_.stream(r, Process::off_contract).bernoulli_if_uncertain(r.role->agency.off_contract_share);
  core_.tally_of(p)[Measure::agency_bookings_waiting] += 1;
  p.agency_event = core_.sim.schedule_in(r.role->agency.booking_delay.sample(core_.stream(r, Process::agency_booking)),
                                         kPriorityArrival, booking_event_, post);
}

void AgencyCover::cancel_booking(std::uint32_t post) {
  Post& p = core_.store.post(post);
  core_.sim.cancel(p.agency_event);  // a no-op if the booking is waiting in the market
  if (p.booking == BookingStage::awaiting_supply) market_->booking_withdrawn(post);
  p.booking = BookingStage::none;  // any market entry is now stale and will be skipped
  core_.tally_of(p)[Measure::agency_bookings_waiting] -= 1;
  // The booking counted towards the council's agency-share cap: a post it held back may
  // book now, as when an agency worker leaves.
  staffing_changed(core_.role_of(p).authority);
}

void AgencyCover::on_booking_due(std::uint32_t post) {
  const std::uint32_t worker = market_->find_for_booking(post);
  if (worker != kNone) {
    engage(post, worker);
  } else {
    core_.store.post(post).booking = BookingStage::awaiting_supply;  // queued in the market
  }
}

inline void AgencyCover::schedule_conversion(std::uint32_t worker, const RoleInfo& r) {
  core_.store.worker(worker).conversion_event =
      core_.sim.schedule_in(exponential_delay(core_.stream(r, Process::conversion), r.conversion_rate),
                            kPriorityDecision, conversion_event_, worker);
}

void AgencyCover::engage(std::uint32_t post, std::uint32_t worker) {
  Post& p = core_.store.post(post);
  const RoleInfo& r = core_.role_of(p);
  Worker& w = core_.store.worker(worker);
  core_.sim.cancel(w.review_event);
  w.state = WorkerState::agency;
  w.post = post;
  AuthorityTally& t = core_.tally_of(p);
  if (p.booking == BookingStage::awaiting_supply) market_->booking_withdrawn(post);
  if (p.booking != BookingStage::none) {
    t[Measure::agency_bookings_waiting] -= 1;
    t[Measure::starters_agency] += 1;
    t[Aux::agency_hire_days] += core_.now() - p.booked_at;
    p.booking = BookingStage::none;
  }
  core_.store.change_post(post, t, [&](Post& changed) { changed.agency_worker = worker; });
  t[Measure::agency_headcount] += 1;
  if (p.off_contract) t[Measure::agency_off_contract] += 1;
  p.agency_cost_per_day =
      market_->prices().charge_rate(p.role, p.off_contract, core_.rules->pay_tier(worker)) * r.agency_hours_per_day;
  t[Rate::agency_cost] += p.agency_cost_per_day;
  t[Rate::agency_hours] += r.agency_hours_per_day;
  p.agency_event = {};
  if (r.agency_leave_rate > 0) {
    p.agency_event =
        core_.sim.schedule_in(exponential_delay(core_.stream(r, Process::agency_tenure), r.agency_leave_rate),
                              kPriorityDeparture, assignment_end_event_, post);
  }
  if (r.conversion_rate > 0) schedule_conversion(worker, r);
}

std::uint32_t AgencyCover::release(std::uint32_t post) {
  Post& p = core_.store.post(post);
  const RoleInfo& r = core_.role_of(p);
  AuthorityTally& t = core_.tally_of(p);
  const std::uint32_t worker = p.agency_worker;
  core_.sim.cancel(p.agency_event);
  core_.sim.cancel(core_.store.worker(worker).conversion_event);
  p.agency_event = {};
  core_.store.change_post(post, t, [](Post& changed) { changed.agency_worker = kNone; });
  t[Measure::agency_headcount] -= 1;
  if (p.off_contract) t[Measure::agency_off_contract] -= 1;
  p.off_contract = false;
  t[Rate::agency_cost] -= p.agency_cost_per_day;
  t[Rate::agency_hours] -= r.agency_hours_per_day;
  if (t[Measure::agency_headcount] == 0) {
    // Added and taken away in floating point, the running rates of a council left with
    // no agency worker keep a leftover of about 1e-12: its spend came out as -0 and its
    // rate paid, that leftover over another, as -32 pounds an hour. None means none.
    t[Rate::agency_cost] = 0;
    t[Rate::agency_hours] = 0;
  }
  p.agency_cost_per_day = 0;
  t[Measure::leavers_agency] += 1;
  staffing_changed(r.authority);
  return worker;
}

void AgencyCover::on_assignment_end(std::uint32_t post) {
  // The worker goes back to the region's market for another assignment, or out of
  // agency work (where supply is unlimited, out of the model); the post books again if
  // it still needs cover.
  const RoleInfo& r = core_.role_of(core_.store.post(post));
  const std::uint32_t worker = release(post);
  if (core_.roles.market(r.market).finite()) {
    market_->assignment_ended(worker, r.authority);
  } else {
    core_.store.retire(worker);
    core_.flows.move(core_.flows.categories().agency(r.authority), core_.flows.categories().outside());
  }
  review(post);
}

void AgencyCover::on_conversion(std::uint32_t worker) {
  const std::uint32_t post = core_.store.worker(worker).post;
  Post& p = core_.store.post(post);
  // The agency worker takes the post they cover, if it is vacant and still waiting for
  // an applicant (not when its holder is only on notice, or an offer is under way).
  if (p.holder != kNone || p.recruitment != RecruitmentStage::awaiting_applicant) {
    schedule_conversion(worker, core_.role_of(p));
    return;
  }
  release(post);  // the worker keeps state 'agency' at the post for the flow count
  recruitment_->convert(post, worker);
  review(post);
}

void AgencyCover::on_induction_end(std::uint32_t post) {
  core_.store.post(post).induction_event_pending = false;
  review(post);
}

void AgencyCover::new_starter(std::uint32_t post) {
  Post& p = core_.store.post(post);
  p.inducting_until = core_.now() + induction_overlap_days_[p.role];
}

void AgencyCover::set_levers(std::uint32_t role, double induction_overlap_days, double max_agency_share) {
  const bool loosened = max_agency_share > max_agency_share_[role];
  induction_overlap_days_[role] = induction_overlap_days;
  max_agency_share_[role] = max_agency_share;
  const std::uint32_t authority = core_.roles[role].authority;
  if (loosened && std::find(loosened_.begin(), loosened_.end(), authority) == loosened_.end()) {
    loosened_.push_back(authority);
  }
}

void AgencyCover::book_where_loosened() {
  // In a drawn order: in list order, the first-listed council's bookings would reach
  // the market first. Drawn only where two or more councils' caps loosened at this
  // instant, so a lever changing elsewhere, or at one council, leaves this stream where
  // it was.
  if (loosened_.size() > 1) shuffle(std::span(loosened_), core_.streams.model(Process::loosened_order));
  for (const std::uint32_t authority : loosened_) book_capped_posts(authority);
  loosened_.clear();
}

void AgencyCover::reprice_posts() {
  for (std::uint32_t post = 0; post < core_.store.post_count(); ++post) {
    Post& p = core_.store.post(post);
    if (p.agency_worker == kNone) continue;
    // Worked out as engage() works it out, so that a post whose rate is unchanged
    // costs what it did to the last bit and is left alone: taking its cost away and
    // adding it back, and accruing the council's tally at this instant, each rounds,
    // and moved every council's spend at a change of rules that priced none of its
    // posts differently.
    const double cost = market_->prices().charge_rate(p.role, p.off_contract, core_.rules->pay_tier(p.agency_worker)) *
                        core_.role_of(p).agency_hours_per_day;
    if (cost == p.agency_cost_per_day) continue;
    AuthorityTally& t = core_.tally_of(p);
    t.accrue(core_.now());
    t[Rate::agency_cost] -= p.agency_cost_per_day;
    p.agency_cost_per_day = cost;
    t[Rate::agency_cost] += p.agency_cost_per_day;
  }
}

}  // namespace wfsim::model
