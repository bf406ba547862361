#include "kernel/event_queue.hpp"

#include <stdexcept>

namespace wfsim::kernel {

namespace {
// Priorities occupy the top 8 bits of the ordering key; sequences the other 56.
constexpr int kPriorityShift = 56;
constexpr std::int32_t kMaxPriority = 255;
constexpr std::size_t kMaxBuckets = std::size_t{1} << 16;  // events beyond go straight to the heap
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
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  Slot& s = slots_[slot];
  s.type = type;
  s.subject = subject;
  s.priority = priority;
  s.cancelled = false;
  s.in_use = true;
  const std::uint64_t order = (static_cast<std::uint64_t>(priority) << kPriorityShift) | sequence_++;
  const Entry entry{time, order, slot};
  if (time >= near_limit_ && time < kBucketWidth * static_cast<double>(kMaxBuckets)) {
    const auto bucket = static_cast<std::size_t>(time / kBucketWidth);
    if (bucket >= buckets_.size()) buckets_.resize(bucket + 1);
    buckets_[bucket].push_back(entry);
    ++bucketed_;
  } else {
    heap_.push_back(entry);
    sift_up(heap_.size() - 1);
  }
  return EventHandle{slot, s.generation};
}

bool EventQueue::pending(EventHandle handle) const {
  if (!handle.valid() || handle.slot >= slots_.size()) return false;
  const Slot& s = slots_[handle.slot];
  return s.in_use && !s.cancelled && s.generation == handle.generation;
}

bool EventQueue::cancel(EventHandle handle) {
  if (!pending(handle)) return false;
  slots_[handle.slot].cancelled = true;
  return true;
}

bool EventQueue::has_next() {
  while (true) {
    while (!heap_.empty() && slots_[heap_.front().slot].cancelled) {
      const std::uint32_t slot = heap_.front().slot;
      remove_top();
      release(slot);
    }
    // The heap's top is the next event only if no bucket could hold an earlier one.
    if (bucketed_ == 0 || (!heap_.empty() && heap_.front().time < near_limit_)) return !heap_.empty();
    pour_next_bucket();
  }
}

void EventQueue::pour_next_bucket() {
  const auto index = static_cast<std::size_t>(near_limit_ / kBucketWidth);
  near_limit_ += kBucketWidth;
  if (index >= buckets_.size()) return;
  std::vector<Entry>& bucket = buckets_[index];
  for (const Entry& e : bucket) {
    if (slots_[e.slot].cancelled) {
      release(e.slot);
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
  const Slot& s = slots_[top.slot];
  const Event event{top.time, s.priority, s.type, s.subject};
  remove_top();
  release(top.slot);
  return event;
}

void EventQueue::clear() {
  heap_.clear();
  for (auto& bucket : buckets_) bucket.clear();
  bucketed_ = 0;
  near_limit_ = kBucketWidth;
  free_slots_.clear();
  for (std::uint32_t i = 0; i < slots_.size(); ++i) {
    // Bump generations so handles from before the clear can never match again.
    slots_[i].generation++;
    slots_[i].in_use = false;
    free_slots_.push_back(static_cast<std::uint32_t>(slots_.size()) - 1 - i);
  }
  sequence_ = 0;
}

void EventQueue::release(std::uint32_t slot) {
  Slot& s = slots_[slot];
  s.in_use = false;
  s.generation++;
  free_slots_.push_back(slot);
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
