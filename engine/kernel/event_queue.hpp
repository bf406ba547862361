#pragma once
// A priority queue of future events ordered by (time, priority, sequence).
//
// Ties in time are broken first by a caller-chosen priority (lower runs first), then
// by the order in which events were scheduled, so a run is fully deterministic.
// Events carry two opaque integers (a type and a subject) that the kernel never
// interprets: the model decides what they mean.
//
// Cancellation is lazy: a cancelled event stays in the heap and is discarded when it
// reaches the top. Handles carry a generation counter, so cancelling an event that has
// already run (or was already cancelled) is a harmless no-op.

#include <cstdint>
#include <vector>

namespace wfsim::kernel {

using Time = double;  // simulated days since the start of the run

struct EventHandle {
  std::uint32_t slot = UINT32_MAX;
  std::uint32_t generation = 0;
  bool valid() const { return slot != UINT32_MAX; }
};

struct Event {
  Time time = 0;
  std::int32_t priority = 0;
  std::uint32_t type = 0;
  std::uint32_t subject = 0;
};

class EventQueue {
 public:
  EventHandle push(Time time, std::int32_t priority, std::uint32_t type, std::uint32_t subject);

  // Returns true if the event was pending and is now cancelled.
  bool cancel(EventHandle handle);

  // True if the handle refers to an event that is still pending.
  bool pending(EventHandle handle) const;

  // Removes cancelled events from the top; true if a live event remains.
  bool has_next();

  // Time of the next live event; call only after has_next() returned true.
  Time next_time() const { return heap_.front().time; }

  // Removes and returns the next live event; call only after has_next() returned true.
  Event pop();

  std::size_t size_including_cancelled() const { return heap_.size() + bucketed_; }
  void clear();

 private:
  // Far-future events wait unsorted in buckets of this many time units and enter the
  // heap only when the clock nears them. Most events a workforce model schedules (a
  // tenure of years, the next absence) are far off, and a heap of only the near events
  // is several levels shallower. Order is unchanged: a bucket is poured into the heap
  // before any event at or after its start can be popped.
  static constexpr Time kBucketWidth = 2.0;

  struct Entry {
    Time time;
    std::uint64_t order;  // priority in the top bits, then the scheduling sequence
    std::uint32_t slot;
  };
  struct Slot {
    std::uint32_t generation = 0;
    std::uint32_t type = 0;
    std::uint32_t subject = 0;
    std::int32_t priority = 0;
    bool cancelled = false;
    bool in_use = false;
  };

  static bool later(const Entry& a, const Entry& b) {
    if (a.time != b.time) return a.time > b.time;
    return a.order > b.order;
  }
  void sift_up(std::size_t index);
  void sift_down(std::size_t index);
  void remove_top();
  void release(std::uint32_t slot);
  void pour_next_bucket();

  std::vector<Entry> heap_;                  // events before near_limit_
  std::vector<std::vector<Entry>> buckets_;  // later events, by time / bucket width
  std::size_t bucketed_ = 0;
  Time near_limit_ = kBucketWidth;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t sequence_ = 0;
};

}  // namespace wfsim::kernel
