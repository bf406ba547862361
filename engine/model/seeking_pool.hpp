#pragma once
// The region's pool of workers seeking permanent posts, for each role name: newly
// qualified cohorts, returners, arrivals from outside, permanent leavers moving to
// another council and agency workers leaving agency work. Who applies where is a
// multinomial logit (docs/labour-market.md): a seeker chooses among the councils with
// posts waiting by pay (supplements included), travel and workload, or waits in the
// pool; a post that opens draws one of the seekers by how near they live, or nobody.
//
// Events: a returner or arrival joins; a cohort qualifies; a seeker leaves; a seeker
// who let posts pass looks at them again.

#include <cstdint>
#include <functional>
#include <vector>

#include "model/model_core.hpp"
#include "model/timed_pool.hpp"
#include "model/travel_weights.hpp"
#include "model/weighted_draw.hpp"

namespace wfsim::model {

class Levers;
class Recruitment;

class SeekingPool {
 public:
  explicit SeekingPool(ModelCore& core);
  void wire(Recruitment& recruitment, const Levers& levers) {
    recruitment_ = &recruitment;
    levers_ = &levers;
  }
  void reset();
  // The pool's first arrival and first cohort, queued at the start.
  void start(std::uint32_t market);

  // The worker seeks a permanent post: one waiting now, or a place in the pool.
  void seek(std::uint32_t worker);
  // Whether the worker's market has a council they may apply to: a seeker never applies
  // to the council whose permanent post they last left, so in a market of one council
  // its own former staff would wait in the pool for no post.
  bool may_apply_somewhere(std::uint32_t worker) const;
  // The same of another market (a neighbouring region's the worker might move to).
  bool may_apply_in(std::uint32_t worker, std::uint32_t market) const;
  // A recruitment opened: a seeker who may take it, drawn by how near they live against
  // waiting for another, becomes its applicant (false if none does).
  bool offer_post(std::uint32_t post);
  std::size_t size() const;                                                         // every market's
  std::size_t size(std::uint32_t market) const { return seeking_[market].size(); }  // one market's
  // Every seeker waiting in a pool either has a review to come or has no post open to
  // them waiting (seekers are looked at when a post opens, and review only when they
  // let one pass): none is left waiting unseen beside a post they may take.
  void audit(const std::function<void(const char*)>& fail) const;
  // A worker about to leave the region's market (out of the pool, or a permanent
  // leaver whose region has no place for their destination) may seek in a
  // neighbouring region's pool instead: true if they do, counted as a move from
  // `from_category`.
  bool move_to_other_region(std::uint32_t worker, std::uint32_t from_category);

 private:
  void on_arrival(std::uint32_t market);
  void on_cohort(std::uint32_t market);
  void on_leave(std::uint32_t market);
  void on_review(std::uint32_t worker);
  void join(std::uint32_t worker);
  // A seeker who let open posts pass looks at them again after a review interval (or
  // sooner, if a review was already due sooner).
  void review_later(std::uint32_t worker);
  // exp of the utility of a permanent post at `role`: its pay (with supplements), its
  // council's workload and appeal to seekers; travel_weight(home, authority) adds the
  // seeker's journey.
  double post_weight(std::uint32_t role) const;
  double travel_weight(std::uint32_t home, std::uint32_t authority) const;
  // A seeker weighs every council of their market: the post weights there, kept until
  // pay or the workloads change (once a month at most). The same doubles as
  // post_weight(). (A table of travel weights from every home as well saved
  // instructions but added cache misses.)
  struct MarketWeights {
    std::uint64_t pay_changes = UINT64_MAX, workload_changes = UINT64_MAX;
    std::vector<double> post_weight;  // per council of the market
  };
  const MarketWeights& weights_of(std::uint32_t market);

  ModelCore& core_;
  Recruitment* recruitment_ = nullptr;
  const Levers* levers_ = nullptr;
  WeightedDraw draw_;
  const TravelWeights travel_weights_;
  double wait_weight_ = 1;  // exp of the utility of waiting in the pool (fixed for the run)
  std::uint32_t arrival_event_, cohort_event_, leave_event_, review_event_;
  std::vector<TimedPool> seeking_;      // per market, longest waiting first
  std::vector<MarketWeights> weights_;  // per market (weights_of)
  std::vector<kernel::EventHandle> next_arrival_, next_cohort_;
};

}  // namespace wfsim::model
