#pragma once
// A DeparturePool whose earliest departure is queued as one event of the simulator:
// the idle agency workers of a market, and the workers seeking permanent posts.

#include <cmath>
#include <cstdint>

#include "kernel/simulator.hpp"
#include "model/departure_pool.hpp"
#include "model/same_time_order.hpp"

namespace wfsim::model {

class TimedPool {
 public:
  // `type` is the event of the pool's earliest departure, delivered with `subject`.
  TimedPool(std::uint32_t type, std::uint32_t subject) : type_(type), subject_(subject) {}

  const DeparturePool& members() const { return pool_; }
  std::size_t size() const { return pool_.size(); }
  std::uint32_t operator[](std::size_t index) const { return pool_[index]; }
  void clear() { pool_.clear(); }

  // Adds a member who leaves at a constant hazard `rate_each` a day (never if 0).
  void join(kernel::Simulator& sim, std::uint32_t worker, double rate_each, kernel::RandomStream& stream) {
    const double leaves_at = rate_each > 0 ? sim.now() + exponential_delay(stream, rate_each) : kNever;
    if (pool_.add(worker, leaves_at)) reschedule(sim);
  }
  void take(kernel::Simulator& sim, std::size_t index) {
    if (pool_.erase_at(index)) reschedule(sim);
  }
  // The pool's departure event has fired: its earliest member leaves; returns them.
  std::uint32_t depart(kernel::Simulator& sim) {
    pool_.event = {};
    const std::size_t index = pool_.earliest();
    const std::uint32_t worker = pool_[index];
    take(sim, index);
    return worker;
  }
  // Empties the pool, cancelling its departure: returns who was in it, in order.
  std::vector<std::uint32_t> empty(kernel::Simulator& sim) {
    std::vector<std::uint32_t> members(pool_.begin(), pool_.end());
    sim.cancel(pool_.event);
    pool_.clear();
    return members;
  }

 private:
  static constexpr double kNever = std::numeric_limits<double>::infinity();
  void reschedule(kernel::Simulator& sim) {
    sim.cancel(pool_.event);
    pool_.event = {};
    if (std::isfinite(pool_.earliest_at())) {
      pool_.event = sim.schedule_at(pool_.earliest_at(), kPriorityDecision, type_, subject_);
    }
  }
  DeparturePool pool_;
  std::uint32_t type_;
  std::uint32_t subject_;
};

}  // namespace wfsim::model
