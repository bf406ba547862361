#pragma once
// The region's agency market for each role name: the agency workers available for
// bookings and the bookings waiting for one, what each council pays and what its
// workers earn, and who goes where. A market whose supply is unlimited always has
// someone eligible, from outside the region.
//
// Who goes where is a multinomial logit (docs/labour-market.md), never list order: a
// booking that reaches the market is taken by one of the eligible idle workers, drawn
// by how near they live, or by nobody if none wants it at its pay; a worker who
// becomes free chooses among the councils with bookings waiting by pay, travel and
// workload, or stays idle. Agency workers have careers: an assignment that ends sends
// the worker back to the market, or out of agency work.
//
// Events: an idle agency worker leaves the market; an idle one looks at the bookings
// again (a rule stops refusing them, or they review). Joiners: AgencyJoiners.

#include <cstdint>
#include <functional>
#include <vector>

#include "model/agency_joiners.hpp"
#include "model/agency_prices.hpp"
#include "model/fifo.hpp"
#include "model/model_core.hpp"
#include "model/timed_pool.hpp"
#include "model/travel_weights.hpp"
#include "model/weighted_draw.hpp"

namespace wfsim::model {

class AgencyCover;
class EngagementRules;
class SeekingPool;

class AgencyMarket {
 public:
  explicit AgencyMarket(ModelCore& core);
  void wire(AgencyCover& cover, EngagementRules& rules, SeekingPool& seeking);
  void reset();
  // The market's position at the start: its idle workers, and its first joiner queued.
  void start(std::uint32_t market);

  // What each council pays an hour now, and what its agency workers earn, with the
  // rules' caps applied; the joining rate each market's pay draws. Called at the start
  // and whenever the rules change.
  void reprice();
  // Each role's rates and pay weights as they stand (what reprice() worked out).
  const AgencyPrices& prices() const { return prices_; }

  // A booking's delay has passed: an eligible worker for the post (taken out of the
  // market), or kNone, and the booking then waits in the market for one (the caller,
  // which owns the post's booking stage, marks it awaiting supply).
  std::uint32_t find_for_booking(std::uint32_t post);
  // The post's booking, waiting in the market, is filled or cancelled (called while the
  // post still shows it waiting).
  void booking_withdrawn(std::uint32_t post);
  // An agency worker free for bookings: they take one that waits, or stay idle.
  void make_available(std::uint32_t worker);
  // The worker's assignment at `authority` has ended: another assignment, or out of
  // agency work (to a permanent post in the region, or away).
  void assignment_ended(std::uint32_t worker, std::uint32_t authority);
  // A rule or membership changed. Everyone free at that instant in the markets it
  // reaches is offered the waiting bookings together, in an order drawn from each
  // market's same_time_order stream: gather_free() takes the idle workers of the
  // markets flagged in `markets` out of their lists, every worker made available until
  // offer_gathered() (those whose assignments the change ends) joins them, and
  // offer_gathered() then offers them all. Neither the idle list's order (longest idle
  // first) nor which group the change freed first decides who is served.
  void gather_free(const std::vector<char>& markets);
  void offer_gathered();

  const DeparturePool& idle(std::uint32_t market) const { return idle_[market].members(); }
  void audit(const std::function<void(const char*)>& fail) const;

 private:
  void on_leave(std::uint32_t market);
  void on_review(std::uint32_t worker);
  // Offers the bookings to the idle workers whose reviews fell at this instant.
  void offer_reviewed();
  // Where an idle worker leaving market m goes: a neighbouring region's market, or
  // kNothing (out of agency work).
  std::uint32_t neighbouring_market(std::uint32_t m, std::uint32_t tier);
  void add_idle(std::uint32_t worker);
  void remove_idle(std::uint32_t worker);
  // Whether the worker may be engaged for the post; if not, they are looked at again
  // when the earliest refusal lapses.
  bool eligible(std::uint32_t worker, std::uint32_t post);
  // An idle worker who let bookings pass looks at them again after a review interval
  // (or sooner, if a review was already due sooner).
  void review_later(std::uint32_t worker, kernel::RandomStream& stream);
  // Drops the stale entries at the front of a queue (queue_of) that holds live ones.
  void settle_front(std::size_t queue);
  // Engages the worker in the oldest booking of one queue (queue_of).
  void engage_waiting(std::uint32_t queue, std::uint32_t worker);
  // A council's waiting bookings are queued by contract, on (0) and off (1), so that a
  // free worker weighs each kind at its own pay and takes the oldest of the kind chosen.
  static std::size_t queue_of(std::uint32_t role, bool off_contract) { return 2 * std::size_t{role} + off_contract; }
  // The post of a live waiting booking of the role (the rules depend on the council,
  // not the post, so any stands for them all).
  std::uint32_t a_waiting_post(std::uint32_t role) const {
    return waiting_[queue_of(role, waiting_at_[role].count[0] == 0)].front().post;
  }
  // exp of the utility of working at `role` for a worker of a pay tier
  // (RuleBook::pay_tier), apart from the idiosyncratic term, the bookings' number and
  // travel (times travel_weights_ of the journey from the worker's home): pay x workload.
  double pay_and_workload(std::uint32_t role, bool off_contract, std::uint32_t tier) const {
    return prices_.pay_weight(role, off_contract, tier) * core_.workload_weight[core_.roles[role].authority];
  }
  // pay_and_workload at every council of market m for a worker of a pay tier: two per
  // council (on the supplier contract, then off it), in the market's order. A free worker weighs every council with
  // bookings waiting, a few hundred thousand times a replication, while the prices and workloads behind it change once
  // a month at most: it is worked out when first asked for after a change. Kept this small (a row a tier, travel looked
  // up in the role table's byte matrix), it adds fewer cache misses than it saves: a row for every home as well added
  // more.
  const double* market_pay_and_workload(std::uint32_t m, std::uint32_t tier) {
    MarketAppeals& kept = appeals_[m];
    if (tier < kept.prices_version.size() && kept.prices_version[tier] == prices_.version() &&
        kept.workload_changes[tier] == core_.workload_changes) {
      return kept.base.data() + std::size_t{tier} * 2 * core_.roles.market(m).roles.size();
    }
    return refresh_market_pay_and_workload(m, tier);
  }
  const double* refresh_market_pay_and_workload(std::uint32_t m, std::uint32_t tier);

  ModelCore& core_;
  AgencyCover* cover_ = nullptr;
  EngagementRules* rules_ = nullptr;
  SeekingPool* seeking_ = nullptr;
  std::uint32_t leave_event_, review_event_;
  std::vector<TimedPool> idle_;                       // per market, longest idle first
  std::vector<std::vector<std::uint32_t>> gathered_;  // per market, between gather_free and offer_gathered
  std::vector<std::uint32_t> reviewing_;              // idle workers whose reviews fall at this instant, until the last
  bool gathering_ = false;
  std::vector<std::size_t> awaiting_supply_;  // per market: bookings waiting for a worker
  AgencyPrices prices_;
  AgencyJoiners joiners_;  // after prices_, which it reads
  // A booking waiting for supply: its post and the post's booking serial when queued.
  // Its contract is the queue's (queue_of). Eight bytes, as a recruitment queue's entry.
  struct QueuedBooking {
    std::uint32_t post;
    std::uint32_t serial;
  };
  // Whether a queue entry's booking still waits (else it was filled or cancelled since,
  // and the post may have been booked again under a new serial).
  bool live(const QueuedBooking& q) const {
    const Post& p = core_.store.post(q.post);
    return p.booking == BookingStage::awaiting_supply && p.booking_serial == q.serial;
  }
  // Per role and contract (queue_of), oldest first; a queue's front live while any is:
  // a queue whose count falls to 0 is emptied, and stale entries that reach the front
  // are dropped then (settle_front), not when a free worker next looks.
  std::vector<Fifo<QueuedBooking>> waiting_;
  // What a free worker weighs of each council's waiting bookings: how many are live on
  // each contract. Kept side by side, 8 bytes a council, because a free worker weighs
  // every council of the market: reading each queue instead cost a likely cache miss a
  // council. (Until 2026-12-05 a council's bookings were all weighed at the contract of
  // its oldest, so which kind happened to be oldest set the pull of all of them.)
  struct WaitingAt {
    std::uint32_t count[2] = {0, 0};  // on contract, off contract
    std::uint32_t total() const { return count[0] + count[1]; }
  };
  std::vector<WaitingAt> waiting_at_;  // per role
  WeightedDraw draw_, barred_;         // a choice's allowed and barred alternatives
  // Per market: market_pay_and_workload's rows, one a pay tier, each with the prices'
  // version and the workloads' count it was worked out at.
  struct MarketAppeals {
    std::vector<std::uint64_t> prices_version, workload_changes;  // per pay tier
    std::vector<double> base;                                     // per pay tier, then council: 2 each
  };
  std::vector<MarketAppeals> appeals_;
  const TravelWeights travel_weights_;
  double idle_weight_ = 1;  // exp of the utility of staying idle (fixed for the run)
};

}  // namespace wfsim::model
