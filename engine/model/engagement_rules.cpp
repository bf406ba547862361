#include "model/engagement_rules.hpp"

#include <algorithm>
#include <cmath>

#include "model/agency_cover.hpp"
#include "model/agency_market.hpp"
#include "model/same_time_order.hpp"
#include "model/workforce_store.hpp"

namespace wfsim::model {

EngagementRules::EngagementRules(ModelCore& core)
    : core_(core),
      change_event_(core.routes.add<&EngagementRules::on_change>(*this, "an agency rule or membership changing")),
      book_(core.parameters.rules, core.parameters.start_day, core.parameters.end_day - core.parameters.start_day),
      changes_(book_.change_times(static_cast<double>(core.parameters.end_day - core.parameters.start_day))),
      refused_by_rule_(core.parameters.rules.size(), 0.0) {}

void EngagementRules::wire(AgencyMarket& market, AgencyCover& cover) {
  market_ = &market;
  cover_ = &cover;
}

void EngagementRules::reset() {
  next_change_ = 0;
  end_period();
}

void EngagementRules::start() {
  if (!changes_.empty()) core_.sim.schedule_at(changes_[0], kPriorityRuleChange, change_event_, kScheduledChange);
  // A transition dated on or before the start is not a change within the run
  // (change_times keeps those after it), but the assignments the start places must
  // still comply: every one the rule would refuse ends at time 0.
  const auto& rules = book_.rules();
  if (std::any_of(rules.begin(), rules.end(), [](const AgencyRule& r) { return r.existing_from <= 0; })) {
    core_.sim.schedule_at(0, kPriorityRuleChange, change_event_, kStartTransition);
  }
}

void EngagementRules::end_period() {
  std::fill(refused_by_rule_.begin(), refused_by_rule_.end(), 0.0);
  refusal_rows_.clear();
}

Screening EngagementRules::screen_under_bar(std::uint32_t worker, std::uint32_t post) const {
  const Worker& w = core_.store.worker(worker);
  const std::uint32_t authority = core_.role_of(core_.store.post(post)).authority;
  const double* worker_bars = bars(worker);
  Screening verdict;
  for (std::size_t i = 0; i < book_.rules().size(); ++i) {
    const Verdict v = book_.check(i, w.history, worker_bars[i], authority, core_.now());
    if (v.refused) {
      verdict.refused = true;
      verdict.until = std::min(verdict.until, v.until);
    }
  }
  return verdict;
}

void EngagementRules::count_refusal(std::uint32_t worker, std::uint32_t post) {
  const Worker& w = core_.store.worker(worker);
  const std::uint32_t authority = core_.role_of(core_.store.post(post)).authority;
  const std::size_t rules = book_.rules().size();
  // Once per worker per period, for each rule and each council, however often their
  // choices fall on that council: the measures then read as "workers stopped".
  std::uint32_t* marks = refusal_marks(worker);
  for (std::size_t i = 0; i < rules; ++i) {
    if (marks[i] || !book_.check(i, w.history, bars(worker)[i], authority, core_.now()).refused) continue;
    marks[i] = 1;
    refused_by_rule_[i] += 1;
  }
  if (!marks[rules + authority]) {
    marks[rules + authority] = 1;
    core_.tallies[authority][Measure::agency_engagements_refused] += 1;
  }
}

void EngagementRules::count_engagement(std::uint32_t worker, std::uint32_t post) {
  const Worker& w = core_.store.worker(worker);
  if (core_.now() >= w.may_be_refused_until) return;  // no rule keeps them from anyone
  const std::uint32_t authority = core_.role_of(core_.store.post(post)).authority;
  for (std::size_t i = 0; i < book_.rules().size(); ++i) {
    if (book_.check(i, w.history, bars(worker)[i], authority, core_.now()).leakage &&
        book_.keeps_from_a_member(i, w.history, static_cast<std::uint32_t>(core_.tallies.size()), core_.now())) {
      core_.tallies[authority][Measure::agency_leakage] += 1;
      return;
    }
  }
}

std::uint32_t* EngagementRules::refusal_marks(std::uint32_t worker) {
  // Rows live only for the period (the table is emptied at each period end and when the
  // warm-up ends), and a worker whose row index points into a later period's rows finds
  // another worker's id there.
  const std::size_t stride = 1 + book_.rules().size() + core_.tallies.size();
  Worker& w = core_.store.worker(worker);
  if (w.refusal_row == kNone || std::size_t{w.refusal_row} * stride >= refusal_rows_.size() ||
      refusal_rows_[std::size_t{w.refusal_row} * stride] != worker) {
    w.refusal_row = static_cast<std::uint32_t>(refusal_rows_.size() / stride);
    refusal_rows_.push_back(worker);
    refusal_rows_.resize(refusal_rows_.size() + stride - 1, 0);
  }
  return refusal_rows_.data() + std::size_t{w.refusal_row} * stride + 1;
}

int EngagementRules::count_barred(const DeparturePool& idle, const MarketInfo& market, double now,
                                  std::vector<int>& barred) const {
  int anywhere_count = 0;
  for (const std::uint32_t worker : idle) {
    const Worker& w = core_.store.worker(worker);
    if (now >= w.may_be_refused_until) continue;  // no rule can bar them
    bool anywhere = false;
    for (const std::uint32_t r : market.roles) {
      const std::uint32_t a = core_.roles[r].authority;
      for (std::size_t i = 0; i < book_.rules().size(); ++i) {
        if (book_.check(i, w.history, bars(worker)[i], a, now).refused) {
          barred[a] += 1;
          anywhere = true;
          break;
        }
      }
    }
    anywhere_count += anywhere ? 1 : 0;
  }
  return anywhere_count;
}

void EngagementRules::on_change(std::uint32_t subject) {
  if (subject == kStartTransition) {
    // Nothing changes at the start but which assignments may run. If the transition
    // ends none (a cooling-off, which no initial placement's history can bar), nothing
    // at all happens, and no draw is taken; otherwise those freed are offered the
    // waiting bookings together with the idle workers, as at a change.
    find_refused_assignments(true);
    if (ending_.empty()) return;
    find_changed_markets(true);
    market_->gather_free(changed_markets_);
    end_refused_assignments();
    market_->offer_gathered();
    return;
  }
  if (++next_change_ < changes_.size()) {
    core_.sim.schedule_at(changes_[next_change_], kPriorityRuleChange, change_event_, kScheduledChange);
  }
  // Rate caps may have started or ended: reprice every agency worker in post. A rule or
  // membership that ended may free idle workers for waiting bookings, and a transition
  // that ends today frees the workers whose assignments it ends: all of them are free
  // at this instant, so they are offered the waiting bookings together. Only in the
  // markets the change reaches: offering every market's idle workers again took draws
  // in regions no rule touched, so a rule of the West Midlands moved London's results.
  market_->reprice();
  cover_->reprice_posts();
  find_refused_assignments(false);
  find_changed_markets(false);
  market_->gather_free(changed_markets_);
  end_refused_assignments();
  market_->offer_gathered();
}

void EngagementRules::find_refused_assignments(bool at_start) {
  // Rules whose transition ends today: every assignment running that one of them would
  // refuse ends, as an assignment ending does (the worker looks for another they may
  // take, or leaves agency work; the post books again). Found first, then ended in a
  // drawn order, so that no council's refused workers go back to the market first.
  ending_.clear();
  const double now = core_.now();
  for (std::size_t i = 0; i < book_.rules().size(); ++i) {
    const double transition = book_.rules()[i].existing_from;
    if (at_start ? !(transition <= now) : transition != now) continue;
    for (std::uint32_t post = 0; post < core_.store.post_count(); ++post) {
      const Post& p = core_.store.post(post);
      if (p.agency_worker == kNone) continue;
      const Worker& w = core_.store.worker(p.agency_worker);
      // From an unlimited supply, someone eligible always comes: no rule but a rate
      // cap applies to them (docs/model.md), so none is ended.
      if (now >= w.may_be_refused_until || !core_.roles.market(w.market).finite()) continue;
      const std::uint32_t authority = core_.role_of(p).authority;
      if (book_.check(i, w.history, bars(p.agency_worker)[i], authority, now).refused) ending_.push_back(post);
    }
  }
  std::sort(ending_.begin(), ending_.end());
  ending_.erase(std::unique(ending_.begin(), ending_.end()), ending_.end());
}

void EngagementRules::find_changed_markets(bool at_start) {
  changed_markets_.assign(core_.roles.markets().size(), 0);
  if (at_start) {
    // The start's transitions, which ended some assignment (on_change): every member's
    // market, the idle offered the bookings with the workers freed.
    std::vector<char> member(core_.roles.authorities(), 0);
    for (std::size_t i = 0; i < book_.rules().size(); ++i) {
      const AgencyRule& rule = book_.rules()[i];
      if (!(rule.existing_from <= core_.now())) continue;
      if (rule.every_authority) std::fill(member.begin(), member.end(), 1);
      for (const Membership& m : book_.periods(i)) member[m.authority] = 1;
    }
    for (const RoleInfo& role : core_.roles.roles()) {
      if (member[role.authority]) changed_markets_[role.market] = 1;
    }
    return;
  }
  // A rule or membership starting only refuses more: it frees nobody. One ending frees
  // the idle workers it refused just before, where it refused any.
  for (std::size_t i = 0; i < book_.rules().size(); ++i) mark_refusals_ending(i);
  // A transition frees the workers whose assignments it ends (ending_, found first):
  // the idle of their markets are offered the bookings with them. One that ends none
  // changes nothing, as at the start.
  for (const std::uint32_t post : ending_) {
    changed_markets_[core_.store.worker(core_.store.post(post).agency_worker).market] = 1;
  }
  // A cap that starts or ends changes what idle workers weigh where it prices a role
  // differently; one above every rate prices none, and changes nothing.
  for (std::uint32_t r = 0; r < core_.roles.size(); ++r) {
    if (market_->prices().changed(r)) changed_markets_[core_.roles[r].market] = 1;
  }
}

void EngagementRules::mark_refusals_ending(std::size_t index) {
  const AgencyRule& rule = book_.rules()[index];
  if (!rule.terms->refuses_engagements()) return;
  const double now = core_.now();
  // The councils at which the rule stops refusing now: every member as it ends, or
  // those whose membership ends.
  std::vector<char> ending(core_.roles.authorities(), 0);
  bool any = false;
  if (rule.until == now) {
    if (rule.every_authority) std::fill(ending.begin(), ending.end(), 1);
    for (const Membership& m : book_.periods(index)) ending[m.authority] = 1;
    any = true;
  }
  for (const Membership& m : book_.periods(index)) {
    if (m.until != now) continue;
    ending[m.authority] = 1;
    any = true;
  }
  if (!any) return;
  const double before = std::nextafter(now, -kForever);
  for (std::uint32_t market = 0; market < changed_markets_.size(); ++market) {
    if (changed_markets_[market]) continue;
    const std::vector<std::uint32_t>& roles = core_.roles.market(market).roles;
    for (const std::uint32_t worker : market_->idle(market)) {
      const Worker& w = core_.store.worker(worker);
      if (before >= w.may_be_refused_until) continue;  // no rule could bar them
      const bool refused = std::any_of(roles.begin(), roles.end(), [&](std::uint32_t r) {
        const std::uint32_t a = core_.roles[r].authority;
        return ending[a] != 0 && book_.check(index, w.history, bars(worker)[index], a, before).refused;
      });
      if (refused) {
        changed_markets_[market] = 1;
        break;
      }
    }
  }
}

void EngagementRules::end_refused_assignments() {
  if (ending_.empty()) return;
  shuffle(std::span(ending_), core_.streams.model(Process::transition_order));
  for (const std::uint32_t post : ending_) {
    if (core_.store.post(post).agency_worker != kNone) cover_->end_assignment(post);
  }
}

void EngagementRules::audit(const std::function<void(const char*)>& fail) const {
  // Bars are worked out when the history changes at a departure; only a permanent
  // worker's history (redundancy, drawn at notice) changes before that. They are kept
  // only for workers some rule might refuse.
  for (std::uint32_t id = 0; id < core_.store.worker_slots(); ++id) {
    const Worker& w = core_.store.worker(id);
    if (w.state == WorkerState::gone || w.state == WorkerState::permanent || w.may_be_refused_until == -kForever) {
      continue;
    }
    for (std::size_t i = 0; i < book_.rules().size(); ++i) {
      if (bars(id)[i] != book_.bar_end(i, w.history)) fail("a worker's rule bars are out of date");
    }
  }
}

}  // namespace wfsim::model
