#pragma once
// Agency workers joining each finite agency market from outside the region: a Poisson
// stream whose rate answers what the region's councils pay against agency work
// elsewhere (the market's supply_elasticity), each joiner then free for bookings
// (AgencyMarket::make_available). Split from the market, which matches free workers
// and bookings, because who joins and when is a concept of its own with state of its
// own: the pending joiner, the rate it was drawn at, and each pay tier's chance to join.
//
// Events: a new agency worker joins the market.

#include <cstdint>
#include <vector>

#include "model/agency_prices.hpp"
#include "model/model_core.hpp"

namespace wfsim::model {

class AgencyMarket;
class EngagementRules;

class AgencyJoiners {
 public:
  // `prices` is the market's (AgencyMarket::prices), read when the joining rate is
  // worked out again (update).
  AgencyJoiners(ModelCore& core, const AgencyPrices& prices);
  void wire(AgencyMarket& market, EngagementRules& rules);
  void reset();
  // The market's first joiner queued, at the start's rate (the start's repricing has
  // set it).
  void start(std::uint32_t market);
  // Each finite market's joining rate worked out again from its pay (called whenever
  // the prices change), the pending joiner's wait rescaled (memoryless: no draw).
  void update();

 private:
  // The best-paid tier's pay factor, and each tier's chance of being kept (keep_).
  double joining_factor(std::uint32_t market);
  // Whether a would-be joiner of this experience joins (the thinning's draw).
  bool joins(std::uint32_t market, double experience);
  void on_join(std::uint32_t market);
  void schedule(std::uint32_t market);

  ModelCore& core_;
  const AgencyPrices& prices_;
  AgencyMarket* market_ = nullptr;
  EngagementRules* rules_ = nullptr;
  std::uint32_t join_event_;
  std::vector<kernel::EventHandle> next_;  // per market: the pending joiner
  std::vector<double> next_at_;            // per market: when the pending joiner is due (kept for a change of rate)
  std::vector<double> paused_work_;        // per market, at a rate of 0: the pending joiner's wait at rate 1 (or -1)
  std::vector<double> rate_;               // per market, per day: would-be joiners, at the best tier's pay
  std::vector<double> keep_;               // per market and pay tier: a drawn joiner's chance to join (several tiers)
  std::vector<char> started_;              // per market: start() has run, and with it the joiners
};

}  // namespace wfsim::model
