#include "model/workforce_model.hpp"

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <cmath>
#include <stdexcept>

#include "kernel/calendar.hpp"

namespace wfsim::model {

namespace {

enum EventType : std::uint32_t {
  kPeriodEnd,
  kNotice,
  kLeave,
  kAbsenceStart,
  kAbsenceEnd,
  kOfferDue,
  kApplicant,
  kReplacementReady,
  kAgencyArrival,
  kAgencyAssignmentEnd,
  kMarketJoin,
  kMarketLeave,
};

// Same-time ordering (lower runs first):
// - a period's snapshot is taken at midnight, before any event of the next day;
// - departures free a post before arrivals fill it, so a leaver's exit precedes the
//   replacement's start and a returning worker displaces agency cover first;
// - decisions (notices, absences starting, offers) see the day's moves complete.
constexpr std::int32_t kPriorityPeriodEnd = 0;
constexpr std::int32_t kPriorityDeparture = 1;
constexpr std::int32_t kPriorityArrival = 2;
constexpr std::int32_t kPriorityDecision = 3;

double exponential_delay(kernel::RandomStream& stream, double rate) {
  return boost::random::exponential_distribution<double>(rate)(stream);
}

}  // namespace

double notice_hazard_per_day(double turnover_per_year, double mean_notice_days) {
  // Turnover is leavers per year over headcount, and headcount includes those working
  // notice, who cannot resign again. Each post then cycles through a tenure of mean
  // 1/h and a notice of mean n, so leavers / headcount = 1 / (1/h + n); solving for h
  // gives a hazard that reproduces the reported turnover exactly.
  const double turnover_per_day = turnover_per_year / kDaysPerYear;
  return turnover_per_day / (1.0 - turnover_per_day * mean_notice_days);
}

std::vector<std::int64_t> period_end_days(std::int64_t start_day, std::int64_t end_day) {
  std::vector<std::int64_t> ends;
  for (std::int64_t day = kernel::first_of_next_month(start_day); day < end_day;
       day = kernel::first_of_next_month(day)) {
    ends.push_back(day);
  }
  ends.push_back(end_day);  // the last period ends with the run, whole month or not
  return ends;
}

WorkforceModel::WorkforceModel(const ModelParameters& parameters)
    : parameters_(parameters), period_ends_(model::period_end_days(parameters.start_day, parameters.end_day)) {
  for (std::size_t m = 0; m < parameters.agency_supply.size(); ++m) {
    const AgencySupply& supply = parameters.agency_supply[m];
    Market market;
    market.supply = &supply;
    market.joining_rate = supply.joining_per_year / kDaysPerYear;
    market.leaving_rate = supply.leaving_per_year / kDaysPerYear;
    markets_.push_back(std::move(market));
  }
  for (std::uint32_t a = 0; a < parameters.authorities.size(); ++a) {
    for (const Role& role : parameters.authorities[a].roles) {
      RoleRuntime r;
      r.role = &role;
      r.authority = a;
      for (std::uint32_t m = 0; m < markets_.size(); ++m) {
        if (markets_[m].supply->role == role.name) r.market = m;
      }
      r.tenure_rate = notice_hazard_per_day(role.turnover_per_year, role.notice.mean());
      for (const AbsenceKind& kind : role.absences) r.absence_rate += kind.starts_per_year / kDaysPerYear;
      r.agency_leave_rate = role.agency.leaving_per_year / kDaysPerYear;
      r.applicant_rate = role.recruitment.applicants_per_year / kDaysPerYear;
      r.permanent_cost_per_day = role.pay.salary_per_year * (1 + role.pay.on_cost_rate) / kDaysPerYear;
      r.agency_cost_per_day = role.pay.agency_rate_per_hour * role.pay.hours_per_week / 7.0;
      r.sickness_per_day = role.short_sickness_days_per_year / kDaysPerYear;
      roles_.push_back(std::move(r));
    }
  }
  tallies_.resize(parameters.authorities.size());
  for (const Authority& authority : parameters.authorities) {
    int posts = 0;
    for (const Role& role : authority.roles) posts += role.permanent_posts;
    permanent_posts_.push_back(posts);
  }
  streams_.resize((parameters.authorities.size() + markets_.size()) * kProcessCount);
}

kernel::RandomStream& WorkforceModel::stream(std::uint32_t group, Process process) {
  return streams_[group * kProcessCount + static_cast<std::uint32_t>(process)];
}

void WorkforceModel::reset(std::uint64_t seed, std::uint64_t replication) {
  sim_.reset();
  for (std::uint32_t group = 0; group < parameters_.authorities.size() + markets_.size(); ++group) {
    for (std::uint32_t p = 0; p < kProcessCount; ++p) {
      streams_[group * kProcessCount + p].reseed(kernel::StreamKey{seed, replication, group, p});
    }
  }
  for (RoleRuntime& r : roles_) {
    r.waiting_for_applicant.clear();
    r.applicant_event = {};
  }
  for (Market& m : markets_) {
    m.waiting.clear();
    m.idle = 0;
    m.join_event = m.leave_event = {};
  }
  posts_.clear();
  workers_.clear();
  free_workers_.clear();
  for (AuthorityTally& t : tallies_) t = AuthorityTally{};
  next_period_ = 0;
}

std::uint64_t WorkforceModel::run(std::uint64_t seed, std::uint64_t replication, SeriesTable& out) {
  if (out.authorities() != parameters_.authorities.size() || out.periods() != periods()) {
    throw std::invalid_argument("series table has the wrong shape for this scenario");
  }
  reset(seed, replication);
  out_ = &out;
  set_up_initial_state();
  sim_.schedule_at(static_cast<double>(period_ends_[0] - parameters_.start_day), kPriorityPeriodEnd, kPeriodEnd, 0);
  const double end = static_cast<double>(parameters_.end_day - parameters_.start_day);
  // The last period end is at `end` itself; run_until stops before events at `end`, so
  // deliver it explicitly.
  sim_.run_until(end, *this);
  while (next_period_ < period_ends_.size()) sim_.step(*this);
  out_ = nullptr;
  return sim_.events_processed();
}

void WorkforceModel::set_up_initial_state() {
  for (std::uint32_t r = 0; r < roles_.size(); ++r) {
    const Role& role = *roles_[r].role;
    const std::uint32_t first = static_cast<std::uint32_t>(posts_.size());
    Post post;
    post.role = r;
    for (int i = 0; i < role.permanent_posts; ++i) posts_.push_back(post);
    post.temporary = true;
    for (int i = 0; i < role.temporary_posts; ++i) posts_.push_back(post);
    for (std::uint32_t i = first; i < posts_.size(); ++i) tally_of(posts_[i]).apply(contribution(posts_[i]), +1);
    // Permanent posts in order: the absent, the others in post, then the vacant.
    const InitialState& init = role.initial;
    for (int i = 0; i < init.in_post; ++i) {
      const std::uint32_t worker = hire_permanent(first + static_cast<std::uint32_t>(i));
      if (i < init.absent) set_absent(worker, true);
    }
    for (int i = 0; i < init.agency_covering_absences; ++i) {
      agency_arrives(first + static_cast<std::uint32_t>(i));
    }
    // Vacant posts, permanent and then temporary establishment, covered in order.
    const int vacant = role.permanent_posts + role.temporary_posts - init.in_post;
    for (int i = 0; i < init.agency_covering_vacancies && i < vacant; ++i) {
      agency_arrives(first + static_cast<std::uint32_t>(init.in_post + i));
    }
  }
  for (std::uint32_t post = 0; post < posts_.size(); ++post) {
    const Post& p = posts_[post];
    if (!p.temporary && p.holder == kNone) open_recruitment(post);
    review_cover(post);
  }
  // Starting cover is not "starting" in the sense of the flows reported.
  for (AuthorityTally& t : tallies_) t.reset_flows();
  for (std::uint32_t m = 0; m < markets_.size(); ++m) {
    Market& market = markets_[m];
    const double available = market.supply->available_at_start;
    market.idle = std::isinf(available) ? 0 : static_cast<long>(available);
    if (market.joining_rate > 0) {
      market.join_event = sim_.schedule_in(
          exponential_delay(stream(static_cast<std::uint32_t>(tallies_.size()) + m, Process::agency_market),
                            market.joining_rate),
          kPriorityDecision, kMarketJoin, m);
    }
    reschedule_market_leaving(m);
  }
}

void WorkforceModel::handle(const kernel::Event& event) {
  switch (event.type) {
    case kPeriodEnd: on_period_end(); break;
    case kNotice: on_notice(event.subject); break;
    case kLeave: on_leave(event.subject); break;
    case kAbsenceStart: on_absence_start(event.subject); break;
    case kAbsenceEnd: on_absence_end(event.subject); break;
    case kOfferDue: on_offer_due(event.subject); break;
    case kApplicant: on_applicant(event.subject); break;
    case kReplacementReady: on_replacement_ready(event.subject); break;
    case kAgencyArrival: on_agency_arrival(event.subject); break;
    case kAgencyAssignmentEnd: on_agency_assignment_end(event.subject); break;
    case kMarketJoin: on_market_join(event.subject); break;
    case kMarketLeave: on_market_leave(event.subject); break;
    default: throw std::logic_error("unknown event type " + std::to_string(event.type));
  }
}

// ---------------------------------------------------------------- permanent workers

std::uint32_t WorkforceModel::hire_permanent(std::uint32_t post) {
  std::uint32_t worker;
  if (!free_workers_.empty()) {
    worker = free_workers_.back();
    free_workers_.pop_back();
    workers_[worker] = Worker{};
  } else {
    worker = static_cast<std::uint32_t>(workers_.size());
    workers_.emplace_back();
  }
  workers_[worker].post = post;
  Post& p = posts_[post];
  const RoleRuntime& r = roles_[p.role];
  AuthorityTally& t = tally_of(p);
  t.accrue(sim_.now());
  t.apply(contribution(p), -1);
  p.holder = worker;
  t.apply(contribution(p), +1);
  t.permanent_headcount += 1;
  t.permanent_fte += r.role->fte_per_worker;
  t.permanent_cost_rate += r.permanent_cost_per_day;
  t.sickness_rate += r.sickness_per_day;
  schedule_tenure_and_absence(worker);
  return worker;
}

void WorkforceModel::schedule_tenure_and_absence(std::uint32_t worker) {
  Worker& w = workers_[worker];
  const RoleRuntime& r = roles_[posts_[w.post].role];
  if (r.tenure_rate > 0) {
    w.tenure_event = sim_.schedule_in(exponential_delay(stream(r.authority, Process::tenure), r.tenure_rate),
                                      kPriorityDecision, kNotice, worker);
  }
  if (r.absence_rate > 0) {
    w.absence_event = sim_.schedule_in(exponential_delay(stream(r.authority, Process::absence_start), r.absence_rate),
                                       kPriorityDecision, kAbsenceStart, worker);
  }
}

void WorkforceModel::on_notice(std::uint32_t worker) {
  Worker& w = workers_[worker];
  const RoleRuntime& r = roles_[posts_[w.post].role];
  kernel::RandomStream& s = stream(r.authority, Process::notice);
  w.on_notice = true;
  const Destinations& d = r.role->destinations;
  const double u = s.uniform();
  w.destination = u < d.outside                     ? Destination::outside
                  : u < d.outside + d.other_council ? Destination::other_council
                                                    : Destination::agency;
  w.tenure_event = sim_.schedule_in(r.role->notice.sample(s), kPriorityDeparture, kLeave, worker);
  if (r.role->recruitment.opens_at == RecruitmentTrigger::at_notice) open_recruitment(w.post);
}

void WorkforceModel::on_leave(std::uint32_t worker) {
  const Worker w = workers_[worker];
  const std::uint32_t post = w.post;
  Post& p = posts_[post];
  const RoleRuntime& r = roles_[p.role];
  AuthorityTally& t = tally_of(p);
  sim_.cancel(w.absence_event);
  t.accrue(sim_.now());
  t.apply(contribution(p), -1);
  p.holder = kNone;
  t.apply(contribution(p), +1);
  t.permanent_headcount -= 1;
  t.permanent_fte -= r.role->fte_per_worker;
  t.permanent_cost_rate -= r.permanent_cost_per_day;
  if (!w.absent) t.sickness_rate -= r.sickness_per_day;
  t.leavers_permanent += 1;
  t.leavers_by_destination[static_cast<int>(w.destination)] += 1;
  free_workers_.push_back(worker);

  if (p.recruitment == RecruitmentStage::ready) {
    start_permanent(post);  // the replacement was waiting for this departure
  } else if (p.recruitment == RecruitmentStage::closed) {
    open_recruitment(post);
  }
  review_cover(post);
}

void WorkforceModel::set_absent(std::uint32_t worker, bool absent) {
  Worker& w = workers_[worker];
  Post& p = posts_[w.post];
  const RoleRuntime& r = roles_[p.role];
  AuthorityTally& t = tally_of(p);
  t.accrue(sim_.now());
  t.apply(contribution(p), -1);
  w.absent = absent;
  t.apply(contribution(p), +1);
  t.sickness_rate += absent ? -r.sickness_per_day : r.sickness_per_day;
}

void WorkforceModel::on_absence_start(std::uint32_t worker) {
  Worker& w = workers_[worker];
  const RoleRuntime& r = roles_[posts_[w.post].role];
  // Pick the kind of absence in proportion to its rate.
  const auto& kinds = r.role->absences;
  kernel::RandomStream& s = stream(r.authority, Process::absence_start);
  double u = s.uniform() * r.absence_rate * kDaysPerYear;
  std::size_t k = 0;
  while (k + 1 < kinds.size() && u >= kinds[k].starts_per_year) u -= kinds[k++].starts_per_year;
  set_absent(worker, true);
  w.absence_event = sim_.schedule_in(kinds[k].duration.sample(stream(r.authority, Process::absence_length)),
                                     kPriorityDeparture, kAbsenceEnd, worker);
  review_cover(w.post);
}

void WorkforceModel::on_absence_end(std::uint32_t worker) {
  Worker& w = workers_[worker];
  const RoleRuntime& r = roles_[posts_[w.post].role];
  set_absent(worker, false);
  w.absence_event = sim_.schedule_in(exponential_delay(stream(r.authority, Process::absence_start), r.absence_rate),
                                     kPriorityDecision, kAbsenceStart, worker);
  review_cover(w.post);
}

// ---------------------------------------------------------------- recruitment

void WorkforceModel::open_recruitment(std::uint32_t post) {
  Post& p = posts_[post];
  if (p.temporary || p.recruitment != RecruitmentStage::closed) return;
  p.recruitment_opened_at = sim_.now();
  tally_of(p).recruitments_open += 1;
  seek_applicant(post);
}

void WorkforceModel::seek_applicant(std::uint32_t post) {
  Post& p = posts_[post];
  RoleRuntime& r = roles_[p.role];
  if (std::isinf(r.applicant_rate)) {
    consider_applicant(post);
    return;
  }
  p.recruitment = RecruitmentStage::awaiting_applicant;
  r.waiting_for_applicant.push(post);
  if (!sim_.pending(r.applicant_event) && r.applicant_rate > 0) {
    r.applicant_event = sim_.schedule_in(exponential_delay(stream(r.authority, Process::applicants), r.applicant_rate),
                                         kPriorityDecision, kApplicant, p.role);
  }
}

void WorkforceModel::on_applicant(std::uint32_t role) {
  RoleRuntime& r = roles_[role];
  // Applicants are memoryless, so one pending arrival per role is enough: the next is
  // scheduled only while some recruitment still waits. Applicants who come forward
  // when no post is open go elsewhere.
  if (!r.waiting_for_applicant.empty()) consider_applicant(r.waiting_for_applicant.pop());
  if (!r.waiting_for_applicant.empty()) {
    r.applicant_event = sim_.schedule_in(exponential_delay(stream(r.authority, Process::applicants), r.applicant_rate),
                                         kPriorityDecision, kApplicant, role);
  }
}

void WorkforceModel::consider_applicant(std::uint32_t post) {
  Post& p = posts_[post];
  const RoleRuntime& r = roles_[p.role];
  p.recruitment = RecruitmentStage::approving;
  p.applicant_at = sim_.now();
  p.recruitment_event =
      sim_.schedule_in(r.role->recruitment.approval_to_offer.sample(stream(r.authority, Process::recruitment)),
                       kPriorityDecision, kOfferDue, post);
}

void WorkforceModel::on_offer_due(std::uint32_t post) {
  Post& p = posts_[post];
  const RoleRuntime& r = roles_[p.role];
  const Recruitment& rec = r.role->recruitment;
  kernel::RandomStream& s = stream(r.authority, Process::recruitment);
  AuthorityTally& t = tally_of(p);
  if (s.bernoulli(rec.offer_failure_probability)) {
    // The offer fell through: the post needs another applicant.
    t.offers_failed += 1;
    seek_applicant(post);
    return;
  }
  t.offers_accepted += 1;
  t.offer_days_sum += sim_.now() - p.applicant_at;
  p.recruitment = RecruitmentStage::offer_accepted;
  p.recruitment_event = sim_.schedule_in(rec.offer_to_start.sample(s), kPriorityArrival, kReplacementReady, post);
}

void WorkforceModel::on_replacement_ready(std::uint32_t post) {
  Post& p = posts_[post];
  if (p.holder != kNone) {
    p.recruitment = RecruitmentStage::ready;  // no overlap: start when the leaver goes
    return;
  }
  start_permanent(post);
  review_cover(post);
}

void WorkforceModel::start_permanent(std::uint32_t post) {
  Post& p = posts_[post];
  AuthorityTally& t = tally_of(p);
  t.recruitments_open -= 1;
  t.starters_permanent += 1;
  t.start_days_sum += sim_.now() - p.applicant_at;
  t.fill_days_sum += sim_.now() - p.recruitment_opened_at;
  p.recruitment = RecruitmentStage::closed;
  hire_permanent(post);
}

// ---------------------------------------------------------------- agency cover

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
  kernel::RandomStream& s = stream(static_cast<std::uint32_t>(tallies_.size()) + m, Process::agency_market);
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
  kernel::RandomStream& s = stream(static_cast<std::uint32_t>(tallies_.size()) + m, Process::agency_market);
  market.leave_event = sim_.schedule_in(exponential_delay(s, market.leaving_rate * static_cast<double>(market.idle)),
                                        kPriorityDecision, kMarketLeave, m);
}

// ---------------------------------------------------------------- reporting

void WorkforceModel::on_period_end() {
  record_period(next_period_);
  ++next_period_;
  if (next_period_ < period_ends_.size()) {
    sim_.schedule_at(static_cast<double>(period_ends_[next_period_] - parameters_.start_day), kPriorityPeriodEnd,
                     kPeriodEnd, 0);
  }
}

void WorkforceModel::record_period(std::size_t period) {
  const double nan = std::nan("");
  for (std::uint32_t a = 0; a < tallies_.size(); ++a) {
    AuthorityTally& t = tallies_[a];
    t.accrue(sim_.now());
    const int permanent_posts = permanent_posts_[a];
    auto set = [&](Measure m, double value) { out_->at(m, a, period) = value; };
    auto mean = [&](double sum, int n) { return n > 0 ? sum / n : nan; };
    set(Measure::permanent_headcount, t.permanent_headcount);
    set(Measure::permanent_fte, t.permanent_fte);
    set(Measure::agency_headcount, t.agency_headcount);
    set(Measure::vacancies, t.vacancies);
    set(Measure::vacancy_rate, permanent_posts > 0 ? double(t.vacancies) / permanent_posts : nan);
    set(Measure::long_absences, t.absences);
    set(Measure::agency_covering_vacancies, t.agency_covering_vacancies);
    set(Measure::agency_covering_absences, t.agency_covering_absences);
    set(Measure::uncovered_gap,
        t.vacancies + t.unfilled_temporary + t.absences - t.agency_covering_vacancies - t.agency_covering_absences);
    const int workforce = t.permanent_headcount + t.agency_headcount;
    set(Measure::agency_share, workforce > 0 ? double(t.agency_headcount) / workforce : nan);
    set(Measure::starters_permanent, t.starters_permanent);
    set(Measure::starters_agency, t.starters_agency);
    set(Measure::leavers_permanent, t.leavers_permanent);
    set(Measure::leavers_to_outside, t.leavers_by_destination[0]);
    set(Measure::leavers_to_other_council, t.leavers_by_destination[1]);
    set(Measure::leavers_to_agency, t.leavers_by_destination[2]);
    set(Measure::leavers_agency, t.leavers_agency);
    set(Measure::time_to_offer, mean(t.offer_days_sum, t.offers_accepted));
    set(Measure::time_to_start, mean(t.start_days_sum, t.starters_permanent));
    set(Measure::time_to_fill, mean(t.fill_days_sum, t.starters_permanent));
    set(Measure::agency_time_to_hire, mean(t.agency_hire_days_sum, t.starters_agency));
    set(Measure::offers_failed, t.offers_failed);
    set(Measure::recruitments_open, t.recruitments_open);
    set(Measure::agency_bookings_waiting, t.bookings_waiting);
    double sickness = 0;
    if (t.sickness_expected > 0) {
      sickness = boost::random::poisson_distribution<int, double>(t.sickness_expected)(stream(a, Process::sickness));
    }
    set(Measure::sickness_days, sickness);
    set(Measure::agency_spend, t.agency_cost);
    set(Measure::permanent_staff_cost, t.permanent_cost);
    set(Measure::staff_cost, t.permanent_cost + t.agency_cost);
    // Rolling turnover from the periods already recorded.
    double turnover = nan;
    if (period >= 11) {
      double leavers = 0, headcount = 0;
      for (std::size_t k = period - 11; k <= period; ++k) {
        leavers += out_->at(Measure::leavers_permanent, a, k);
        headcount += out_->at(Measure::permanent_headcount, a, k);
      }
      turnover = headcount > 0 ? leavers / (headcount / 12.0) : nan;
    }
    set(Measure::turnover_12m, turnover);
    t.reset_flows();
  }
}

}  // namespace wfsim::model
