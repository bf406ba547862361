#include "model/workforce_model.hpp"

#include <algorithm>
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
    : parameters_(parameters),
      period_ends_(model::period_end_days(parameters.report_start_day, parameters.end_day)),
      rule_book_(parameters.rules, parameters.start_day, parameters.end_day - parameters.start_day) {
  rule_changes_ = rule_book_.change_times(static_cast<double>(parameters.end_day - parameters.start_day));
  // One labour market per role name, in order of first appearance.
  auto market_of = [&](const std::string& name) {
    for (std::uint32_t m = 0; m < markets_.size(); ++m) {
      if (markets_[m].role == name) return m;
    }
    Market market;
    market.role = name;
    for (const AgencySupply& s : parameters.agency_supply) {
      // A market whose starting supply is unlimited never runs short.
      if (s.role == name && std::isfinite(s.available_at_start)) market.supply = &s;
    }
    for (const LabourPool& pool : parameters.labour_pool) {
      if (pool.role == name) market.pool = &pool;
    }
    if (market.supply) {
      market.joining_rate = market.supply->joining_per_year / kDaysPerYear;
      market.leaving_rate = market.supply->leaving_per_year / kDaysPerYear;
    }
    markets_.push_back(std::move(market));
    return static_cast<std::uint32_t>(markets_.size() - 1);
  };
  for (std::uint32_t a = 0; a < parameters.authorities.size(); ++a) {
    for (const Role& role : parameters.authorities[a].roles) {
      RoleRuntime r;
      r.role = &role;
      r.authority = a;
      r.market = market_of(role.name);
      r.tenure_rate = notice_hazard_per_day(role.turnover_per_year, role.notice.mean());
      r.base_tenure_rate = r.tenure_rate;
      for (const AbsenceKind& kind : role.absences) r.absence_rate += kind.starts_per_year / kDaysPerYear;
      r.agency_leave_rate = role.agency.leaving_per_year / kDaysPerYear;
      r.conversion_rate = role.agency.conversion_per_year / kDaysPerYear;
      r.applicant_rate = role.recruitment.applicants_per_year / kDaysPerYear;
      r.base_applicant_rate = r.applicant_rate;
      // Salaries and sickness are quoted per FTE; a worker costs and is off sick pro rata.
      r.permanent_cost_per_day =
          role.fte_per_worker * role.pay.salary_per_year * (1 + role.pay.on_cost_rate) / kDaysPerYear;
      r.sickness_per_day = role.fte_per_worker * role.short_sickness_days_per_year / kDaysPerYear;
      markets_[r.market].roles.push_back(static_cast<std::uint32_t>(roles_.size()));
      roles_.push_back(std::move(r));
    }
  }
  for (Market& market : markets_) {
    market.salary_order = market.roles;
    std::stable_sort(market.salary_order.begin(), market.salary_order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return roles_[a].role->pay.salary_per_year > roles_[b].role->pay.salary_per_year;
    });
  }
  for (std::uint32_t r = 0; r < roles_.size(); ++r) {
    for (const Policy& p : parameters.authorities[roles_[r].authority].policies) {
      if (p.role == roles_[r].role->name) policies_.push_back(PolicyRef{&p, r});
    }
  }
  const double run_days = static_cast<double>(parameters.end_day - parameters.start_day);
  for (const PolicyRef& ref : policies_) {
    for (const double t : {ref.policy->from, ref.policy->until}) {
      if (t > 0 && t < run_days) policy_changes_.push_back(t);
    }
  }
  std::sort(policy_changes_.begin(), policy_changes_.end());
  policy_changes_.erase(std::unique(policy_changes_.begin(), policy_changes_.end()), policy_changes_.end());
  tallies_.resize(parameters.authorities.size());
  for (const Authority& authority : parameters.authorities) {
    int posts = 0;
    int temporary = 0;
    for (const Role& role : authority.roles) {
      posts += role.permanent_posts;
      temporary += role.temporary_posts;
    }
    permanent_posts_.push_back(posts);
    total_posts_.push_back(posts + temporary);
  }
  categories_.authorities = static_cast<std::uint32_t>(parameters.authorities.size());
  flows_.assign(std::size_t{categories_.count()} * categories_.count() * period_ends_.size(), 0);
  refused_by_rule_.assign(parameters.rules.size(), 0.0);
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
    r.waiting_for_agency.clear();
    r.trainees.clear();
    r.applicant_event = {};
    r.tenure_rate = r.base_tenure_rate;
    r.applicant_rate = r.base_applicant_rate;
    r.premium_per_day = r.running_cost_per_day = 0;
    r.permanent = 0;
    r.induction_overlap_days = 0;
    r.max_agency_share = 1;
    r.policy_tenure_factor = r.workload_factor = 1;
    // No posts until set_up_initial_state lays them out: the levers applied before
    // then must find none to retune, not the last replication's.
    r.first_post = r.post_count = 0;
  }
  for (Market& m : markets_) {
    m.awaiting_supply = m.awaiting_applicants = 0;
    m.idle.clear();
    m.seeking.clear();
    m.join_event = m.pool_arrival_event = m.cohort_event = {};
  }
  posts_.clear();
  workers_.clear();
  free_workers_.clear();
  for (AuthorityTally& t : tallies_) t = AuthorityTally{};
  std::fill(refused_by_rule_.begin(), refused_by_rule_.end(), 0.0);
  next_period_ = 0;
  next_rule_change_ = 0;
  next_policy_change_ = 0;
  candidates_ = 0;
  refusal_rows_.clear();
  flow_log_.clear();
  capped_posts_.assign(tallies_.size(), {});
}

std::uint64_t WorkforceModel::run(std::uint64_t seed, std::uint64_t replication, SeriesTable& out) {
  if (out.authorities() != reported_rows(parameters_) || out.periods() != periods() ||
      out.rules() != parameters_.rules.size()) {
    throw std::invalid_argument("series table has the wrong shape for this scenario");
  }
  reset(seed, replication);
  sim_.set_horizon(static_cast<double>(parameters_.end_day - parameters_.start_day));
  out_ = &out;
  set_up_initial_state();
  sim_.schedule_at(static_cast<double>(period_ends_[0] - parameters_.start_day), kPriorityPeriodEnd, kPeriodEnd, 0);
  warming_up_ = parameters_.report_start_day > parameters_.start_day;
  if (warming_up_) {
    sim_.schedule_at(static_cast<double>(parameters_.report_start_day - parameters_.start_day), kPriorityPeriodEnd,
                     kWarmupEnd, 0);
  }
  if (!rule_changes_.empty()) sim_.schedule_at(rule_changes_[0], kPriorityRuleChange, kRuleChange, 0);
  if (!policy_changes_.empty()) sim_.schedule_at(policy_changes_[0], kPriorityRuleChange, kPolicyChange, 0);
  const double end = static_cast<double>(parameters_.end_day - parameters_.start_day);
  // The last period end is at `end` itself; run_until stops before events at `end`, so
  // deliver it explicitly.
  sim_.run_until(end, *this);
  while (next_period_ < period_ends_.size()) sim_.step(*this);
  out_ = nullptr;
  return sim_.events_processed();
}

void WorkforceModel::set_up_initial_state() {
  setting_up_ = true;
  reprice();
  apply_policies(false);  // rates in force at the start, before anyone is hired
  for (std::uint32_t r = 0; r < roles_.size(); ++r) {
    const Role& role = *roles_[r].role;
    const std::uint32_t market = roles_[r].market;
    const std::uint32_t authority = roles_[r].authority;
    const std::uint32_t first = static_cast<std::uint32_t>(posts_.size());
    Post post;
    post.role = r;
    roles_[r].first_post = first;
    roles_[r].post_count = static_cast<std::uint32_t>(role.permanent_posts);
    for (int i = 0; i < role.permanent_posts; ++i) posts_.push_back(post);
    post.temporary = true;
    for (int i = 0; i < role.temporary_posts; ++i) posts_.push_back(post);
    for (std::uint32_t i = first; i < posts_.size(); ++i) tally_of(posts_[i]).apply(contribution(posts_[i]), +1);
    // Permanent posts in order: the absent, the others in post, then the vacant.
    const InitialState& init = role.initial;
    kernel::RandomStream& experience = stream(authority, Process::experience);
    for (int i = 0; i < init.in_post; ++i) {
      const std::uint32_t worker = new_worker(market, role.experience.sample(experience));
      hire_permanent(first + static_cast<std::uint32_t>(i), worker);
      // Initial absences are drawn like new ones: a kind by rate, a full duration.
      if (i < init.absent) begin_absence(worker);
    }
    const Market& m = markets_[market];
    auto place_agency = [&](std::uint32_t p) {
      const double pqe = m.supply ? m.supply->experience.sample(experience) : role.experience.sample(experience);
      agency_arrives(p, new_worker(market, pqe));
    };
    for (int i = 0; i < init.agency_covering_absences; ++i) place_agency(first + static_cast<std::uint32_t>(i));
    // Vacant posts, permanent and then temporary establishment, covered in order.
    const int vacant = role.permanent_posts + role.temporary_posts - init.in_post;
    for (int i = 0; i < init.agency_covering_vacancies && i < vacant; ++i) {
      place_agency(first + static_cast<std::uint32_t>(init.in_post + i));
    }
  }
  for (std::uint32_t m = 0; m < markets_.size(); ++m) {
    Market& market = markets_[m];
    if (market.supply) {
      const auto available = static_cast<long>(market.supply->available_at_start);
      kernel::RandomStream& experience = market_stream(m, Process::experience);
      for (long i = 0; i < available; ++i) {
        const std::uint32_t w = new_worker(m, market.supply->experience.sample(experience));
        workers_[w].state = WorkerState::agency_idle;
        add_idle(w);
      }
      if (market.joining_rate > 0) {
        market.join_event =
            sim_.schedule_in(exponential_delay(market_stream(m, Process::agency_market), market.joining_rate),
                             kPriorityDecision, kMarketJoin, m);
      }
    }
    if (market.pool) {
      const double inflow = (market.pool->returners_per_year + market.pool->arrivals_per_year) / kDaysPerYear;
      if (inflow > 0) {
        market.pool_arrival_event = sim_.schedule_in(exponential_delay(market_stream(m, Process::labour_pool), inflow),
                                                     kPriorityDecision, kPoolArrival, m);
      }
      if (market.pool->newly_qualified_per_year > 0) {
        // The first cohort joins on the 1st of the cohort month on or after the start.
        kernel::CivilDate first = kernel::civil_from_days(parameters_.start_day);
        first.day = 1;
        first.month = market.pool->newly_qualified_month;
        std::int64_t day = kernel::days_from_civil(first);
        if (day < parameters_.start_day) day = kernel::add_months(day, 12);
        market.cohort_event =
            sim_.schedule_at(static_cast<double>(day - parameters_.start_day), kPriorityDecision, kCohort, m);
      }
    }
  }
  for (std::uint32_t post = 0; post < posts_.size(); ++post) {
    const Post& p = posts_[post];
    if (!p.temporary && p.holder == kNone) open_recruitment(post);
    review_cover(post);
  }
  // Starting positions are not flows: the first period's flows start after them.
  setting_up_ = false;
  for (AuthorityTally& t : tallies_) t.reset_flows();
  for (std::uint32_t i = 0; i < policies_.size(); ++i) {
    const Policy& p = *policies_[i].policy;
    // A lever starting on the first day pays its one-off cost then.
    if (p.from == 0) tallies_[roles_[policies_[i].role].authority].policy_cost += p.one_off_cost;
    if (p.kind != PolicyKind::cohort || p.per_year == 0) continue;
    // Cohorts start on the 1st of their month, from the policy's start on.
    const std::int64_t from_day = parameters_.start_day + static_cast<std::int64_t>(std::max(0.0, std::ceil(p.from)));
    kernel::CivilDate first = kernel::civil_from_days(from_day);
    first.day = 1;
    first.month = p.month;
    std::int64_t day = kernel::days_from_civil(first);
    if (day < from_day) day = kernel::add_months(day, 12);
    const double t = static_cast<double>(day - parameters_.start_day);
    if (t < p.until) sim_.schedule_at(t, kPriorityDecision, kCohortStart, i);
  }
  std::fill(refused_by_rule_.begin(), refused_by_rule_.end(), 0.0);
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
    case kConversion: on_conversion(event.subject); break;
    case kEligibility: on_eligibility(event.subject); break;
    case kPoolArrival: on_pool_arrival(event.subject); break;
    case kCohort: on_cohort(event.subject); break;
    case kSeekerLeave: on_seeker_leave(event.subject); break;
    case kRuleChange: on_rule_change(); break;
    case kPolicyChange: on_policy_change(); break;
    case kWarmupEnd: on_warmup_end(); break;
    case kInductionEnd:
      posts_[event.subject].induction_event_pending = false;
      review_cover(event.subject);
      break;
    case kCohortStart: on_cohort_start(event.subject); break;
    case kTraineeQualified: on_trainee_qualified(event.subject); break;
    default: throw std::logic_error("unknown event type " + std::to_string(event.type));
  }
}

// ---------------------------------------------------------------- workers

std::uint32_t WorkforceModel::new_worker(std::uint32_t market, double experience_days) {
  std::uint32_t worker;
  if (!free_workers_.empty()) {
    worker = free_workers_.back();
    free_workers_.pop_back();
    workers_[worker] = Worker{};
  } else {
    worker = static_cast<std::uint32_t>(workers_.size());
    workers_.emplace_back();
    // Grown with the workers' capacity, and kept across replications: a worker's bars
    // are read only while note_history has written them (see rule_bars_).
    if (rule_bars_.size() < workers_.size() * rule_book_.rules().size()) {
      rule_bars_.resize(workers_.capacity() * rule_book_.rules().size());
    }
  }
  workers_[worker].market = market;
  workers_[worker].history.qualified_at = sim_.now() - experience_days;
  note_history(worker);
  return worker;
}

void WorkforceModel::note_history(std::uint32_t worker) {
  Worker& w = workers_[worker];
  w.may_be_refused_until =
      rule_book_.may_refuse_until(w.history, rule_bars_.data() + worker * rule_book_.rules().size());
}

void WorkforceModel::retire_worker(std::uint32_t worker) {
  Worker& w = workers_[worker];
  sim_.cancel(w.tenure_event);
  sim_.cancel(w.absence_event);
  sim_.cancel(w.conversion_event);
  sim_.cancel(w.eligibility_event);
  w.state = WorkerState::gone;
  free_workers_.push_back(worker);
}

std::vector<std::int64_t> WorkforceModel::flow_totals() const {
  const std::size_t c = categories_.count();
  const std::size_t periods = period_ends_.size();
  std::vector<std::int64_t> totals(flows_.size());
  for (std::size_t period = 0; period < periods; ++period) {
    for (std::size_t from_to = 0; from_to < c * c; ++from_to) {
      totals[from_to * periods + period] = flows_[period * c * c + from_to];
    }
  }
  return totals;
}

std::uint32_t WorkforceModel::category_of(std::uint32_t worker) const {
  const Worker& w = workers_[worker];
  switch (w.state) {
    case WorkerState::permanent: return categories_.permanent(roles_[posts_[w.post].role].authority);
    case WorkerState::agency: return categories_.agency(roles_[posts_[w.post].role].authority);
    case WorkerState::agency_idle: return categories_.agency_pool();
    case WorkerState::seeking:
    case WorkerState::candidate: return categories_.seeking();
    case WorkerState::gone: break;
  }
  return categories_.outside();
}

void WorkforceModel::flow(std::uint32_t from, std::uint32_t to) {
  // Moves while the starting position is built, or during a warm-up, are not flows
  // of the first period.
  if (setting_up_ || warming_up_ || next_period_ >= period_ends_.size()) return;
  flow_log_.push_back(from * categories_.count() + to);
}

void WorkforceModel::count_period_flows() {
  const std::size_t c = categories_.count();
  std::int64_t* matrix = flows_.data() + next_period_ * c * c;
  for (const std::uint32_t from_to : flow_log_) ++matrix[from_to];
  flow_log_.clear();
}

// ---------------------------------------------------------------- permanent workers

void WorkforceModel::hire_permanent(std::uint32_t post, std::uint32_t worker) {
  Worker& w = workers_[worker];
  w.state = WorkerState::permanent;
  w.post = post;
  w.absent = w.on_notice = false;
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
  t.policy_cost_rate += r.premium_per_day;
  t.sickness_rate += r.sickness_per_day;
  roles_[p.role].permanent += 1;
  schedule_tenure_and_absence(worker);
  if (!capped_posts_[r.authority].empty()) book_capped_posts(r.authority);
}

void WorkforceModel::schedule_tenure(std::uint32_t worker) {
  Worker& w = workers_[worker];
  const RoleRuntime& r = roles_[posts_[w.post].role];
  w.tenure_event = {};
  if (r.tenure_rate <= 0) return;
  // A bonded trainee cannot resign before the bond ends; the hazard runs from then.
  const double bond = std::max(0.0, w.bond_until - sim_.now());
  w.tenure_event = sim_.schedule_in(bond + exponential_delay(stream(r.authority, Process::tenure), r.tenure_rate),
                                    kPriorityDecision, kNotice, worker);
}

void WorkforceModel::schedule_tenure_and_absence(std::uint32_t worker) {
  Worker& w = workers_[worker];
  const RoleRuntime& r = roles_[posts_[w.post].role];
  schedule_tenure(worker);
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
  // Drawn only where redundancies happen, so other roles' draws stay where they were.
  w.history.left_by_redundancy = r.role->redundancy_share > 0 && s.bernoulli(r.role->redundancy_share);
  if (r.role->recruitment.opens_at == RecruitmentTrigger::at_notice) open_recruitment(w.post);
}

void WorkforceModel::on_leave(std::uint32_t worker) {
  Worker& w = workers_[worker];
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
  t.policy_cost_rate -= r.premium_per_day;
  roles_[p.role].permanent -= 1;
  if (!w.absent) t.sickness_rate -= r.sickness_per_day;
  t.leavers_permanent += 1;
  t.leavers_by_destination[static_cast<int>(w.destination)] += 1;
  w.history.last_permanent_authority = static_cast<std::int32_t>(r.authority);
  w.history.left_permanent_at = sim_.now();
  note_history(worker);
  w.absent = w.on_notice = false;
  const std::uint32_t from = categories_.permanent(r.authority);
  const Market& market = markets_[w.market];
  // The destination decides where the worker goes next: a regional pool if the region
  // has one for them, otherwise out of the model.
  if (w.destination == Destination::agency && market.finite()) {
    flow(from, categories_.agency_pool());
    make_available(worker);
  } else if (w.destination == Destination::other_council && market.pool) {
    flow(from, categories_.seeking());
    seek_permanent(worker);
  } else {
    flow(from, categories_.outside());
    retire_worker(worker);
  }

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
