#include "model/levers.hpp"

#include <algorithm>
#include <cmath>

#include "model/agency_cover.hpp"
#include "model/engagement_rules.hpp"
#include "model/permanent_staff.hpp"
#include "model/recruitment.hpp"
#include "model/same_time_order.hpp"
#include "model/weighted_draw.hpp"

namespace wfsim::model {

namespace {
constexpr std::uint32_t kStepsPerPolicy = 4;  // a lever's steps are numbered 0..3
}

Levers::Levers(ModelCore& core)
    : core_(core),
      change_event_(core.routes.add<&Levers::on_change>(*this, "a lever starting or ending")),
      step_event_(core.routes.add<&Levers::on_step>(*this, "a lever's step (a cohort starting, a trainee qualifying)")),
      premium_per_day_(core.roles.size()),
      premium_already_paid_per_day_(core.roles.size()),
      running_cost_per_day_(core.roles.size()),
      policy_factor_(core.roles.size()),
      workload_factor_(core.roles.size()) {
  const ModelParameters& parameters = core.parameters;
  for (std::uint32_t r = 0; r < core.roles.size(); ++r) {
    const RoleInfo& role = core.roles[r];
    for (const Policy& p : parameters.authorities[role.authority].policies) {
      if (p.role != role.role->name) continue;
      policies_.push_back(
          PolicyRef{&p, r, core.streams.add_keyed(kPolicyStreamBase + role.authority, kernel::name_key(p.name))});
      // The payments in the figures: paid before the start (the loader refuses a mark
      // on any other), whenever they stop. Their level is the one pay is set against.
      if (p.paid_before_start()) {
        LeverEffect effect;
        p.lever->shape(effect);
        premium_already_paid_per_day_[r] += effect.premium_already_paid_per_worker_per_day;
      }
    }
  }
  // Each role's neighbours for pay: the same role name at the authority's neighbours, in
  // any region, or at every other authority of the market if none of its neighbours has
  // the role. Being neighbours is mutual (a council another lists is its neighbour,
  // listed or not), as travel counts it. A neighbour across a region's border was once
  // looked for in the council's own market only, and a role none of the neighbours had
  // was compared with no one (both from reviews of the docs against the engine).
  neighbour_roles_.resize(core.roles.size());
  for (std::uint32_t r = 0; r < core.roles.size(); ++r) {
    const RoleInfo& role = core.roles[r];
    // In role order, as the market lists its roles: the pay's sums add in that order.
    auto compare_with = [&](auto compared) {
      for (std::uint32_t n = 0; n < core.roles.size(); ++n) {
        const RoleInfo& other = core.roles[n];
        if (other.authority != role.authority && compared(other)) neighbour_roles_[r].push_back(n);
      }
    };
    compare_with([&](const RoleInfo& other) {
      return other.role->name == role.role->name &&
             core.roles.travel(role.authority, other.authority) == Travel::neighbour;
    });
    if (neighbour_roles_[r].empty()) {
      compare_with([&](const RoleInfo& other) { return other.market == role.market; });
    }
  }
  tabulate_pay_weights();
  // The changes the run reaches: the levers' dates within it.
  const double run_days = static_cast<double>(parameters.end_day - parameters.start_day);
  changes_.assign(pay_times_.begin(), std::lower_bound(pay_times_.begin(), pay_times_.end(), run_days));
}

void Levers::tabulate_pay_weights() {
  for (const PolicyRef& ref : policies_) {
    for (const double t : {ref.policy->from, ref.policy->until}) {
      if (t > 0 && std::isfinite(t)) pay_times_.push_back(t);
    }
  }
  std::sort(pay_times_.begin(), pay_times_.end());
  pay_times_.erase(std::unique(pay_times_.begin(), pay_times_.end()), pay_times_.end());
  // Each span from its first day, the levers summed as apply_levers() sums them
  // (shape_in_force), so that the span holding the present gives what apply() gives.
  for (std::size_t span = 0; span <= pay_times_.size(); ++span) {
    const double t = span == 0 ? 0.0 : pay_times_[span - 1];
    std::vector<double>& weights = pay_weight_by_span_.emplace_back(core_.roles.size());
    for (std::uint32_t r = 0; r < core_.roles.size(); ++r) {
      LeverEffect effect;
      shape_in_force(r, t, effect);
      weights[r] = pay_weight_with(r, effect.premium_per_worker_per_day);
    }
  }
}

std::size_t Levers::pay_span(double t) const {
  return static_cast<std::size_t>(std::upper_bound(pay_times_.begin(), pay_times_.end(), t) - pay_times_.begin());
}

void Levers::wire(PermanentStaff& staff, Recruitment& recruitment, AgencyCover& cover) {
  staff_ = &staff;
  recruitment_ = &recruitment;
  cover_ = &cover;
}

void Levers::reset() {
  std::fill(premium_per_day_.begin(), premium_per_day_.end(), 0.0);
  std::fill(running_cost_per_day_.begin(), running_cost_per_day_.end(), 0.0);
  std::fill(policy_factor_.begin(), policy_factor_.end(), 1.0);
  std::fill(workload_factor_.begin(), workload_factor_.end(), 1.0);
  next_change_ = 0;
  qualified_.clear();
  qualifying_.clear();
}

void Levers::start() {
  // In a drawn order: two cohort routes of one council starting on one day, with equal
  // fixed training, qualify together, and whichever was queued first would take the
  // council's waiting posts; the list's order must not decide it. The model's policies
  // stream draws nothing else, and nothing at all with one policy.
  policy_order_.resize(policies_.size());
  for (std::uint32_t i = 0; i < policies_.size(); ++i) policy_order_[i] = i;
  shuffle(std::span(policy_order_), core_.streams.model(Process::policies));
  for (const std::uint32_t i : policy_order_) {
    const Policy& p = *policies_[i].policy;
    if (p.from == 0) pay(i, p.one_off_cost);
    p.lever->start(*this, i);
  }
}

void Levers::queue_changes() {
  if (!changes_.empty()) core_.sim.schedule_at(changes_[0], kPriorityLeverChange, change_event_, 0);
}

void Levers::apply(bool at_start) {
  // First every role's levers (so each council's pay is known), then what pay relative
  // to the neighbours' does to turnover and applicants.
  std::vector<LeverEffect>& effects = effects_;
  effects.resize(core_.roles.size());
  // Levers changing at several councils at once may each book posts a cap held back;
  // they are booked once every role's cap is in force, in a drawn order
  // (AgencyCover::book_where_loosened), not in the order the roles are visited here.
  for (std::uint32_t r = 0; r < core_.roles.size(); ++r) effects[r] = apply_levers(r);
  cover_->book_where_loosened();
  for (std::uint32_t r = 0; r < core_.roles.size(); ++r) apply_pay(r, effects[r]);
  pay_weight_.resize(core_.roles.size());
  for (std::uint32_t r = 0; r < core_.roles.size(); ++r) pay_weight_[r] = pay_weight_with(r, premium_per_day_[r]);
  ++pay_changes_;
  // At the start, the one-off costs of levers starting on day 0 are paid by start(), in
  // a drawn order, once the starting position is set.
  if (at_start) return;
  for (std::uint32_t i = 0; i < policies_.size(); ++i) {
    if (policies_[i].policy->from == core_.now()) pay(i, policies_[i].policy->one_off_cost);
  }
}

double Levers::shape_in_force(std::uint32_t r, double t, LeverEffect& effect) const {
  double running = 0;
  for (const PolicyRef& ref : policies_) {
    if (ref.role != r || !ref.policy->in_force(t)) continue;
    running += ref.policy->cost_per_year / kDaysPerYear;
    ref.policy->lever->shape(effect);
  }
  return running;
}

LeverEffect Levers::apply_levers(std::uint32_t r) {
  const RoleInfo& role = core_.roles[r];
  LeverEffect effect;
  effect.applicants_per_day = role.applicant_rate;
  effect.notice_hazard_per_day = role.notice_hazard;
  const double running = shape_in_force(r, core_.now(), effect);
  AuthorityTally& t = core_.tallies[role.authority];
  t.accrue(core_.now());
  t[Rate::policy_cost] +=
      (effect.premium_per_worker_per_day - premium_per_day_[r]) * role.on_cost_factor * staff_->in_post(r) +
      (running - running_cost_per_day_[r]);
  premium_per_day_[r] = effect.premium_per_worker_per_day;
  cover_->set_levers(r, effect.induction_overlap_days, effect.max_agency_share);
  running_cost_per_day_[r] = running;
  // Added and taken away in floating point, the rate of a council whose levers have all
  // stopped kept a leftover of about 1e-10 a day, and its policy cost showed it where
  // nothing was paid (as agency rates once did: AgencyCover::release). None means none.
  if (pays_nothing(role.authority)) t[Rate::policy_cost] = 0;
  return effect;
}

bool Levers::pays_nothing(std::uint32_t authority) const {
  for (std::uint32_t r = core_.roles.first_role(authority);
       r < core_.roles.size() && core_.roles[r].authority == authority; ++r) {
    if (premium_per_day_[r] != 0 || running_cost_per_day_[r] != 0) return false;
  }
  return true;
}

double Levers::pay_weight_with(std::uint32_t r, double premium_per_day) const {
  const RoleInfo& role = core_.roles[r];
  // Set against the figures too, as relative_pay is: a seeker's appeal of a council
  // (its appeal_to_seekers, fitted to the data) already has what it was paying then.
  // A ratio, not a difference, so that a payment stopped lowers pay as it lowers the
  // council's own relative pay, and never to 0 or below.
  const double with_premiums = role.salary + premium_per_day * kDaysPerYear;
  const double in_figures = role.salary + premium_already_paid_per_day_[r] * kDaysPerYear;
  // Exactly the salary, or the pay itself, where the ratio is 1 or nothing is marked:
  // not salary x pay / pay, which may round apart and move a draw.
  const bool marked = premium_already_paid_per_day_[r] > 0 && role.salary > 0;
  const double pay = !marked                                               ? with_premiums
                     : premium_per_day == premium_already_paid_per_day_[r] ? role.salary
                                                                           : role.salary * with_premiums / in_figures;
  return pay_factor(pay, core_.roles.market(role.market).salary_reference, core_.parameters.market.pay);
}

double Levers::premium_cost_per_day(std::uint32_t role) const {
  return premium_per_day_[role] * core_.roles[role].on_cost_factor;
}

double Levers::relative_pay(std::uint32_t r) const {
  // Own pay against its level in the figures (the salary, with any payment already paid
  // when they were measured), over the neighbours' pay against theirs: a supplement
  // raises it, a neighbour's supplement lowers it, a payment already paid moves it only
  // when it stops. Without salaries in the scenario, pay is not modelled and levers
  // cost money but move nothing.
  const RoleInfo& role = core_.roles[r];
  if (role.salary <= 0) return 1;
  const double own = (role.salary + premium_per_day_[r] * kDaysPerYear) /
                     (role.salary + premium_already_paid_per_day_[r] * kDaysPerYear);
  double weight = 0, now = 0, base = 0;
  for (const std::uint32_t n : neighbour_roles_[r]) {
    const RoleInfo& other = core_.roles[n];
    const double posts = std::max(1u, other.permanent_posts);
    weight += posts;
    now += posts * (other.salary + premium_per_day_[n] * kDaysPerYear);
    base += posts * (other.salary + premium_already_paid_per_day_[n] * kDaysPerYear);
  }
  return weight > 0 && base > 0 ? own / (now / base) : own;
}

void Levers::apply_pay(std::uint32_t r, const LeverEffect& effect) {
  const RoleInfo& role = core_.roles[r];
  const LabourMarket& market = core_.parameters.market;
  // Notices and applicants are memoryless, so pending ones are redrawn at the new
  // rates; only a rate that changed is redrawn, so a lever that moves no pay leaves
  // every draw where it was.
  const double pay = relative_pay(r);
  const double hazard = pay == 1 ? effect.notice_hazard_per_day
                                 : effect.notice_hazard_per_day * std::pow(pay, -market.quit_pay_elasticity);
  const double draw = pay == 1 ? 1.0 : std::pow(pay, market.applicant_pay_elasticity);
  const double applicants = pay == 1 ? effect.applicants_per_day : effect.applicants_per_day * draw;
  const double per_vacancy = pay == 1 ? role.per_vacancy_rate : role.per_vacancy_rate * draw;
  policy_factor_[r] = role.notice_hazard > 0 ? hazard / role.notice_hazard : 1.0;
  staff_->retune(r, hazard * workload_factor_[r]);
  recruitment_->set_applicant_rates(r, applicants, per_vacancy);
}

void Levers::workload_step() {
  for (std::uint32_t a = 0; a < core_.roles.authorities(); ++a) {
    const WorkloadFeedback& feedback = core_.parameters.authorities[a].workload;
    if (!feedback.enabled) continue;
    // Caseload pressure: posts per person at work, relative to full cover. Turnover
    // rises with it by the elasticity (and never falls below its own level).
    const double ratio = posts_per_worker_at_work(core_.tallies[a], core_.roles.all_posts(a));
    const double factor = 1 + feedback.turnover_elasticity * std::max(0.0, ratio - 1);
    for (std::uint32_t r = 0; r < core_.roles.size(); ++r) {
      if (core_.roles[r].authority != a) continue;
      workload_factor_[r] = factor;
      staff_->retune(r, core_.roles[r].notice_hazard * policy_factor_[r] * factor);
    }
  }
}

void Levers::on_change(std::uint32_t) {
  if (++next_change_ < changes_.size()) {
    core_.sim.schedule_at(changes_[next_change_], kPriorityLeverChange, change_event_, 0);
  }
  apply(false);
}

void Levers::on_step(std::uint32_t subject) {
  const std::uint32_t policy = subject / kStepsPerPolicy;
  policies_[policy].policy->lever->step(*this, policy, subject % kStepsPerPolicy);
  // The trainees of this instant are placed once none is left to qualify at it, and
  // after its last lever step, whatever that step is: a cohort starting may come
  // between two that qualify, and queue none now. An event of another kind between two
  // that qualify (a hire starting at the same midnight) once split them, and the first
  // route's trainees took the posts every year.
  if (!qualified_.empty() && !qualifying_.contains(core_.now()) &&
      !core_.sim.next_is(core_.now(), kPriorityArrival, step_event_)) {
    place_qualified();
  }
}

// A lever's steps (a cohort starting, a trainee qualifying) are arrivals: at an instant
// shared with the region's newly qualified cohort (both in September by default, and
// training of 0 days), the council's own trainees take its waiting posts first, as
// docs/policies.md says, instead of whichever event happened to be queued first.
void Levers::schedule_at(double time, std::uint32_t policy, std::uint32_t step) {
  core_.sim.schedule_at(time, kPriorityArrival, step_event_, policy * kStepsPerPolicy + step);
}

void Levers::schedule_in(double delay, std::uint32_t policy, std::uint32_t step) {
  core_.sim.schedule_in(delay, kPriorityArrival, step_event_, policy * kStepsPerPolicy + step);
}

void Levers::schedule_qualifying_in(double delay, std::uint32_t policy, std::uint32_t step) {
  // One instant, worked out once, both counted and queued, so that the step, when it
  // runs, finds itself here. One past the end is counted and never runs: harmless.
  const double at = core_.now() + delay;
  ++qualifying_[at];
  schedule_at(at, policy, step);
}

kernel::RandomStream& Levers::stream(std::uint32_t policy) { return core_.streams.keyed(policies_[policy].stream); }

void Levers::pay(std::uint32_t policy, double amount) {
  core_.tallies[core_.roles[policies_[policy].role].authority][Measure::policy_cost] += amount;
}

void Levers::trainee_qualifies(std::uint32_t policy, double bond_days) {
  // Two routes of one council starting on one day with equal fixed training qualify
  // together. Each route's cohort is queued by its cohort of the year before, so the
  // order they qualify in repeats every year (and a route that began a year later
  // always comes first): placed in that order, one route would take the waiting posts
  // every year. The trainees of an instant are gathered, and placed together once none
  // is left to qualify at it and no lever step is next (on_step).
  qualified_.push_back({policy, bond_days});
  const auto pending = qualifying_.find(core_.now());
  if (pending != qualifying_.end() && --pending->second == 0) qualifying_.erase(pending);
}

void Levers::place_qualified() {
  // Shuffled only where two routes meet, so that one route's trainees (alike but for
  // their order) draw nothing.
  const bool routes_meet = std::any_of(qualified_.begin(), qualified_.end(),
                                       [&](const Qualified& q) { return q.policy != qualified_.front().policy; });
  if (routes_meet) shuffle(std::span(qualified_), core_.streams.model(Process::qualified_order));
  for (const Qualified& q : qualified_) {
    const std::uint32_t role = policies_[q.policy].role;
    const std::uint32_t worker = core_.new_worker(core_.roles[role].market, 0.0);  // qualified (or registered) today
    Worker& w = core_.store.worker(worker);
    w.home = core_.roles[role].authority;  // they trained there
    w.bond_until = core_.now() + q.bond_days;
    w.bond_authority = w.home;
    w.state = WorkerState::seeking;
    core_.flows.move(core_.flows.categories().outside(),
                     core_.flows.categories().seeking(core_.roles.market(core_.roles[role].market).region));
    // The council that trained them takes them into its longest-waiting vacancy, or
    // keeps them first in line for its next one.
    recruitment_->trainee_qualified(role, worker);
  }
  qualified_.clear();
}

}  // namespace wfsim::model
