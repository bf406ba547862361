#pragma once
// The region's pool of workers seeking permanent posts, for each role name: newly
// qualified cohorts, returners, arrivals from outside, and permanent leavers moving to
// another council. A seeker is offered to a recruitment waiting for an applicant, or
// waits until one opens or they leave.
//
// Events: a returner or arrival joins; a cohort qualifies; a seeker leaves.

#include <cstdint>
#include <vector>

#include "model/model_core.hpp"
#include "model/timed_pool.hpp"

namespace wfsim::model {

class Recruitment;

class SeekingPool {
 public:
  explicit SeekingPool(ModelCore& core);
  void wire(Recruitment& recruitment) { recruitment_ = &recruitment; }
  void reset();
  // The pool's first arrival and first cohort, queued at the start.
  void start(std::uint32_t market);

  // The worker seeks a permanent post: one waiting now, or a place in the pool.
  void seek(std::uint32_t worker);
  // A recruitment opened: the first seeker who may take it becomes its applicant.
  bool offer_post(std::uint32_t post);
  std::size_t size() const;

 private:
  void on_arrival(std::uint32_t market);
  void on_cohort(std::uint32_t market);
  void on_leave(std::uint32_t market);
  void join(std::uint32_t worker);
  // The role whose waiting post the worker is offered, by the ranking strategy, or kNone.
  std::uint32_t best_role_for(const Worker& w);

  ModelCore& core_;
  Recruitment* recruitment_ = nullptr;
  std::uint32_t arrival_event_, cohort_event_, leave_event_;
  std::vector<TimedPool> seeking_;  // per market, longest waiting first
  std::vector<kernel::EventHandle> next_arrival_, next_cohort_;
};

}  // namespace wfsim::model
