#pragma once
// Rules on agency engagement, as data: cooling-off periods after leaving a permanent
// post (a Memorandum of Cooperation, the London Pledge, the 2024 national rules),
// post-qualified experience thresholds, and caps on agency pay rates.
//
// A rule binds only its members, and only while both the rule and the membership are
// in force. What a rule does is its kind's: each kind is a RuleTerms type in
// engine/kinds/, registered by name with its scenario keys and loader. This module
// is pure logic: it knows times and authority indices, never the event queue, so its
// semantics can be tested case by case.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace wfsim::model {

constexpr double kForever = std::numeric_limits<double>::infinity();

struct Membership {
  std::uint32_t authority = 0;
  double from = -kForever;  // simulated days
  double until = kForever;  // exclusive
};

// What the rules need to know of a worker.
struct WorkerHistory {
  double left_permanent_at = -kForever;
  double qualified_at = -kForever;
  std::int32_t last_permanent_authority = -1;  // -1: never left a permanent post here
  bool left_by_redundancy = false;
};

// The caps on agency rates that bind a council for a role, by what each caps: the
// charge rate the council pays, the worker's pay rate, or pay plus the employer's costs
// on it (the 2024 national caps). Infinity where nothing caps.
struct AgencyCaps {
  double charge = std::numeric_limits<double>::infinity();
  double pay = std::numeric_limits<double>::infinity();
  double pay_and_costs = std::numeric_limits<double>::infinity();
};

struct Verdict {
  bool refused = false;
  bool leakage = false;     // a non-member engages a worker the rule keeps from members
  double until = kForever;  // if refused: when this rule stops refusing the worker
};

// What a rule's terms may ask of the rule it belongs to while working out a bar.
class RuleSite {
 public:
  virtual ~RuleSite() = default;
  virtual bool member(std::uint32_t authority, double t) const = 0;
  // The day `months` calendar months after the day holding `t`: leaving on 1 July
  // with 6 months frees a worker on 1 January, whatever the hour.
  virtual double months_after(double t, int months) const = 0;
};

struct AgencyRule;

// One kind of rule's terms and what they do. The defaults describe terms that bar
// nobody and cap nothing.
class RuleTerms {
 public:
  virtual ~RuleTerms() = default;
  // Until when these terms may refuse the worker (or see leakage in their engagement):
  // the end of the bar their history sets, -infinity if none. It depends on the
  // history alone, so a model can keep it with the worker.
  virtual double bar_end(const WorkerHistory&, const RuleSite&) const { return -kForever; }
  // Whether a worker under the bar is kept from `authority` (if it is a member): a
  // cooling-off period's scope. It may depend on the worker's last permanent authority
  // and nothing else of their history: a model may keep the answer for every worker
  // who left the same council.
  virtual bool keeps_from(const WorkerHistory&, std::uint32_t /*authority*/) const { return true; }
  // Whether a non-member engaging a worker under the bar is leakage.
  virtual bool leaks_to_non_members() const { return false; }
  // Whether the terms can bar a worker who never left a permanent post in the region.
  virtual bool bars_newcomers() const { return false; }
  // Whether the terms refuse engagements at all (a cooling-off, an experience
  // threshold), rather than only cap pay: a scenario's notes say where they cannot.
  virtual bool refuses_engagements() const { return false; }
  // Calendar months the bar runs for, if it is counted in months (0 otherwise): the
  // rule book precomputes their ends, since calendar arithmetic is slow.
  virtual int calendar_months() const { return 0; }
  // Lowers `caps` to the caps these terms set for a role, if any. `permanent_pay_per_hour`
  // is the council's salary for the role by the hour, for caps set at what a permanent
  // worker is paid.
  virtual void cap(std::string_view /*role*/, double /*permanent_pay_per_hour*/, AgencyCaps& /*caps*/) const {}
  // The caps bind only workers who qualified at or after this time (simulated days);
  // -infinity: every worker. (The West Midlands' rule caps the pay of those who
  // finished their first year after a date.)
  virtual double caps_qualified_from() const { return -kForever; }
  // Whether a cap is set at the council's permanent pay (which must then be given).
  virtual bool caps_at_permanent_pay() const { return false; }
  // What is valid but binds nobody in these terms, for a scenario's notes (empty if
  // nothing): `rule` is the rule they are the terms of (its members), `authorities`
  // how many the scenario has.
  virtual std::string note(const AgencyRule& /*rule*/, std::size_t /*authorities*/) const { return ""; }
};

// The most rules one scenario may have: a worker's refusals are a 32-bit mask of them.
constexpr std::size_t kMaxRules = 32;

struct AgencyRule {
  std::string name;
  std::string kind;         // the registered kind's name
  double from = -kForever;  // the rule is in force from..until (simulated days)
  double until = kForever;
  // From this day assignments already running that the rule would refuse end (the
  // national rules' transition: existing assignments comply by a date); never if
  // infinite.
  double existing_from = kForever;
  bool every_authority = false;     // all authorities in the scenario are members
  std::vector<Membership> members;  // otherwise these, each for its own period
  std::shared_ptr<const RuleTerms> terms;

  // Whether the authority is a member at some time, whatever the dates: what checks of
  // a scenario's inputs ask (a member's pay, a cap below its margin).
  bool lists(std::uint32_t authority) const {
    return every_authority ||
           std::any_of(members.begin(), members.end(), [&](const Membership& m) { return m.authority == authority; });
  }
};

class RuleBook {
 public:
  RuleBook() = default;
  // `start_day` (days since 1970-01-01) anchors calendar-month bars. `run_days` bounds
  // the departure days whose calendar-month ends are precomputed.
  RuleBook(std::vector<AgencyRule> rules, std::int64_t start_day, std::int64_t run_days = 0);

  const std::vector<AgencyRule>& rules() const { return rules_; }
  bool in_force(const AgencyRule& rule, double t) const { return rule.from <= t && t < rule.until; }
  bool member(const AgencyRule& rule, std::uint32_t authority, double t) const;

  // A time from which no rule can refuse this worker anywhere (-infinity if none ever
  // can): the end of every bar their history starts. It changes only when their
  // history does, so a model can keep it with the worker and skip the rules for the
  // many workers who are long past any bar.
  double may_refuse_until(const WorkerHistory& worker) const;
  // The same, having written each rule's bar_end for the worker to bars[0..rules)
  // unless it returns -infinity: then no rule ever refuses them and the bars are not
  // needed (nor written, which spares a likely cache miss per new worker).
  double may_refuse_until(const WorkerHistory& worker, double* bars) const {
    // Only a departure or a rule that bars newcomers sets a bar: the common case of a
    // worker new to the region stays inline, since every new worker passes here.
    if (worker.last_permanent_authority < 0 && !any_bars_newcomers_) return -kForever;
    return bars_and_bound(worker, bars);
  }

  // Whether rule `index` lets `authority` engage the worker as agency at time t.
  Verdict check(std::size_t index, const WorkerHistory& worker, std::uint32_t authority, double t) const {
    return check(index, worker, bar_end(index, worker), authority, t);
  }

  // Whether rule `index` keeps the worker from some member of it at time t (of the
  // authorities 0..authorities-1): a non-member's engagement of them is leakage only
  // then. A cooling-off between other members whose only member is the council the
  // worker left keeps them from nobody, and its non-members' engagements were counted.
  bool keeps_from_a_member(std::size_t index, const WorkerHistory& worker, std::uint32_t authorities, double t) const {
    for (std::uint32_t a = 0; a < authorities; ++a) {
      if (sites_[index].member(a, t) && rules_[index].terms->keeps_from(worker, a)) return true;
    }
    return false;
  }

  // When rule `index`, refusing a worker under a bar ending at `bar` at `authority` at
  // time t (a member then), stops refusing: at the bar's end, or sooner if the rule or
  // the council's membership ends first (a leaver weighing a council that leaves the
  // MoC in two months waits two, not six).
  double refusal_ends(std::size_t index, std::uint32_t authority, double t, double bar) const {
    return std::min({bar, rules_[index].until, sites_[index].member_until(authority, t)});
  }

  // Whether a refusing rule can end while another refusing rule is in force (or starts
  // that day): an agreement relaunched as a second rule from the day the first ends.
  // Only then can continued_refusal_end() move a refusal's end; most scenarios have no
  // such pair, and their leavers' reckoning skips it.
  bool refusals_can_continue() const { return refusals_can_continue_; }

  // When the refusals of a leaver at `authority`, by the rules of `refusing`, reckoned
  // to end at `end`, in fact end: where they ended because a rule did (its `until`,
  // the leaver's bar under it running on), a rule the leaver's history bars them by (a
  // bit of `barring`; their bar_end()s in `bars`) that is in force then and refuses
  // them takes the refusal on, and so on, to the first time none does. A relaunch
  // written as a new rule otherwise looked, to a leaver weighing agency work, like the
  // agreement's end. A refusal that ends with the bar or a membership ends there.
  double continued_refusal_end(const WorkerHistory& worker, const double* bars, std::uint32_t barring,
                               std::uint32_t refusing, std::uint32_t authority, double end) const;

  // The end of the bar rule `index` sets on this worker (RuleTerms::bar_end).
  double bar_end(std::size_t index, const WorkerHistory& worker) const {
    return rules_[index].terms->bar_end(worker, sites_[index]);
  }

  // check() for a worker whose bar_end(index, worker) is `bar`: a worker under a bar is
  // screened at every booking in the market, and the bar need not be worked out again.
  // Inline: it runs for every council a barred worker is weighed against.
  Verdict check(std::size_t index, const WorkerHistory& worker, double bar, std::uint32_t authority, double t) const {
    const AgencyRule& rule = rules_[index];
    Verdict v;
    if (!(t < bar) || !in_force(rule, t)) return v;
    if (!rule.terms->keeps_from(worker, authority)) return v;
    if (sites_[index].member(authority, t)) {
      v.refused = true;
      v.until = refusal_ends(index, authority, t, bar);
    } else if (sites_[index].leaks_to_non_members()) {
      v.leakage = true;  // a member's leaver engaged by a council outside the rule
    }
    return v;
  }

  // Workers fall into pay tiers by when they qualified: tier k qualified at or after
  // the k-th of the times from which some cap binds (caps_qualified_from), and before
  // the next. With no such cap there is one tier, 0, and every worker is in it.
  std::uint32_t pay_tiers() const { return static_cast<std::uint32_t>(tier_starts_.size()) + 1; }
  std::uint32_t pay_tier(double qualified_at) const {
    if (tier_starts_.empty()) return 0;  // the common case: no cap depends on the worker
    return static_cast<std::uint32_t>(std::upper_bound(tier_starts_.begin(), tier_starts_.end(), qualified_at) -
                                      tier_starts_.begin());
  }

  // The lowest caps binding an authority for a role at time t, on workers of a pay tier.
  AgencyCaps caps(const std::string& role, double permanent_pay_per_hour, std::uint32_t authority, double t,
                  std::uint32_t tier = 0) const;

  // Rule `index`'s membership periods, those that abut joined into one (by authority,
  // then start): what membership means, however the scenario wrote it.
  const std::vector<Membership>& periods(std::size_t index) const { return sites_[index].periods(); }

  // Every time at which a rule or a membership starts or ends, sorted, in (0, end).
  std::vector<double> change_times(double end) const;

 private:
  // Per rule: each authority's first membership period, indexed by authority, and any
  // further periods (rare: a council that leaves and rejoins) in one list. A membership
  // test, made several times for every screening of a worker under a bar, is then one
  // indexed load and two comparisons.
  struct Period {
    double from = kForever;  // empty until set
    double until = -kForever;
  };
  class Site final : public RuleSite {
   public:
    Site(const AgencyRule& rule, std::int64_t start_day, std::int64_t run_days);
    bool member(std::uint32_t authority, double t) const override {
      if (every_authority_) return true;
      if (authority < first_.size() && first_[authority].from <= t && t < first_[authority].until) return true;
      return !further_.empty() && member_later(authority, t);
    }
    double months_after(double t, int months) const override;
    bool leaks_to_non_members() const { return leaks_; }
    // Every membership period, those that abut joined into one, by authority and start.
    const std::vector<Membership>& periods() const { return joined_; }
    // The end of the membership period holding t (kForever for every authority's rule,
    // -kForever if none holds it).
    double member_until(std::uint32_t authority, double t) const {
      if (every_authority_) return kForever;
      if (authority < first_.size() && first_[authority].from <= t && t < first_[authority].until) {
        return first_[authority].until;
      }
      for (const Membership& m : further_) {
        if (m.authority == authority && m.from <= t && t < m.until) return m.until;
      }
      return -kForever;
    }

   private:
    bool member_later(std::uint32_t authority, double t) const;
    bool every_authority_ = false;
    bool leaks_ = false;  // RuleTerms::leaks_to_non_members, asked once
    std::vector<Period> first_;
    std::vector<Membership> further_;
    std::vector<Membership> joined_;
    // The end of a bar of the terms' calendar months begun on each day of the run.
    std::vector<double> month_ends_;
    int months_ = 0;
    std::int64_t start_day_ = 0;
  };
  std::vector<AgencyRule> rules_;
  std::vector<Site> sites_;          // parallel to rules_
  std::vector<double> tier_starts_;  // the distinct finite caps_qualified_from, sorted
  bool any_bars_newcomers_ = false;
  bool refusals_can_continue_ = false;
  double bars_and_bound(const WorkerHistory& worker, double* bars) const;
};

}  // namespace wfsim::model
