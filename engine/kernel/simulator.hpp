#pragma once
// The simulation clock and its event queue: the whole discrete-event kernel.
//
// The kernel knows nothing of the model. A model is any object with a method
// `void handle(const kernel::Event&)`; run_until() hands it each event in order.
// Dispatch is a template call rather than a virtual one or a std::function because it
// sits on the hottest path of every replication.

#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "kernel/event_queue.hpp"

namespace wfsim::kernel {

// Thrown by run_until() when the flag given to set_stop() is raised: the run is to end
// now, between two events, and its state is abandoned.
class Stopped : public std::runtime_error {
 public:
  Stopped() : std::runtime_error("stopped between two events") {}
};

// Thrown by run_until() when events come faster than the pace set by set_pace_limit():
// a model whose input makes events without bound, or without end at one instant.
class TooFast : public std::runtime_error {
 public:
  TooFast(std::uint64_t events, double span)
      : std::runtime_error(std::to_string(events) + " events within " + std::to_string(span) + " time units"),
        events_(events),
        span_(span) {}
  std::uint64_t events() const { return events_; }
  double span() const { return span_; }

 private:
  std::uint64_t events_;
  double span_;
};

class Simulator {
 public:
  // A flag that, once raised (Ctrl-C, SIGTERM), stops run_until() within some 4,096
  // events: a replication that input has made enormous (a joining rate of millions a
  // year) must not keep a process deaf to a stop for minutes.
  void set_stop(const std::atomic<bool>* stop) { stop_ = stop; }

  // At most this many events a time unit, judged over each run of kPaceWindow events:
  // past it, run_until() throws TooFast. A run at one instant that never ends (each
  // event scheduling the next at no delay) is caught so too. Infinite by default.
  void set_pace_limit(double events_per_time) { pace_limit_ = events_per_time; }
  static constexpr std::uint64_t kPaceWindow = std::uint64_t{1} << 20;

  Time now() const { return now_; }
  std::uint64_t events_processed() const { return events_processed_; }

  // Events later than the horizon can never run, so they are not queued at all: the
  // handle says "pending" for ever and cancelling it is a no-op. This keeps far-future
  // events (decades away, then cancelled) from swelling the heap.
  void set_horizon(Time horizon) { horizon_ = horizon; }

  // Schedules an event at an absolute time, which must not lie in the past.
  EventHandle schedule_at(Time time, std::int32_t priority, std::uint32_t type, std::uint32_t subject) {
    if (!(time >= now_)) {  // also rejects NaN
      throw std::invalid_argument("cannot schedule an event at time " + std::to_string(time) +
                                  ", before the current time " + std::to_string(now_));
    }
    if (time > horizon_) return kBeyondHorizon;
    return queue_.push(time, priority, type, subject);
  }

  // Schedules an event after a delay, which must be non-negative.
  EventHandle schedule_in(Time delay, std::int32_t priority, std::uint32_t type, std::uint32_t subject) {
    if (!(delay >= 0)) {
      throw std::invalid_argument("cannot schedule an event with negative delay " + std::to_string(delay));
    }
    if (now_ + delay > horizon_) return kBeyondHorizon;
    return queue_.push(now_ + delay, priority, type, subject);
  }

  // Whether the next event to run is at this time, priority and type: the last of a
  // run of simultaneous events of one kind can then act for them all, so that the order
  // they were scheduled in need not decide anything.
  bool next_is(Time time, std::int32_t priority, std::uint32_t type) { return queue_.next_is(time, priority, type); }

  bool cancel(EventHandle handle) { return is_beyond_horizon(handle) || queue_.cancel(handle); }
  bool pending(EventHandle handle) const { return is_beyond_horizon(handle) || queue_.pending(handle); }

  // Processes every event with time < end, in order, then sets the clock to `end`.
  // Events at exactly `end` stay queued for a later call.
  template <class Model>
  void run_until(Time end, Model& model) {
    Event event;
    while (queue_.pop_before(end, event)) {
      now_ = event.time;
      if ((++events_processed_ & kStopCheckMask) == 0) {
        if (stop_ && stop_->load(std::memory_order_relaxed)) throw Stopped();
        if ((events_processed_ & (kPaceWindow - 1)) == 0) check_pace();
      }
      model.handle(event);
    }
    if (end > now_) now_ = end;
  }

  // Processes the single next event, if any; returns false when the queue is empty.
  template <class Model>
  bool step(Model& model) {
    if (!queue_.has_next()) return false;
    const Event event = queue_.pop();
    now_ = event.time;
    ++events_processed_;
    model.handle(event);
    return true;
  }

  // Returns the simulator to time zero with an empty queue, keeping its memory.
  void reset() {
    queue_.clear();
    horizon_ = std::numeric_limits<Time>::infinity();
    now_ = 0;
    events_processed_ = 0;
    window_start_ = 0;
  }

 private:
  static constexpr std::uint64_t kStopCheckMask = (std::uint64_t{1} << 12) - 1;
  static constexpr EventHandle kBeyondHorizon{UINT32_MAX - 1, UINT32_MAX};
  static bool is_beyond_horizon(EventHandle h) {
    return h.slot == kBeyondHorizon.slot && h.generation == kBeyondHorizon.generation;
  }

  void check_pace() {
    const Time span = now_ - window_start_;
    if (span * pace_limit_ < static_cast<double>(kPaceWindow)) throw TooFast(kPaceWindow, span);
    window_start_ = now_;
  }

  EventQueue queue_;
  Time horizon_ = std::numeric_limits<Time>::infinity();
  double pace_limit_ = std::numeric_limits<double>::infinity();
  Time window_start_ = 0;  // the time the current run of kPaceWindow events began
  Time now_ = 0;
  std::uint64_t events_processed_ = 0;
  const std::atomic<bool>* stop_ = nullptr;
};

}  // namespace wfsim::kernel
