#include "scenario/policy_notes.hpp"

#include <algorithm>
#include <cmath>

#include "scenario/note_text.hpp"

namespace wfsim::scenario {

namespace {

// A lever's one-off cost is paid on the day it starts; one in force before the results
// start (no 'from', a date before the run, or one inside a warm-up, which is simulated
// but not reported) started outside them, so the results count none of it. A campaign
// costed for the run's first day, its 'from' left out, showed no cost.
std::string uncounted_one_off_note(const model::Policy& policy, const model::ModelParameters& p) {
  const auto reported_from = static_cast<double>(p.report_start_day - p.start_day);
  if (policy.one_off_cost <= 0 || policy.from >= reported_from || policy.until <= 0) return "";
  if (policy.until <= reported_from) {
    // Over before the results start: no 'from' would count its cost while it stays so.
    return "one_off_cost (" + number(policy.one_off_cost) +
           ") is not counted: the lever acts only in the warm-up or before (" +
           span(policy.from, policy.until, p.start_day) + "), before the results start on " +
           date(reported_from, p.start_day);
  }
  std::string when = "from before the run (no 'from')";
  if (std::isfinite(policy.from)) {
    when = "from " + date(policy.from, p.start_day) +
           (policy.from < 0 ? ", before the run" : ", in the warm-up, before the results start");
  }
  return "one_off_cost (" + number(policy.one_off_cost) + ") is not counted: the lever is in force " + when +
         ", and the cost is paid on the day it starts; give 'from: " + date(reported_from, p.start_day) +
         "' to count it" + (reported_from > 0 ? " (the lever then acts from that day, not in the warm-up)" : "");
}

// A lever that adds applicants (a campaign) to a role whose applicants are unlimited
// costs its money and changes nothing: an applicant is always there already.
std::string applicants_to_no_end_note(const model::Policy& policy, const model::Authority& authority) {
  model::LeverEffect effect;
  policy.lever->shape(effect);
  if (!(effect.applicants_per_day > 0)) return "";
  for (const model::Role& role : authority.roles) {
    if (role.name == policy.role && std::isinf(role.recruitment.applicants_per_year)) {
      return "it adds applicants, but " + role.name +
             "'s recruitment.applicants_per_year is unlimited: an applicant is always there, so it changes "
             "nothing and costs what it costs; give a number of applicants a year";
    }
  }
  return "";
}

// The role a lever acts on (the loader has checked that its authority has it).
const model::Role& role_of(const model::Authority& authority, const model::Policy& policy) {
  return *std::find_if(authority.roles.begin(), authority.roles.end(),
                       [&](const model::Role& r) { return r.name == policy.role; });
}

bool same_effect(const model::LeverEffect& a, const model::LeverEffect& b) {
  return a.applicants_per_day == b.applicants_per_day && a.notice_hazard_per_day == b.notice_hazard_per_day &&
         a.premium_per_worker_per_day == b.premium_per_worker_per_day &&
         a.premium_already_paid_per_worker_per_day == b.premium_already_paid_per_worker_per_day &&
         a.induction_overlap_days == b.induction_overlap_days && a.max_agency_share == b.max_agency_share;
}

// A lever that changes nothing while another on the same role is in force beside it:
// two agency share caps (the lower binds) or two induction overlaps (the longer), where
// the other is the tighter. Asked of the levers' own effects, not of their kinds: from
// rates of 1 (so a lever that scales a rate shows), the lever changes something alone,
// and nothing on top of another's (of two alike, the second listed is said). Its
// running cost is still counted. Two caps of 10% and 30% ran without a word (an audit).
std::string shadowed_note(const model::Authority& authority, std::size_t k, const model::ModelParameters& p) {
  const model::Policy& policy = authority.policies[k];
  const auto run_days = static_cast<double>(p.end_day - p.start_day);
  model::LeverEffect base;
  base.applicants_per_day = base.notice_hazard_per_day = 1;
  model::LeverEffect alone = base;
  policy.lever->shape(alone);
  if (same_effect(alone, base)) return "";  // acts through events (a cohort), or changes nothing here
  for (std::size_t j = 0; j < authority.policies.size(); ++j) {
    const model::Policy& other = authority.policies[j];
    if (j == k || other.role != policy.role) continue;
    const double from = std::max({other.from, policy.from, 0.0}),
                 until = std::min({other.until, policy.until, run_days});
    if (from >= until) continue;
    model::LeverEffect first = base, both = base;
    other.lever->shape(first);
    other.lever->shape(both);
    policy.lever->shape(both);
    if (!same_effect(first, both) || same_effect(first, base)) continue;
    if (same_effect(first, alone) && j > k) continue;  // two alike: the second listed is said
    return "it changes nothing while '" + other.name + "' is in force beside it (" + span(from, until, p.start_day) +
           "): the two do not add up on " + policy.role + ", and '" + other.name + "' holds" +
           (policy.cost_per_year > 0 ? "; its cost_per_year is still counted" : "");
  }
  return "";
}

// What a lever paying a premium from `from`, after the run's end, does yet: a leaver
// who may move to another council's post weighs the councils' pay of the day they
// leave (LeaverChoice), so the other councils' leavers of its role giving notice in the
// run's last days may weigh it. Empty if no notice can reach it.
std::string pay_weighed_by_last_leavers(const model::Policy& policy, std::uint32_t authority,
                                        const model::ModelParameters& p, double run_days) {
  model::LeverEffect effect;
  policy.lever->shape(effect);
  const std::uint32_t region = p.authorities[authority].region;
  const bool pooled = std::any_of(p.labour_pool.begin(), p.labour_pool.end(), [&](const model::LabourPool& pool) {
    return pool.role == policy.role && pool.region == region;
  });
  if (policy.from < run_days || effect.premium_per_worker_per_day == 0 || !pooled || p.market.pay == 0) return "";
  double longest = 0;
  // Without a salary anywhere in the market, pay is not modelled (pay_factor): the
  // supplement moves no one's choice (a review).
  bool salaried = false;
  for (std::uint32_t a = 0; a < p.authorities.size(); ++a) {
    if (p.authorities[a].region != region) continue;
    for (const model::Role& role : p.authorities[a].roles) {
      if (role.name != policy.role) continue;
      salaried = salaried || role.pay.salary_per_year > 0;
      if (a != authority && role.destinations.other_council > 0) longest = std::max(longest, role.notice.largest());
    }
  }
  if (!salaried || policy.from >= run_days + longest) return "";
  const std::string who = ", but the other councils' leavers of " + policy.role;
  if (!std::isfinite(longest)) return who + " whose notice (drawn, without bound) ends after it starts weigh it";
  const double window = run_days + longest - policy.from;
  if (window >= run_days) return who + " whose notice ends after it starts weigh it: any giving notice in the run may";
  const auto days = static_cast<long>(std::ceil(window));
  return who + " who give notice in the run's last " + std::to_string(days) + (days == 1 ? " day" : " days") +
         " may expect to leave after it starts, and weigh it";
}

}  // namespace

// Each lever's notes: acting outside the run, its own kind's, an uncounted one-off
// cost, applicants added where they are unlimited.
void add_policy_notes(std::uint32_t a, const std::string& at, const model::ModelParameters& p, const std::string& run,
                      std::vector<std::string>& notes) {
  const model::Authority& authority = p.authorities[a];
  const auto run_days = static_cast<double>(p.end_day - p.start_day);
  for (std::size_t k = 0; k < authority.policies.size(); ++k) {
    const model::Policy& policy = authority.policies[k];
    if (outside(policy.from, policy.until, run_days)) {
      notes.push_back(at + ".policies[" + std::to_string(k) + "] '" + policy.name + "' acts " +
                      span(policy.from, policy.until, p.start_day) + ", outside " + run +
                      ": it changes and costs nothing" + pay_weighed_by_last_leavers(policy, a, p, run_days));
    } else if (const std::string own =
                   policy.lever->note(policy, role_of(authority, policy), p.start_day,
                                      static_cast<double>(p.report_start_day - p.start_day), run_days);
               !own.empty()) {
      notes.push_back(at + ".policies[" + std::to_string(k) + "] '" + policy.name + "': " + own);
    }
    if (const std::string own = uncounted_one_off_note(policy, p); !own.empty()) {
      notes.push_back(at + ".policies[" + std::to_string(k) + "] '" + policy.name + "': " + own);
    }
    if (const std::string own = shadowed_note(authority, k, p); !own.empty()) {
      notes.push_back(at + ".policies[" + std::to_string(k) + "] '" + policy.name + "': " + own);
    }
    if (const std::string own = applicants_to_no_end_note(policy, authority);
        !own.empty() && !outside(policy.from, policy.until, run_days)) {
      notes.push_back(at + ".policies[" + std::to_string(k) + "] '" + policy.name + "': " + own);
    }
  }
}

}  // namespace wfsim::scenario
