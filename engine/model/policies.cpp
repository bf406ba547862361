// Recruitment and retention levers: campaigns, market supplements, retention
// payments and trainee cohorts (newly qualified programmes, grow-your-own routes,
// overseas recruitment). See docs/policies.md.
#include <algorithm>
#include <cmath>

#include "kernel/calendar.hpp"
#include "model/model_events.hpp"
#include "model/workforce_model.hpp"

namespace wfsim::model {

using namespace detail;

void WorkforceModel::apply_policies(bool pay_one_off_costs) {
  const double now = sim_.now();
  for (std::uint32_t r = 0; r < roles_.size(); ++r) {
    RoleRuntime& role = roles_[r];
    double applicants = role.base_applicant_rate;
    double tenure = role.base_tenure_rate;
    double premium = 0, running = 0, overlap = 0, cap = 1;
    for (const PolicyRef& ref : policies_) {
      const Policy& p = *ref.policy;
      if (ref.role != r || !in_force(p)) continue;
      running += p.cost_per_year / kDaysPerYear;
      if (p.kind == PolicyKind::recruitment_campaign) applicants += p.extra_applicants_per_year / kDaysPerYear;
      if (p.kind == PolicyKind::induction_overlap) overlap = std::max(overlap, p.overlap_days);
      if (p.kind == PolicyKind::agency_share_cap) cap = std::min(cap, p.max_agency_share);
      if (p.kind == PolicyKind::market_supplement || p.kind == PolicyKind::retention_payment) {
        applicants *= 1 + p.applicant_increase;
        tenure *= 1 - p.turnover_reduction;
        premium += p.amount_per_worker_per_year / kDaysPerYear;
      }
    }
    AuthorityTally& t = tallies_[role.authority];
    t.accrue(now);
    t.policy_cost_rate += (premium - role.premium_per_day) * role.permanent + (running - role.running_cost_per_day);
    role.premium_per_day = premium;
    const bool cap_loosened = cap > role.max_agency_share;
    role.induction_overlap_days = overlap;
    role.max_agency_share = cap;
    if (cap_loosened) book_capped_posts(role.authority);
    role.running_cost_per_day = running;
    // Notices and applicants are memoryless, so a pending one can be redrawn at the
    // new rate. Only a rate that changed is redrawn: a lever of zero strength leaves
    // every draw where it was.
    role.policy_tenure_factor = role.base_tenure_rate > 0 ? tenure / role.base_tenure_rate : 1.0;
    retune_tenure(r, tenure * role.workload_factor);
    if (applicants != role.applicant_rate) {
      role.applicant_rate = applicants;
      const bool waiting = has_waiting_recruitment(role);
      if (sim_.pending(role.applicant_event) && waiting) {
        sim_.cancel(role.applicant_event);
        role.applicant_event = {};
        if (applicants > 0 && std::isfinite(applicants)) {
          role.applicant_event =
              sim_.schedule_in(exponential_delay(stream(role.authority, Process::applicants), applicants),
                               kPriorityDecision, kApplicant, r);
        }
      } else if (waiting && !sim_.pending(role.applicant_event) && applicants > 0 && std::isfinite(applicants)) {
        role.applicant_event =
            sim_.schedule_in(exponential_delay(stream(role.authority, Process::applicants), applicants),
                             kPriorityDecision, kApplicant, r);
      }
    }
  }
  if (!pay_one_off_costs) return;
  for (const PolicyRef& ref : policies_) {
    if (ref.policy->from == now) tallies_[roles_[ref.role].authority].policy_cost += ref.policy->one_off_cost;
  }
}

void WorkforceModel::retune_tenure(std::uint32_t r, double rate) {
  RoleRuntime& role = roles_[r];
  if (rate == role.tenure_rate) return;  // unchanged: every draw stays where it was
  role.tenure_rate = rate;
  for (std::uint32_t post = role.first_post; post < role.first_post + role.post_count; ++post) {
    const std::uint32_t holder = posts_[post].holder;
    if (holder == kNone || workers_[holder].on_notice) continue;
    sim_.cancel(workers_[holder].tenure_event);
    schedule_tenure(holder);
  }
}

void WorkforceModel::apply_workload(std::uint32_t authority, double caseload_ratio) {
  // Caseload pressure: posts per person at work, relative to full cover. Turnover
  // rises with it by the elasticity (and never falls below its own level).
  const WorkloadFeedback& feedback = parameters_.authorities[authority].workload;
  const double factor = 1 + feedback.turnover_elasticity * std::max(0.0, caseload_ratio - 1);
  for (std::uint32_t r = 0; r < roles_.size(); ++r) {
    RoleRuntime& role = roles_[r];
    if (role.authority != authority) continue;
    role.workload_factor = factor;
    retune_tenure(r, role.base_tenure_rate * role.policy_tenure_factor * factor);
  }
}

void WorkforceModel::on_policy_change() {
  if (++next_policy_change_ < policy_changes_.size()) {
    sim_.schedule_at(policy_changes_[next_policy_change_], kPriorityRuleChange, kPolicyChange, 0);
  }
  apply_policies(true);
}

void WorkforceModel::on_cohort_start(std::uint32_t index) {
  const PolicyRef& ref = policies_[index];
  const Policy& p = *ref.policy;
  const RoleRuntime& role = roles_[ref.role];
  const auto today = parameters_.start_day + static_cast<std::int64_t>(std::floor(sim_.now()));
  const double next = static_cast<double>(kernel::add_months(today, 12) - parameters_.start_day);
  if (next < p.until) sim_.schedule_at(next, kPriorityDecision, kCohortStart, index);
  tallies_[role.authority].policy_cost += p.cost_per_trainee * p.per_year;
  kernel::RandomStream& s = stream(role.authority, Process::policies);
  for (int i = 0; i < p.per_year; ++i) {
    if (s.bernoulli(p.dropout)) continue;  // leaves the programme before qualifying
    sim_.schedule_in(p.training.sample(s), kPriorityDecision, kTraineeQualified, index);
  }
}

void WorkforceModel::on_trainee_qualified(std::uint32_t index) {
  const PolicyRef& ref = policies_[index];
  RoleRuntime& role = roles_[ref.role];
  const std::uint32_t worker = new_worker(role.market, 0.0);  // qualified (or registered) today
  workers_[worker].bond_until = sim_.now() + ref.policy->bond_days;
  workers_[worker].state = WorkerState::seeking;
  flow(categories_.outside(), categories_.seeking());
  // The council that trained them takes them into its longest-waiting vacancy, or
  // keeps them first in line for its next one.
  if (has_waiting_recruitment(role)) {
    consider_applicant(role.waiting_for_applicant.pop().post, worker);
    return;
  }
  role.trainees.push(worker);
}

}  // namespace wfsim::model
