#include "model/agency_rules.hpp"

#include <algorithm>
#include <cmath>

#include "kernel/calendar.hpp"

namespace wfsim::model {

RuleBook::RuleBook(std::vector<AgencyRule> rules, std::int64_t start_day, std::int64_t run_days)
    : rules_(std::move(rules)), start_day_(start_day) {
  for (const AgencyRule& rule : rules_) {
    std::vector<double> ends;
    if (rule.kind == RuleKind::cooling_off && rule.length_months > 0) {
      for (std::int64_t day = 0; day <= run_days; ++day) {
        ends.push_back(static_cast<double>(kernel::add_months(start_day_ + day, rule.length_months) - start_day_));
      }
    }
    month_ends_.push_back(std::move(ends));
    std::vector<std::vector<Membership>> by_authority;
    for (const Membership& m : rule.members) {
      if (m.authority >= by_authority.size()) by_authority.resize(m.authority + 1);
      by_authority[m.authority].push_back(m);
    }
    memberships_.push_back(std::move(by_authority));
  }
}

bool RuleBook::member(const AgencyRule& rule, std::uint32_t authority, double t) const {
  if (rule.every_authority) return true;
  const auto& by_authority = memberships_[static_cast<std::size_t>(&rule - rules_.data())];
  if (authority >= by_authority.size()) return false;
  for (const Membership& m : by_authority[authority]) {
    if (m.from <= t && t < m.until) return true;
  }
  return false;
}

double RuleBook::may_refuse_until(const WorkerHistory& worker) const {
  // Each rule can refuse (or see leakage) only while in force and before the end of
  // the bar it sets, as check() tests; membership is left out, so the bound may be late
  // but never early.
  double until = -kForever;
  for (const AgencyRule& rule : rules_) {
    double bar = -kForever;
    switch (rule.kind) {
      case RuleKind::experience: bar = worker.qualified_at + rule.min_experience_days; break;
      case RuleKind::cooling_off:
        if (worker.last_permanent_authority >= 0 && !(worker.left_by_redundancy && rule.exempt_redundancy)) {
          bar = cooling_off_end(rule, worker.left_permanent_at);
        }
        break;
      case RuleKind::rate_cap: break;
    }
    until = std::max(until, std::min(bar, rule.until));
  }
  return until;
}

double RuleBook::cooling_off_end(const AgencyRule& rule, double left_at) const {
  if (rule.length_months <= 0) return left_at + rule.length_days;
  // "6 months" is calendar months from the day the worker left: leaving on 1 July
  // frees them on 1 January, whatever the hour.
  // Truncation is the floor for the run's own (non-negative) times, without a libm call.
  const auto left_day =
      left_at >= 0 ? static_cast<std::int64_t>(left_at) : static_cast<std::int64_t>(std::floor(left_at));
  const auto& ends = month_ends_[static_cast<std::size_t>(&rule - rules_.data())];
  if (left_day >= 0 && static_cast<std::size_t>(left_day) < ends.size())
    return ends[static_cast<std::size_t>(left_day)];
  return static_cast<double>(kernel::add_months(start_day_ + left_day, rule.length_months) - start_day_);
}

Verdict RuleBook::check(std::size_t index, const WorkerHistory& worker, std::uint32_t authority, double t) const {
  // Each condition is computed once: this runs for every screening of a worker still
  // within some bar.
  const AgencyRule& rule = rules_[index];
  Verdict v;
  if (!in_force(rule, t)) return v;
  if (rule.kind == RuleKind::experience) {
    const double qualified_enough = worker.qualified_at + rule.min_experience_days;
    if (t < qualified_enough && member(rule, authority, t)) {
      v.refused = true;
      v.until = qualified_enough;
    }
    return v;
  }
  if (rule.kind != RuleKind::cooling_off || worker.last_permanent_authority < 0) return v;
  if (worker.left_by_redundancy && rule.exempt_redundancy) return v;
  const double ends = cooling_off_end(rule, worker.left_permanent_at);
  if (t >= ends) return v;
  const auto left = static_cast<std::uint32_t>(worker.last_permanent_authority);
  bool applies = false;
  switch (rule.scope) {
    case CoolingScope::same_authority: applies = left == authority; break;
    case CoolingScope::other_members:
      applies = left != authority && member(rule, left, worker.left_permanent_at);
      break;
    case CoolingScope::any_member: applies = member(rule, left, worker.left_permanent_at); break;
  }
  if (!applies) return v;
  if (member(rule, authority, t)) {
    v.refused = true;
    v.until = ends;
  } else if (rule.scope != CoolingScope::same_authority) {
    v.leakage = true;  // a member's leaver engaged by a council outside the rule
  }
  return v;
}

double RuleBook::cap(const std::string& role, std::uint32_t authority, double t) const {
  double lowest = kForever;
  for (const AgencyRule& rule : rules_) {
    if (rule.kind != RuleKind::rate_cap || !in_force(rule, t) || !member(rule, authority, t)) continue;
    for (const auto& [name, value] : rule.caps) {
      if (name == role) lowest = std::min(lowest, value);
    }
  }
  return lowest;
}

double RuleBook::agency_rate(const std::string& role, std::uint32_t authority, double own_rate, double t) const {
  return std::min(own_rate, cap(role, authority, t));
}

std::vector<double> RuleBook::change_times(double end) const {
  std::vector<double> times;
  auto add = [&](double t) {
    if (t > 0 && t < end) times.push_back(t);
  };
  for (const AgencyRule& rule : rules_) {
    add(rule.from);
    add(rule.until);
    for (const Membership& m : rule.members) {
      add(m.from);
      add(m.until);
    }
  }
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  return times;
}

}  // namespace wfsim::model
