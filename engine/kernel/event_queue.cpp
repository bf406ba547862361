#include "kernel/event_queue.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace wfsim::kernel {

namespace {
// Priorities occupy the top 8 bits of the ordering key; sequences the other 56.
constexpr int kPriorityShift = 56;
constexpr std::int32_t kMaxPriority = 255;
}  // namespace

EventHandle EventQueue::push(Time time, std::int32_t priority, std::uint32_t type, std::uint32_t subject) {
  if (priority < 0 || priority > kMaxPriority) {
    throw std::invalid_argument("event priority must be in 0..255");
  }
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(generations_.size());
    generations_.push_back(0);
  }
  const std::uint64_t order = (static_cast<std::uint64_t>(priority) << kPriorityShift) | sequence_++;
  const Entry entry{time, order, slot, generations_[slot], type, subject};
  // The width is a power of two, so time / width and index * width are exact and an
  // event lands in the bucket whose interval holds it.
  const double bucket_position = time / bucket_width_;
  if (time >= near_limit_ && bucket_position < static_cast<double>(kMaxBuckets)) {
    const auto bucket = static_cast<std::size_t>(bucket_position);
    if (bucket >= buckets_.size()) buckets_.resize(bucket + 1);
    buckets_[bucket].push_back(entry);
    ++bucketed_;
  } else {
    heap_.push_back(entry);
    sift_up(heap_.size() - 1);
  }
  return EventHandle{slot, entry.generation};
}

bool EventQueue::pending(EventHandle handle) const {
  // A free slot's generation was bumped when it was freed, so no handle matches it.
  return handle.valid() && handle.slot < generations_.size() && generations_[handle.slot] == handle.generation;
}

bool EventQueue::cancel(EventHandle handle) {
  if (!pending(handle)) return false;
  ++generations_[handle.slot];  // its entry is now stale; the slot is freed when the entry is dropped
  return true;
}

bool EventQueue::has_next() {
  while (true) {
    while (!heap_.empty() && stale(heap_.front())) {
      free_slots_.push_back(heap_.front().slot);
      remove_top();
    }
    // The heap's top is the next event only if no bucket could hold an earlier one.
    if (bucketed_ == 0 || (!heap_.empty() && heap_.front().time < near_limit_)) return !heap_.empty();
    pour_next_bucket();
  }
}

void EventQueue::pour_next_bucket() {
  const auto index = static_cast<std::size_t>(near_limit_ / bucket_width_);
  near_limit_ = static_cast<double>(index + 1) * bucket_width_;
  if (index >= buckets_.size()) return;
  std::vector<Entry>& bucket = buckets_[index];
  for (const Entry& e : bucket) {
    if (stale(e)) {
      free_slots_.push_back(e.slot);
    } else {
      heap_.push_back(e);
      sift_up(heap_.size() - 1);
    }
  }
  bucketed_ -= bucket.size();
  bucket.clear();
}

Event EventQueue::pop() {
  const Entry top = heap_.front();
  remove_top();
  ++generations_[top.slot];  // its handle is no longer pending
  free_slots_.push_back(top.slot);
  ++popped_;
  last_popped_at_ = top.time;
  return Event{top.time, static_cast<std::int32_t>(top.order >> kPriorityShift), top.type, top.subject};
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
  heap_.clear();
  for (auto& bucket : buckets_) bucket.clear();
  bucketed_ = 0;
  near_limit_ = bucket_width_;
  free_slots_.clear();
  for (std::uint32_t i = 0; i < generations_.size(); ++i) {
    // Bump generations so handles from before the clear can never match again.
    generations_[i]++;
    free_slots_.push_back(static_cast<std::uint32_t>(generations_.size()) - 1 - i);
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
