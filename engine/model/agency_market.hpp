#pragma once
// The region's agency market for each role name: agency workers available for
// bookings, the bookings waiting for one, the rate each council pays, and who is
// offered to whom. A market whose supply is unlimited always has someone eligible,
// from outside the region.
//
// Events: a new agency worker joins the market; an idle one leaves it; a rule stops
// refusing an idle worker.

#include <cstdint>
#include <functional>
#include <vector>

#include "model/fifo.hpp"
#include "model/model_core.hpp"
#include "model/timed_pool.hpp"

namespace wfsim::model {

class AgencyCover;
class EngagementRules;

class AgencyMarket {
 public:
  explicit AgencyMarket(ModelCore& core);
  void wire(AgencyCover& cover, EngagementRules& rules);
  void reset();
  // The market's position at the start: its idle workers, and its first joiner queued.
  void start(std::uint32_t market);

  // What each council pays per hour now, capped by the rules; and the order in which
  // councils are served when rates decide. Called when the rules change.
  void reprice();
  double rate_per_hour(std::uint32_t role) const { return rate_per_hour_[role]; }

  // A booking's delay has passed: an eligible worker for the post (taken out of the
  // market), or kNone, and the booking then waits for one.
  std::uint32_t find_for_booking(std::uint32_t post);
  void booking_withdrawn(std::uint32_t market) { --awaiting_supply_[market]; }
  // An agency worker free for bookings: offered to the councils waiting, else idle.
  void make_available(std::uint32_t worker);
  // A rule or membership changed: every idle worker is offered again.
  void reoffer_idle();

  const DeparturePool& idle(std::uint32_t market) const { return idle_[market].members(); }
  void audit(const std::function<void(const char*)>& fail) const;

 private:
  void on_join(std::uint32_t market);
  void on_leave(std::uint32_t market);
  void on_eligibility(std::uint32_t worker);
  void add_idle(std::uint32_t worker);
  void remove_idle(std::uint32_t worker);
  // Whether the worker may be engaged for the post; if not, they are looked at again
  // when the earliest refusal lapses.
  bool eligible(std::uint32_t worker, std::uint32_t post);
  bool has_waiting_booking(std::uint32_t role);  // drops cancelled entries from the front
  bool engage_waiting(std::uint32_t role, std::uint32_t worker);
  // The roles with a booking waiting, in the order the ranking strategy serves them.
  const std::vector<std::uint32_t>& serving_order(std::uint32_t market);

  ModelCore& core_;
  AgencyCover* cover_ = nullptr;
  EngagementRules* rules_ = nullptr;
  std::uint32_t join_event_, leave_event_, eligibility_event_;
  std::vector<TimedPool> idle_;               // per market, longest idle first
  std::vector<std::size_t> awaiting_supply_;  // per market: bookings waiting for a worker
  std::vector<kernel::EventHandle> next_join_;
  // Per market: its roles by the rate they pay, highest first (ties in scenario order).
  std::vector<std::vector<std::uint32_t>> rate_order_;
  std::vector<double> rate_per_hour_;      // per role, caps applied
  std::vector<Fifo<QueuedPost>> waiting_;  // per role, oldest first
  std::vector<std::uint32_t> scratch_roles_;
};

}  // namespace wfsim::model
