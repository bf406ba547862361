#pragma once
// A first-in first-out queue over a vector that keeps its memory between
// replications (std::deque may free and reallocate its blocks), and the entry of the
// queue of posts waiting their turn that recruitment keeps (the agency market's entry,
// AgencyMarket::QueuedBooking, also carries the booking's contract).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace wfsim::model {

template <class T>
class Fifo {
 public:
  bool empty() const { return head_ == items_.size(); }
  std::size_t size() const { return items_.size() - head_; }
  void push(const T& item) { items_.push_back(item); }
  const T& front() const { return items_[head_]; }
  const T& operator[](std::size_t i) const { return items_[head_ + i]; }  // 0 is the front
  T pop() {
    T item = items_[head_++];
    if (head_ == items_.size()) clear();
    return item;
  }
  void clear() {
    items_.clear();
    head_ = 0;
  }

 private:
  std::vector<T> items_;
  std::size_t head_ = 0;
};

// A post in a queue with the post's serial when it joined. A post that leaves the
// queue's stage (filled, cancelled) is not looked for in the queue: its entry goes
// stale and is dropped when it reaches the front, and a post that rejoins has a new
// serial, so it is served by its latest place in line only.
struct QueuedPost {
  std::uint32_t post;
  std::uint32_t serial;
};

// Drops stale entries from the front of `queue`; true if a live one remains there.
// `live(entry)` says whether an entry's post is still waiting under that serial.
template <class Entry, class Live>
bool drop_stale(Fifo<Entry>& queue, Live&& live) {
  while (!queue.empty()) {
    if (live(queue.front())) return true;
    queue.pop();
  }
  return false;
}

}  // namespace wfsim::model
