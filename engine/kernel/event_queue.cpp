#include "kernel/event_queue.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace wfsim::kernel {

EventHandle EventQueue::push(Time time, std::int32_t priority, std::uint32_t type, std::uint32_t subject) {
  if (priority < 0 || priority > kMaxPriority) {
    throw std::invalid_argument("event priority must be in 0..255");
  }
  if (type > kMaxType) throw std::invalid_argument("event type must be in 0..255");
  if (subject > kMaxSubject) throw std::invalid_argument("event subject must be below 2^24");
  if (sequence_ > kMaxSequence) throw QueueFull("more than 2^32 events scheduled in one run");
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    if (slots_.size() > kSlotMask) throw QueueFull("more than 2^24 events pending at once");
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.push_back(Slot{0, 0});
  }
  slots_[slot].payload = subject << kSubjectShift | type;
  const std::uint64_t order =
      (static_cast<std::uint64_t>(priority) << kPriorityShift) | (sequence_++ << kSequenceShift) | slot;
  const Entry entry{time, order};
  const EventHandle handle{slot, slots_[slot].word >> 1};
  const double position = time / bucket_width_;  // in fine buckets
  if (time < near_limit_ || !(position < static_cast<double>(kMaxCoarseBuckets * kFineBuckets))) {
    heap_.push_back(entry);
    sift_up(heap_.size() - 1);
  } else {
    // At or after near_limit_, so in the current window or a later one.
    const auto fine = static_cast<std::size_t>(position);
    const std::size_t coarse = fine / kFineBuckets;
    if (coarse == window_) {
      fine_[fine % kFineBuckets].push_back(entry);
      ++fine_count_;
    } else {
      if (coarse >= coarse_.size()) coarse_.resize(coarse + 1);
      coarse_[coarse].push_back(entry);
    }
    ++bucketed_;
  }
  return handle;
}

bool EventQueue::pending(EventHandle handle) const {
  // A free slot's generation was bumped when it was freed, so no handle matches it;
  // nor does a cancelled one, whose word has kCancelled set.
  return handle.valid() && handle.slot < slots_.size() && slots_[handle.slot].word == handle.generation << 1;
}

bool EventQueue::cancel(EventHandle handle) {
  if (!pending(handle)) return false;
  slots_[handle.slot].word |= kCancelled;  // the slot is freed when its entry is dropped
  return true;
}

void EventQueue::pour_next_bucket() {
  if (fine_count_ == 0) {
    // Nothing is left in this window: skip its empty fine buckets at once.
    next_fine_ = (window_ + 1) * kFineBuckets;
  }
  if (next_fine_ == (window_ + 1) * kFineBuckets) open_next_window();
  std::vector<Entry>& bucket = fine_[next_fine_ % kFineBuckets];
  ++next_fine_;
  near_limit_ = static_cast<double>(next_fine_) * bucket_width_;
  // The run is empty here: all its events lay before the old limit, and none was next.
  // So the bucket becomes the run, and the run's storage the next bucket's, rather than
  // every event being copied once more.
  if (!run_.empty()) throw std::logic_error("event queue: a bucket poured before the run was empty");
  fine_count_ -= bucket.size();
  bucketed_ -= bucket.size();
  run_.swap(bucket);
  std::erase_if(run_, [this](const Entry& e) {
    if (!stale(e)) return false;
    drop_stale(e.slot());
    return true;
  });
  // Latest first, so the earliest is last. A lambda rather than `later` itself: passed
  // as a function pointer, each comparison was an indirect call that was not inlined.
  std::sort(run_.begin(), run_.end(), [](const Entry& a, const Entry& b) { return later(a, b); });
}

void EventQueue::open_next_window() {
  ++window_;
  if (window_ >= coarse_.size()) return;
  std::vector<Entry>& bucket = coarse_[window_];
  for (const Entry& e : bucket) {
    if (stale(e)) {
      drop_stale(e.slot());
      --bucketed_;
    } else {
      fine_[static_cast<std::size_t>(e.time / bucket_width_) % kFineBuckets].push_back(e);
      ++fine_count_;
    }
  }
  bucket.clear();
}

void EventQueue::clear() {
  // Size the buckets for the next run, which is most often a replication of this one:
  // the power of two nearest the width that holds kTargetPerBucket events.
  if (popped_ > 0 && last_popped_at_ > 0) {
    const double density = static_cast<double>(popped_) / last_popped_at_;
    const double ideal = std::clamp(kTargetPerBucket / density, kMinBucketWidth, kMaxBucketWidth);
    bucket_width_ = std::exp2(std::round(std::log2(ideal)));
  }
  popped_ = 0;
  last_popped_at_ = 0;
  run_.clear();
  heap_.clear();
  for (auto& bucket : fine_) bucket.clear();
  for (auto& bucket : coarse_) bucket.clear();
  window_ = 0;
  next_fine_ = 1;
  fine_count_ = 0;
  bucketed_ = 0;
  near_limit_ = bucket_width_;
  free_slots_.clear();
  for (std::uint32_t i = 0; i < slots_.size(); ++i) {
    // Bump generations so handles from before the clear can never match again.
    slots_[i].word = (slots_[i].word & ~kCancelled) + 2;
    free_slots_.push_back(static_cast<std::uint32_t>(slots_.size()) - 1 - i);
  }
  sequence_ = 0;
}

void EventQueue::remove_top() {
  heap_.front() = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0);
}

void EventQueue::sift_up(std::size_t index) {
  const Entry moving = heap_[index];
  while (index > 0) {
    const std::size_t parent = (index - 1) / 2;
    if (!later(heap_[parent], moving)) break;
    heap_[index] = heap_[parent];
    index = parent;
  }
  heap_[index] = moving;
}

void EventQueue::sift_down(std::size_t index) {
  const std::size_t n = heap_.size();
  const Entry moving = heap_[index];
  while (true) {
    std::size_t child = 2 * index + 1;
    if (child >= n) break;
    if (child + 1 < n && later(heap_[child], heap_[child + 1])) ++child;
    if (!later(moving, heap_[child])) break;
    heap_[index] = heap_[child];
    index = child;
  }
  heap_[index] = moving;
}

}  // namespace wfsim::kernel
