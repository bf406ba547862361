#pragma once
// A priority queue of future events ordered by (time, priority, sequence).
//
// Ties in time are broken first by a caller-chosen priority (lower runs first), then
// by the order in which events were scheduled, so a run is fully deterministic.
// Events carry two opaque integers (a type, 0..255, and a subject) that the kernel
// never interprets: the model decides what they mean.
//
// Cancellation is lazy: a cancelled event stays queued and is discarded when it reaches
// the top. Each queued entry is 16 bytes, its time and one ordering key (priority,
// scheduling sequence and slot packed together): entries are what the queue moves
// about, and 24-byte ones, with the type and subject in them, cost a third more cache
// misses for a model with tens of thousands of pending events. A slot belongs to its
// entry until the entry leaves the queue; the per-slot table holds the event's type and
// subject and a word of a generation and a cancelled bit. Handles carry the
// generation, so cancelling an event that has already run (or was already cancelled)
// is a harmless no-op. Limits that follow: subjects below 2^24, at most 2^24 events
// pending and 2^32 scheduled between two clear()s (a replication).

#include <cstdint>
#include <stdexcept>
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

// Thrown when the queue can hold or number no more events: a model making events
// without bound, which a caller may report as its input's doing.
class QueueFull : public std::length_error {
 public:
  using std::length_error::length_error;
};

class EventQueue {
 public:
  // The largest subject an event may carry: a model numbers the things its events are
  // about below it.
  static constexpr std::uint32_t kMaxSubject = (std::uint32_t{1} << 24) - 1;

  EventHandle push(Time time, std::int32_t priority, std::uint32_t type, std::uint32_t subject);

  // Returns true if the event was pending and is now cancelled.
  bool cancel(EventHandle handle);

  // True if the handle refers to an event that is still pending.
  bool pending(EventHandle handle) const;

  // Removes cancelled events from the top; true if a live event remains. (This, pop()
  // and pop_before() are inline: they run once per event.)
  bool has_next() {
    while (true) {
      while (!run_.empty() && stale(run_.back())) {
        drop_stale(run_.back().slot());
        run_.pop_back();
      }
      while (!heap_.empty() && stale(heap_.front())) {
        drop_stale(heap_.front().slot());
        remove_top();
      }
      const bool any = !run_.empty() || !heap_.empty();
      // The earliest of these is the next event only if no bucket could hold an earlier one.
      if (bucketed_ == 0 || (any && next().time < near_limit_)) return any;
      pour_next_bucket();
    }
  }

  // Time of the next live event; call only after has_next() returned true.
  Time next_time() const { return next().time; }

  // Whether the next live event is at `time` with this priority and type: a handler
  // asks it to take a run of simultaneous events of one kind as one.
  bool next_is(Time time, std::int32_t priority, std::uint32_t type) {
    if (!has_next()) return false;
    const Entry& e = next();
    return e.time == time && static_cast<std::int32_t>(e.order >> kPriorityShift) == priority &&
           (slots_[e.order & kSlotMask].payload & kMaxType) == type;
  }

  // Removes and returns the next live event; call only after has_next() returned true.
  Event pop() { return take(heap_is_next()); }

  // Removes the next live event into `out` and returns true if there is one before
  // `end`; otherwise leaves the queue as it is. The event loop's one call per event.
  bool pop_before(Time end, Event& out) {
    if (!has_next()) return false;
    const bool from_heap = heap_is_next();
    if (!((from_heap ? heap_.front() : run_.back()).time < end)) return false;
    out = take(from_heap);
    return true;
  }

  std::size_t size_including_cancelled() const { return run_.size() + heap_.size() + bucketed_; }

  // Empties the queue, keeping its memory, and sizes its buckets for the next run from
  // the event density of the run just ended (see kTargetPerBucket).
  void clear();

  // The current width of the far-future buckets, in time units.
  Time bucket_width() const { return bucket_width_; }

 private:
  // Events wait unsorted in buckets until the clock nears them: then a bucket is sorted
  // into the run, and only events scheduled into it after that go into a heap, which
  // stays a handful deep. Buckets come
  // in two tiers. Fine buckets of width w cover the current window of kFineBuckets * w;
  // events beyond it wait in coarse buckets one window wide, and a coarse bucket is
  // spread over the fine ones when the clock reaches its window. Most events a model of
  // long-lived entities schedules are far off (a life span, a next failure): they land
  // in one of a few dozen coarse buckets, whose ends stay in cache, instead of one of
  // thousands of fine ones, each a likely cache miss. Order is unchanged: a bucket is
  // poured into the run before any event at or after its start can be popped, so
  // results never depend on the width; only speed does. A width that suits a sparse run
  // (a bucket of a few time units) leaves dozens per bucket in a run twenty times as
  // busy, and one that suits the busy run makes the sparse one pour many empty buckets.
  // So clear() resizes the buckets to hold about kTargetPerBucket live events at the
  // density the last run had. Widths are powers of two, so time / w and index * w are
  // exact and every event lands in the bucket whose interval holds it.
  static constexpr Time kInitialBucketWidth = 2.0;
  static constexpr double kTargetPerBucket = 8.0;
  static constexpr Time kMinBucketWidth = 1.0 / 64;
  static constexpr Time kMaxBucketWidth = 64.0;
  static constexpr std::size_t kFineBuckets = 256;
  static constexpr std::size_t kMaxCoarseBuckets = std::size_t{1} << 16;  // events beyond go straight to the heap

  // Queued events are streamed through the buckets: their size is memory traffic.
  struct Entry {
    Time time;
    std::uint64_t order;  // priority (8 bits), scheduling sequence (32), slot (24)
    std::uint32_t slot() const { return static_cast<std::uint32_t>(order & kSlotMask); }
  };
  // What a slot holds while its entry is queued: the word (the generation times two,
  // plus kCancelled while a cancelled entry still waits) and the event's subject (high
  // 24 bits) and type (low 8). Generations have 31 bits: a handle kept after its event
  // ended matches again only once its slot has been reused 2^31 times.
  struct Slot {
    std::uint32_t word;
    std::uint32_t payload;
  };

  bool stale(const Entry& e) const { return (slots_[e.slot()].word & kCancelled) != 0; }
  void drop_stale(std::uint32_t slot) {
    slots_[slot].word = (slots_[slot].word & ~kCancelled) + 2;  // a new generation, not cancelled
    free_slots_.push_back(slot);
  }
  static bool later(const Entry& a, const Entry& b) {
    if (a.time != b.time) return a.time > b.time;
    return a.order > b.order;
  }
  void sift_up(std::size_t index);
  void sift_down(std::size_t index);
  void remove_top();
  void pour_next_bucket();
  void open_next_window();

  // The events before near_limit_: a poured bucket, sorted with the earliest last, and
  // a heap of the events scheduled into the current bucket after it was poured. Most
  // events arrive by a bucket, so most pops take the run's last entry and never sift.
  bool heap_is_next() const { return !heap_.empty() && (run_.empty() || later(run_.back(), heap_.front())); }
  const Entry& next() const { return heap_is_next() ? heap_.front() : run_.back(); }
  // Removes the next event, from the heap or the run.
  Event take(bool from_heap) {
    Entry top;
    if (from_heap) {
      top = heap_.front();
      remove_top();
    } else {
      top = run_.back();
      run_.pop_back();
    }
    // A new generation: its handle is no longer pending. The cancelled bit is cleared
    // too, should a caller have cancelled the event between has_next() and pop().
    Slot& slot = slots_[top.slot()];
    slot.word = (slot.word & ~kCancelled) + 2;
    free_slots_.push_back(top.slot());
    ++popped_;
    last_popped_at_ = top.time;
    return Event{top.time, static_cast<std::int32_t>(top.order >> kPriorityShift), slot.payload & kMaxType,
                 slot.payload >> kSubjectShift};
  }
  std::vector<Entry> run_;
  std::vector<Entry> heap_;
  // Fine bucket i (in units of the width since time 0) is fine_[i % kFineBuckets] while
  // it lies in the current window; coarse bucket c holds the window c's later events.
  std::vector<std::vector<Entry>> fine_{kFineBuckets};
  std::vector<std::vector<Entry>> coarse_;
  std::size_t window_ = 0;     // the coarse index of the window in the fine buckets
  std::size_t next_fine_ = 1;  // the next fine bucket to pour; bucket 0 is the heap's
  std::size_t fine_count_ = 0;
  std::size_t bucketed_ = 0;  // fine and coarse
  Time bucket_width_ = kInitialBucketWidth;
  Time near_limit_ = kInitialBucketWidth;  // next_fine_ * width
  static constexpr std::uint32_t kCancelled = 1;
  // The ordering key: priority in the top 8 bits, then the scheduling sequence in 32,
  // then the slot in the low 24. Sequences are unique, so the slot never decides order.
  static constexpr int kPriorityShift = 56;
  static constexpr int kSequenceShift = 24;
  static constexpr std::uint64_t kSlotMask = (std::uint64_t{1} << kSequenceShift) - 1;
  static constexpr std::int32_t kMaxPriority = 255;
  static constexpr std::uint32_t kMaxType = 255;
  static constexpr int kSubjectShift = 8;
  static constexpr std::uint64_t kMaxSequence = (std::uint64_t{1} << 32) - 1;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t sequence_ = 0;
  std::uint64_t popped_ = 0;  // live events popped since the last clear
  Time last_popped_at_ = 0;
};

}  // namespace wfsim::kernel
