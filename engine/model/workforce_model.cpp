#include "model/workforce_model.hpp"

#include <cmath>
#include <stdexcept>

#include "kernel/calendar.hpp"
#include "model/model_events.hpp"

namespace wfsim::model {

using namespace detail;

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
        // A market whose starting supply is unlimited never runs short: no market at all.
        if (markets_[m].supply->role == role.name && std::isfinite(markets_[m].supply->available_at_start)) {
          r.market = m;
        }
      }
      r.tenure_rate = notice_hazard_per_day(role.turnover_per_year, role.notice.mean());
      for (const AbsenceKind& kind : role.absences) r.absence_rate += kind.starts_per_year / kDaysPerYear;
      r.agency_leave_rate = role.agency.leaving_per_year / kDaysPerYear;
      r.applicant_rate = role.recruitment.applicants_per_year / kDaysPerYear;
      // Salaries and sickness are quoted per FTE; a worker costs and is off sick pro rata.
      r.permanent_cost_per_day =
          role.fte_per_worker * role.pay.salary_per_year * (1 + role.pay.on_cost_rate) / kDaysPerYear;
      r.agency_cost_per_day = role.pay.agency_rate_per_hour * role.pay.hours_per_week / 7.0;
      r.sickness_per_day = role.fte_per_worker * role.short_sickness_days_per_year / kDaysPerYear;
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
      // Markets are keyed apart from authorities, so adding an authority leaves every
      // market's draws where they were.
      const std::uint64_t key_group =
          group < parameters_.authorities.size() ? group : kMarketStreamBase + (group - parameters_.authorities.size());
      streams_[group * kProcessCount + p].reseed(kernel::StreamKey{seed, replication, key_group, p});
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
      // Initial absences are drawn like new ones: a kind by rate, a full duration.
      if (i < init.absent) begin_absence(worker);
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
      market.join_event =
          sim_.schedule_in(exponential_delay(market_stream(m), market.joining_rate), kPriorityDecision, kMarketJoin, m);
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
  if (w.absent == absent) throw std::logic_error("absence state set twice");
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
  begin_absence(worker);
  review_cover(workers_[worker].post);
}

void WorkforceModel::begin_absence(std::uint32_t worker) {
  Worker& w = workers_[worker];
  const RoleRuntime& r = roles_[posts_[w.post].role];
  // Pick the kind of absence in proportion to its rate.
  const auto& kinds = r.role->absences;
  kernel::RandomStream& s = stream(r.authority, Process::absence_start);
  double u = s.uniform() * r.absence_rate * kDaysPerYear;
  std::size_t k = 0;
  while (k + 1 < kinds.size() && u >= kinds[k].starts_per_year) u -= kinds[k++].starts_per_year;
  sim_.cancel(w.absence_event);  // the pending start, when the absence is an initial one
  set_absent(worker, true);
  w.absence_event = sim_.schedule_in(kinds[k].duration.sample(stream(r.authority, Process::absence_length)),
                                     kPriorityDeparture, kAbsenceEnd, worker);
}

void WorkforceModel::on_absence_end(std::uint32_t worker) {
  Worker& w = workers_[worker];
  const RoleRuntime& r = roles_[posts_[w.post].role];
  set_absent(worker, false);
  w.absence_event = sim_.schedule_in(exponential_delay(stream(r.authority, Process::absence_start), r.absence_rate),
                                     kPriorityDecision, kAbsenceStart, worker);
  review_cover(w.post);
}

}  // namespace wfsim::model
