#include "model/levers.hpp"

#include <algorithm>
#include <cmath>

#include "model/agency_cover.hpp"
#include "model/engagement_rules.hpp"
#include "model/permanent_staff.hpp"
#include "model/recruitment.hpp"
#include "model/same_time_order.hpp"

namespace wfsim::model {

namespace {
constexpr std::uint32_t kStepsPerPolicy = 4;  // a lever's steps are numbered 0..3
}

Levers::Levers(ModelCore& core)
    : core_(core),
      change_event_(core.routes.add<&Levers::on_change>(*this, "a lever starting or ending")),
      step_event_(core.routes.add<&Levers::on_step>(*this, "a lever's step (a cohort starting, a trainee qualifying)")),
      premium_per_day_(core.roles.size()),
      running_cost_per_day_(core.roles.size()),
      policy_factor_(core.roles.size()),
      workload_factor_(core.roles.size()) {
  const ModelParameters& parameters = core.parameters;
  for (std::uint32_t r = 0; r < core.roles.size(); ++r) {
    const RoleInfo& role = core.roles[r];
    for (const Policy& p : parameters.authorities[role.authority].policies) {
      if (p.role == role.role->name) policies_.push_back(PolicyRef{&p, r});
    }
  }
  const double run_days = static_cast<double>(parameters.end_day - parameters.start_day);
  for (const PolicyRef& ref : policies_) {
    for (const double t : {ref.policy->from, ref.policy->until}) {
      if (t > 0 && t < run_days) changes_.push_back(t);
    }
  }
  std::sort(changes_.begin(), changes_.end());
  changes_.erase(std::unique(changes_.begin(), changes_.end()), changes_.end());
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
}

void Levers::start() {
  for (std::uint32_t i = 0; i < policies_.size(); ++i) {
    const Policy& p = *policies_[i].policy;
    if (p.from == 0) pay(i, p.one_off_cost);
    p.lever->start(*this, i);
  }
}

void Levers::queue_changes() {
  if (!changes_.empty()) core_.sim.schedule_at(changes_[0], kPriorityRuleChange, change_event_, 0);
}

void Levers::apply(bool pay_one_off_costs) {
  for (std::uint32_t r = 0; r < core_.roles.size(); ++r) apply_to_role(r);
  if (!pay_one_off_costs) return;
  for (std::uint32_t i = 0; i < policies_.size(); ++i) {
    if (policies_[i].policy->from == core_.now()) pay(i, policies_[i].policy->one_off_cost);
  }
}

void Levers::apply_to_role(std::uint32_t r) {
  const RoleInfo& role = core_.roles[r];
  LeverEffect effect;
  effect.applicants_per_day = role.applicant_rate;
  effect.notice_hazard_per_day = role.notice_hazard;
  double running = 0;
  for (const PolicyRef& ref : policies_) {
    if (ref.role != r || !ref.policy->in_force(core_.now())) continue;
    running += ref.policy->cost_per_year / kDaysPerYear;
    ref.policy->lever->shape(effect);
  }
  AuthorityTally& t = core_.tallies[role.authority];
  t.accrue(core_.now());
  t[Rate::policy_cost] += (effect.premium_per_worker_per_day - premium_per_day_[r]) * staff_->in_post(r) +
                          (running - running_cost_per_day_[r]);
  premium_per_day_[r] = effect.premium_per_worker_per_day;
  cover_->set_levers(r, effect.induction_overlap_days, effect.max_agency_share);
  running_cost_per_day_[r] = running;
  // Notices and applicants are memoryless, so pending ones are redrawn at the new
  // rates; only a rate that changed is redrawn, so a lever of zero strength leaves
  // every draw where it was.
  policy_factor_[r] = role.notice_hazard > 0 ? effect.notice_hazard_per_day / role.notice_hazard : 1.0;
  staff_->retune(r, effect.notice_hazard_per_day * workload_factor_[r]);
  recruitment_->set_applicant_rate(r, effect.applicants_per_day);
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
    core_.sim.schedule_at(changes_[next_change_], kPriorityRuleChange, change_event_, 0);
  }
  apply(true);
}

void Levers::on_step(std::uint32_t subject) {
  const std::uint32_t policy = subject / kStepsPerPolicy;
  policies_[policy].policy->lever->step(*this, policy, subject % kStepsPerPolicy);
}

void Levers::schedule_at(double time, std::uint32_t policy, std::uint32_t step) {
  core_.sim.schedule_at(time, kPriorityDecision, step_event_, policy * kStepsPerPolicy + step);
}

void Levers::schedule_in(double delay, std::uint32_t policy, std::uint32_t step) {
  core_.sim.schedule_in(delay, kPriorityDecision, step_event_, policy * kStepsPerPolicy + step);
}

kernel::RandomStream& Levers::stream(std::uint32_t policy) {
  return core_.stream(core_.roles[policies_[policy].role], Process::policies);
}

void Levers::pay(std::uint32_t policy, double amount) {
  core_.tallies[core_.roles[policies_[policy].role].authority][Measure::policy_cost] += amount;
}

void Levers::trainee_qualifies(std::uint32_t policy, double bond_days) {
  const std::uint32_t role = policies_[policy].role;
  const std::uint32_t worker = core_.new_worker(core_.roles[role].market, 0.0);  // qualified (or registered) today
  Worker& w = core_.store.worker(worker);
  w.bond_until = core_.now() + bond_days;
  w.state = WorkerState::seeking;
  core_.flows.move(core_.flows.categories().outside(), core_.flows.categories().seeking());
  // The council that trained them takes them into its longest-waiting vacancy, or keeps
  // them first in line for its next one.
  recruitment_->trainee_qualified(role, worker);
}

}  // namespace wfsim::model
