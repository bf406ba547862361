#pragma once
// The agency rules in force over the run (a MoC's cooling-off, the national rules,
// experience thresholds, rate caps): screening a worker for a booking, counting the
// engagements they refuse and the leakage to non-members, and keeping with each worker
// the bars their history sets.
//
// Events: a rule or membership starts or ends.

#include <cstdint>
#include <functional>
#include <vector>

#include "model/departure_pool.hpp"
#include "model/model_core.hpp"
#include "model/rule_book.hpp"

namespace wfsim::model {

class AgencyCover;
class AgencyMarket;

struct Screening {
  bool refused = false;
  double until = kForever;  // if refused: when the earliest refusal lapses
};

class EngagementRules {
 public:
  explicit EngagementRules(ModelCore& core);
  void wire(AgencyMarket& market, AgencyCover& cover);
  void reset();
  // Queues the first rule change, and at time 0 the transition of a rule whose
  // existing_from is on or before the start: the assignments in post at the start must
  // comply with it from the outset.
  void start();

  const RuleBook& book() const { return book_; }
  // The worker's pay tier (RuleBook::pay_tier): which caps bind their agency pay. Their
  // history is read only when some cap depends on when a worker qualified.
  std::uint32_t pay_tier(std::uint32_t worker) const {
    return book_.pay_tiers() == 1 ? 0 : book_.pay_tier(core_.store.worker(worker).history.qualified_at);
  }
  // Works out again what the rules make of a worker's history, after it changed.
  void note_history(std::uint32_t worker) {
    // The bars grow with the workers' capacity and are kept across replications: a
    // worker's bars are read only while this has written them.
    const std::size_t rules = book_.rules().size();
    if (bars_.size() < (std::size_t{worker} + 1) * rules) bars_.resize(core_.store.worker_capacity() * rules);
    Worker& w = core_.store.worker(worker);
    w.may_be_refused_until = book_.may_refuse_until(w.history, bars_.data() + std::size_t{worker} * rules);
  }
  // Whether the rules let the post's council engage the worker now. Counts nothing: a
  // worker screened for a booking they would not have chosen was not stopped by a rule.
  Screening screen(std::uint32_t worker, std::uint32_t post) const {
    // Most workers are past every bar their history set: no rule can refuse them, and
    // no engagement of theirs is leakage. Inline, as the market screens every idle
    // worker for a booking.
    if (!may_refuse_now(worker)) return Screening{};
    return screen_under_bar(worker, post);
  }
  // Whether any rule may still refuse the worker anywhere: if not, screen() passes them
  // for every post, and a caller screening one worker for many posts asks this once.
  bool may_refuse_now(std::uint32_t worker) const {
    return core_.now() < core_.store.worker(worker).may_be_refused_until;
  }
  // A choice fell on an engagement the rules refuse (the worker would have taken the
  // post's booking): counted once per worker per period, for each rule and each council.
  void count_refusal(std::uint32_t worker, std::uint32_t post);
  // The post's council engages the worker: leakage, if it is a non-member engaging a
  // worker a rule keeps from the members.
  void count_engagement(std::uint32_t worker, std::uint32_t post);
  // Adds to barred[a] the idle workers of a market that council a may not engage at
  // time `now`; returns how many of them some council may not engage.
  int count_barred(const DeparturePool& idle, const MarketInfo& market, double now, std::vector<int>& barred) const;
  double refused_by_rule(std::size_t rule) const { return refused_by_rule_[rule]; }
  // A new period: refusals are counted afresh.
  void end_period();
  void audit(const std::function<void(const char*)>& fail) const;

 private:
  // `subject` is kScheduledChange, or kStartTransition for the transition at time 0.
  void on_change(std::uint32_t subject);
  // The running assignments a rule would refuse, for the rules whose transition is
  // today (or, at the start, was on or before it), into ending_; then ended, in a
  // drawn order.
  void find_refused_assignments(bool at_start);
  void end_refused_assignments();
  // Into changed_markets_: the markets whose choices a change now may alter, whose
  // idle workers are offered the waiting bookings again. At the start (a transition on
  // or before it that ended some assignment): every member's. At a change: where a
  // refusing rule or membership ending frees an idle worker it refused just before
  // (mark_refusals_ending), where a transition ends an assignment (ending_, found
  // first), and where a cap prices a role differently (after AgencyMarket::reprice()).
  // A rule or membership starting only refuses more, and one binding nobody frees
  // nobody: neither reaches any market, so the run is as it would be without it.
  void find_changed_markets(bool at_start);
  void mark_refusals_ending(std::size_t index);
  static constexpr std::uint32_t kScheduledChange = 0, kStartTransition = 1;
  const double* bars(std::uint32_t worker) const { return bars_.data() + std::size_t{worker} * book_.rules().size(); }
  std::uint32_t* refusal_marks(std::uint32_t worker);  // the worker's row of this period's flags
  Screening screen_under_bar(std::uint32_t worker, std::uint32_t post) const;

  ModelCore& core_;
  AgencyMarket* market_ = nullptr;
  AgencyCover* cover_ = nullptr;
  std::uint32_t change_event_;
  RuleBook book_;
  std::vector<double> changes_;
  std::size_t next_change_ = 0;
  // Per worker, per rule: RuleBook::bar_end of their history, kept with it (see
  // note_history), so screening a worker under a bar does not work the bar out again.
  // Read and kept only while the worker's may_be_refused_until is above -infinity.
  std::vector<double> bars_;
  std::vector<double> refused_by_rule_;  // this period
  // This period's refusals, one row per worker refused: the worker, then a flag per
  // rule and per council whose refusal of them has been counted. Emptied each period.
  std::vector<std::uint32_t> refusal_rows_;
  std::vector<std::uint32_t> ending_;  // posts whose assignment a transition ends today
  std::vector<char> changed_markets_;  // per market: whether the change now may alter its choices
};

std::uint32_t ModelCore::new_worker(std::uint32_t market, double experience_days) {
  const std::uint32_t worker = store.add_worker(market, now() - experience_days);
  rules->note_history(worker);
  return worker;
}

}  // namespace wfsim::model
