#pragma once
// Rules on agency engagement, as data: cooling-off periods after leaving a permanent
// post (a Memorandum of Cooperation, the London Pledge, the 2024 national rules),
// post-qualified experience thresholds, and caps on agency pay rates.
//
// A rule binds only its members, and only while both the rule and the membership are
// in force. This module is pure logic: it knows times and authority indices, never
// the event queue, so its semantics can be tested case by case.

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace wfsim::model {

constexpr double kForever = std::numeric_limits<double>::infinity();

enum class RuleKind { cooling_off, experience, rate_cap };

// Whom a cooling-off period keeps apart: the worker and the council they left
// (same_authority), the worker and every other member (other_members), or the worker
// and every member including the one they left (any_member).
enum class CoolingScope { same_authority, other_members, any_member };

struct Membership {
  std::uint32_t authority = 0;
  double from = -kForever;  // simulated days
  double until = kForever;  // exclusive
};

struct AgencyRule {
  std::string name;
  RuleKind kind = RuleKind::cooling_off;
  double from = -kForever;  // the rule is in force from..until (simulated days)
  double until = kForever;
  bool every_authority = false;     // all authorities in the scenario are members
  std::vector<Membership> members;  // otherwise these, each for its own period
  // cooling_off
  CoolingScope scope = CoolingScope::other_members;
  int length_months = 0;  // calendar months if > 0, else length_days
  double length_days = 0;
  bool exempt_redundancy = false;
  // experience
  double min_experience_days = 0;
  // rate_cap: hourly caps by role name
  std::vector<std::pair<std::string, double>> caps;
};

// What the rules need to know of a worker.
struct WorkerHistory {
  double left_permanent_at = -kForever;
  double qualified_at = -kForever;
  std::int32_t last_permanent_authority = -1;  // -1: never left a permanent post here
  bool left_by_redundancy = false;
};

struct Verdict {
  bool refused = false;
  bool leakage = false;     // a non-member engages a worker the rule keeps from members
  double until = kForever;  // if refused: when this rule stops refusing the worker
};

class RuleBook {
 public:
  RuleBook() = default;
  // `start_day` (days since 1970-01-01) anchors calendar-month cooling-off periods.
  // `run_days` bounds the departure days whose calendar-month ends are precomputed.
  RuleBook(std::vector<AgencyRule> rules, std::int64_t start_day, std::int64_t run_days = 0);

  const std::vector<AgencyRule>& rules() const { return rules_; }
  bool in_force(const AgencyRule& rule, double t) const { return rule.from <= t && t < rule.until; }
  bool member(const AgencyRule& rule, std::uint32_t authority, double t) const;

  // A time from which no rule can refuse this worker anywhere (-infinity if none ever
  // can): the end of every cooling-off and experience bar their history starts. It
  // changes only when their history does, so a model can keep it with the worker and
  // skip the rules for the many workers who are long past any bar.
  double may_refuse_until(const WorkerHistory& worker) const;
  // The same, having written each rule's bar_end for the worker to bars[0..rules)
  // unless it returns -infinity: then no rule ever refuses them and the bars are not
  // needed (nor written, which spares a likely cache miss per new worker).
  double may_refuse_until(const WorkerHistory& worker, double* bars) const {
    // Only a departure or an experience rule sets a bar: the common case of a worker
    // new to the region stays inline, since every new worker passes here.
    if (worker.last_permanent_authority < 0 && !any_experience_rule_) return -kForever;
    return bars_and_bound(worker, bars);
  }

  // Whether rule `index` lets `authority` engage the worker as agency at time t.
  Verdict check(std::size_t index, const WorkerHistory& worker, std::uint32_t authority, double t) const {
    return check(index, worker, bar_end(index, worker), authority, t);
  }

  // The time until which rule `index` may refuse this worker or see leakage in their
  // engagement: the end of the bar their history sets, -infinity if it sets none. It
  // depends on the history alone, so a model can keep it with the worker.
  double bar_end(std::size_t index, const WorkerHistory& worker) const;

  // check() for a worker whose bar_end(index, worker) is `bar`: a worker under a bar is
  // screened at every booking in the market, and the bar need not be worked out again.
  Verdict check(std::size_t index, const WorkerHistory& worker, double bar, std::uint32_t authority, double t) const;

  // The hourly agency rate an authority pays at time t: its own rate, capped by every
  // rate-cap rule that binds it.
  double agency_rate(const std::string& role, std::uint32_t authority, double own_rate, double t) const;
  // The lowest cap binding an authority for a role at time t, or infinity.
  double cap(const std::string& role, std::uint32_t authority, double t) const;

  // Every time at which a rule or a membership starts or ends, sorted, in (0, end).
  std::vector<double> change_times(double end) const;

  // When a cooling-off period that began at `left_at` ends.
  double cooling_off_end(const AgencyRule& rule, double left_at) const;

 private:
  std::vector<AgencyRule> rules_;
  // Per rule: each authority's first membership period, indexed by authority, and any
  // further periods (rare: a council that leaves and rejoins) in one list. A membership
  // test, made several times for every screening of a worker under a bar, is then one
  // indexed load and two comparisons.
  struct Period {
    double from = kForever;  // empty until set
    double until = -kForever;
  };
  struct MemberTable {
    std::vector<Period> first;
    std::vector<Membership> further;
  };
  std::vector<MemberTable> memberships_;
  bool member(std::size_t index, std::uint32_t authority, double t) const {
    if (rules_[index].every_authority) return true;
    const MemberTable& table = memberships_[index];
    if (authority < table.first.size() && table.first[authority].from <= t && t < table.first[authority].until) {
      return true;
    }
    return !table.further.empty() && member_later(table, authority, t);
  }
  static bool member_later(const MemberTable& table, std::uint32_t authority, double t);
  // Per rule with a calendar-month length: the end of a cooling-off period begun on
  // each day of the run, since calendar arithmetic is too slow for the hot path.
  std::vector<std::vector<double>> month_ends_;
  std::int64_t start_day_ = 0;
  bool any_experience_rule_ = false;
  double bars_and_bound(const WorkerHistory& worker, double* bars) const;
};

}  // namespace wfsim::model
