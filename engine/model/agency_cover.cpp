// Agency cover of posts, and the finite agency market it draws on.
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
  if (p.holder == kNone) (p.temporary ? c.unfilled_temporary : c.vacant) = 1;
  if (absent) c.absent = 1;
  // Agency staff beside a permanent worker who is at work cover nothing.
  if (p.agency_present && p.holder == kNone) c.agency_vacancy = 1;
  if (p.agency_present && absent) c.agency_absence = 1;
  return c;
}

void WorkforceModel::review_cover(std::uint32_t post) {
  Post& p = posts_[post];
  const bool need = needs_cover(p);
  if (need && !p.agency_present && p.booking == BookingStage::none) {
    book_agency(post);
  } else if (!need) {
    if (p.agency_present) agency_departs(post, true);
    if (p.booking != BookingStage::none) cancel_booking(post);
  }
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
  p.booking = BookingStage::none;
  tally_of(p).bookings_waiting -= 1;
}

void WorkforceModel::on_agency_arrival(std::uint32_t post) {
  if (!take_from_market(post)) {
    posts_[post].booking = BookingStage::awaiting_supply;
    return;
  }
  agency_arrives(post);
}

void WorkforceModel::agency_arrives(std::uint32_t post) {
  Post& p = posts_[post];
  const RoleRuntime& r = roles_[p.role];
  AuthorityTally& t = tally_of(p);
  t.accrue(sim_.now());
  if (p.booking != BookingStage::none) {
    t.bookings_waiting -= 1;
    t.starters_agency += 1;
    t.agency_hire_days_sum += sim_.now() - p.booked_at;
    p.booking = BookingStage::none;
  }
  t.apply(contribution(p), -1);
  p.agency_present = true;
  t.apply(contribution(p), +1);
  t.agency_headcount += 1;
  t.agency_cost_rate += r.agency_cost_per_day;
  p.agency_event = {};
  if (r.agency_leave_rate > 0) {
    p.agency_event =
        sim_.schedule_in(exponential_delay(stream(r.authority, Process::agency_tenure), r.agency_leave_rate),
                         kPriorityDeparture, kAgencyAssignmentEnd, post);
  }
}

void WorkforceModel::agency_departs(std::uint32_t post, bool back_to_market) {
  Post& p = posts_[post];
  const RoleRuntime& r = roles_[p.role];
  AuthorityTally& t = tally_of(p);
  sim_.cancel(p.agency_event);
  p.agency_event = {};
  t.accrue(sim_.now());
  t.apply(contribution(p), -1);
  p.agency_present = false;
  t.apply(contribution(p), +1);
  t.agency_headcount -= 1;
  t.agency_cost_rate -= r.agency_cost_per_day;
  t.leavers_agency += 1;
  if (back_to_market) return_to_market(p.role);
}

void WorkforceModel::on_agency_assignment_end(std::uint32_t post) {
  // An agency worker who ends an assignment leaves this market (for another region,
  // a permanent post or a break); one released because the post is filled is
  // available for the next booking.
  agency_departs(post, false);
  review_cover(post);  // rebook if the post still needs cover
}

// ---------------------------------------------------------------- agency market

bool WorkforceModel::take_from_market(std::uint32_t post) {
  const std::uint32_t m = roles_[posts_[post].role].market;
  if (m == kNone) return true;
  Market& market = markets_[m];
  if (market.idle > 0) {
    --market.idle;
    reschedule_market_leaving(m);
    return true;
  }
  market.waiting.push(Market::Waiting{post, posts_[post].booking_serial});
  return false;
}

void WorkforceModel::return_to_market(std::uint32_t role) {
  const std::uint32_t m = roles_[role].market;
  if (m == kNone) return;
  Market& market = markets_[m];
  // Serve the longest-waiting live booking; skip bookings cancelled while waiting.
  while (!market.waiting.empty()) {
    const Market::Waiting w = market.waiting.pop();
    const Post& p = posts_[w.post];
    if (p.booking == BookingStage::awaiting_supply && p.booking_serial == w.serial) {
      agency_arrives(w.post);
      return;
    }
  }
  ++market.idle;
  reschedule_market_leaving(m);
}

void WorkforceModel::on_market_join(std::uint32_t m) {
  Market& market = markets_[m];
  kernel::RandomStream& s = market_stream(m);
  market.join_event = sim_.schedule_in(exponential_delay(s, market.joining_rate), kPriorityDecision, kMarketJoin, m);
  // A joiner is like a worker coming back from an assignment: first served to a
  // waiting booking, else idle. Any role index of this market will do.
  for (std::uint32_t r = 0; r < roles_.size(); ++r) {
    if (roles_[r].market == m) {
      return_to_market(r);
      return;
    }
  }
  ++market.idle;
  reschedule_market_leaving(m);
}

void WorkforceModel::on_market_leave(std::uint32_t m) {
  Market& market = markets_[m];
  if (market.idle > 0) --market.idle;
  market.leave_event = {};
  reschedule_market_leaving(m);
}

void WorkforceModel::reschedule_market_leaving(std::uint32_t m) {
  // The time to the next idle worker leaving depends on how many are idle; by
  // memorylessness the pending event can be replaced whenever that number changes.
  Market& market = markets_[m];
  sim_.cancel(market.leave_event);
  market.leave_event = {};
  if (market.leaving_rate <= 0 || market.idle <= 0) return;
  kernel::RandomStream& s = market_stream(m);
  market.leave_event = sim_.schedule_in(exponential_delay(s, market.leaving_rate * static_cast<double>(market.idle)),
                                        kPriorityDecision, kMarketLeave, m);
}

}  // namespace wfsim::model
