#include "model/agency_rules.hpp"

#include <algorithm>
#include <cmath>

#include "kernel/calendar.hpp"

namespace wfsim::model {

RuleBook::RuleBook(std::vector<AgencyRule> rules, std::int64_t start_day, std::int64_t run_days)
    : rules_(std::move(rules)), start_day_(start_day) {
  for (const AgencyRule& rule : rules_) {
    any_experience_rule_ = any_experience_rule_ || rule.kind == RuleKind::experience;
    std::vector<double> ends;
    if (rule.kind == RuleKind::cooling_off && rule.length_months > 0) {
      for (std::int64_t day = 0; day <= run_days; ++day) {
        ends.push_back(static_cast<double>(kernel::add_months(start_day_ + day, rule.length_months) - start_day_));
      }
    }
    month_ends_.push_back(std::move(ends));
    MemberTable table;
    for (const Membership& m : rule.members) {
      if (m.authority >= table.first.size()) table.first.resize(m.authority + 1);
      Period& first = table.first[m.authority];
      if (first.from > first.until) {
        first = Period{m.from, m.until};
      } else {
        table.further.push_back(m);
      }
    }
    memberships_.push_back(std::move(table));
  }
}

bool RuleBook::member(const AgencyRule& rule, std::uint32_t authority, double t) const {
  return member(static_cast<std::size_t>(&rule - rules_.data()), authority, t);
}

bool RuleBook::member_later(const MemberTable& table, std::uint32_t authority, double t) {
  for (const Membership& m : table.further) {
    if (m.authority == authority && m.from <= t && t < m.until) return true;
  }
  return false;
}

double RuleBook::may_refuse_until(const WorkerHistory& worker) const {
  std::vector<double> bars(rules_.size());
  return may_refuse_until(worker, bars.data());
}

double RuleBook::bars_and_bound(const WorkerHistory& worker, double* bars) const {
  // Each rule can refuse (or see leakage) only while in force and before the end of
  // the bar it sets, as check() tests.
  double until = -kForever;
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    bars[i] = bar_end(i, worker);
    until = std::max(until, std::min(bars[i], rules_[i].until));
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

double RuleBook::bar_end(std::size_t index, const WorkerHistory& worker) const {
  const AgencyRule& rule = rules_[index];
  switch (rule.kind) {
    case RuleKind::experience: return worker.qualified_at + rule.min_experience_days;
    case RuleKind::rate_cap: return -kForever;
    case RuleKind::cooling_off: break;
  }
  if (worker.last_permanent_authority < 0) return -kForever;
  if (worker.left_by_redundancy && rule.exempt_redundancy) return -kForever;
  // Only a member's leaver is kept from the other members (or from all of them).
  const auto left = static_cast<std::uint32_t>(worker.last_permanent_authority);
  if (rule.scope != CoolingScope::same_authority && !member(index, left, worker.left_permanent_at)) return -kForever;
  return cooling_off_end(rule, worker.left_permanent_at);
}

Verdict RuleBook::check(std::size_t index, const WorkerHistory& worker, double bar, std::uint32_t authority,
                        double t) const {
  const AgencyRule& rule = rules_[index];
  Verdict v;
  if (!(t < bar) || !in_force(rule, t)) return v;
  if (rule.kind == RuleKind::cooling_off) {
    // The bar keeps the worker from the council they left, from the others, or from all.
    const bool left_here = static_cast<std::uint32_t>(worker.last_permanent_authority) == authority;
    if (rule.scope == CoolingScope::same_authority && !left_here) return v;
    if (rule.scope == CoolingScope::other_members && left_here) return v;
  }
  if (member(index, authority, t)) {
    v.refused = true;
    v.until = bar;
  } else if (rule.kind == RuleKind::cooling_off && rule.scope != CoolingScope::same_authority) {
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
