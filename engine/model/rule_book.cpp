#include "model/rule_book.hpp"

#include <algorithm>
#include <cmath>

#include "kernel/calendar.hpp"

namespace wfsim::model {

RuleBook::Site::Site(const AgencyRule& rule, std::int64_t start_day, std::int64_t run_days)
    : every_authority_(rule.every_authority),
      leaks_(rule.terms->leaks_to_non_members()),
      months_(rule.terms->calendar_months()),
      start_day_(start_day) {
  if (months_ > 0) {
    for (std::int64_t day = 0; day <= run_days; ++day) {
      month_ends_.push_back(static_cast<double>(kernel::add_months(start_day_ + day, months_) - start_day_));
    }
  }
  // An authority's periods that abut (one's until the next's from) are one membership:
  // a leaver weighing a bar that ran past the join took it to end there (member_until),
  // so a membership written as two periods deterred fewer leavers than one written
  // whole. The loader refuses periods that overlap.
  std::vector<Membership> periods = rule.members;
  std::stable_sort(periods.begin(), periods.end(), [](const Membership& a, const Membership& b) {
    return a.authority != b.authority ? a.authority < b.authority : a.from < b.from;
  });
  for (const Membership& m : periods) {
    if (!joined_.empty() && joined_.back().authority == m.authority && m.from <= joined_.back().until) {
      joined_.back().until = std::max(joined_.back().until, m.until);
    } else {
      joined_.push_back(m);
    }
  }
  for (const Membership& m : joined_) {
    if (m.authority >= first_.size()) first_.resize(m.authority + 1);
    Period& first = first_[m.authority];
    if (first.from > first.until) {
      first = Period{m.from, m.until};
    } else {
      further_.push_back(m);
    }
  }
}

bool RuleBook::Site::member_later(std::uint32_t authority, double t) const {
  for (const Membership& m : further_) {
    if (m.authority == authority && m.from <= t && t < m.until) return true;
  }
  return false;
}

double RuleBook::Site::months_after(double t, int months) const {
  // Truncation is the floor for the run's own (non-negative) times, without a libm call.
  const auto day = t >= 0 ? static_cast<std::int64_t>(t) : static_cast<std::int64_t>(std::floor(t));
  if (months == months_ && day >= 0 && static_cast<std::size_t>(day) < month_ends_.size()) {
    return month_ends_[static_cast<std::size_t>(day)];
  }
  return static_cast<double>(kernel::add_months(start_day_ + day, months) - start_day_);
}

RuleBook::RuleBook(std::vector<AgencyRule> rules, std::int64_t start_day, std::int64_t run_days)
    : rules_(std::move(rules)) {
  for (const AgencyRule& rule : rules_) {
    any_bars_newcomers_ = any_bars_newcomers_ || rule.terms->bars_newcomers();
    sites_.emplace_back(rule, start_day, run_days);
    const double from = rule.terms->caps_qualified_from();
    if (std::isfinite(from)) tier_starts_.push_back(from);
  }
  for (const AgencyRule& ending : rules_) {
    for (const AgencyRule& taking_over : rules_) {
      refusals_can_continue_ =
          refusals_can_continue_ ||
          (&ending != &taking_over && ending.terms->refuses_engagements() && taking_over.terms->refuses_engagements() &&
           std::isfinite(ending.until) && taking_over.from <= ending.until && ending.until < taking_over.until);
    }
  }
  std::sort(tier_starts_.begin(), tier_starts_.end());
  tier_starts_.erase(std::unique(tier_starts_.begin(), tier_starts_.end()), tier_starts_.end());
}

double RuleBook::continued_refusal_end(const WorkerHistory& worker, const double* bars, std::uint32_t barring,
                                       std::uint32_t refusing, std::uint32_t authority, double end) const {
  // Only a refusal that ended because its rule did is taken on: one that ended with the
  // bar, or with the council's membership, ends there as it always has. The end only
  // grows, through the finitely many ends of rules, memberships and bars, so the loop
  // ends; the guard is a second line of defence, not a bound it can reach.
  for (std::size_t step = 0; step < 4096; ++step) {
    bool rule_ended = false;
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      rule_ended = rule_ended || ((refusing >> i & 1) && rules_[i].until == end && bars[i] > end);
    }
    if (!rule_ended) return end;
    double later = end;
    std::uint32_t refusing_then = 0;
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      if (!(barring >> i & 1)) continue;
      const Verdict v = check(i, worker, bars[i], authority, end);
      if (!v.refused) continue;
      refusing_then |= 1u << i;
      later = std::max(later, v.until);
    }
    if (!(later > end)) return end;
    end = later;
    refusing = refusing_then;
  }
  return end;
}

bool RuleBook::member(const AgencyRule& rule, std::uint32_t authority, double t) const {
  return sites_[static_cast<std::size_t>(&rule - rules_.data())].member(authority, t);
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

AgencyCaps RuleBook::caps(const std::string& role, double permanent_pay_per_hour, std::uint32_t authority, double t,
                          std::uint32_t tier) const {
  // Tier k's workers qualified at or after tier_starts_[k - 1]: a cap binds them if it
  // binds everyone qualified from that time or earlier.
  const double qualified_from = tier == 0 ? -kForever : tier_starts_[tier - 1];
  AgencyCaps lowest;
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    if (!in_force(rules_[i], t) || !sites_[i].member(authority, t)) continue;
    if (rules_[i].terms->caps_qualified_from() > qualified_from) continue;
    rules_[i].terms->cap(role, permanent_pay_per_hour, lowest);
  }
  return lowest;
}

std::vector<double> RuleBook::change_times(double end) const {
  std::vector<double> times;
  auto add = [&](double t) {
    if (t > 0 && t < end) times.push_back(t);
  };
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    add(rules_[i].from);
    add(rules_[i].until);
    add(rules_[i].existing_from);
    // Memberships as joined: the day two abutting periods meet changes nothing.
    for (const Membership& m : sites_[i].periods()) {
      add(m.from);
      add(m.until);
    }
  }
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  return times;
}

}  // namespace wfsim::model
