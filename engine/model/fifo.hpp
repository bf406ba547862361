#pragma once
// A first-in first-out queue over a vector that keeps its memory between
// replications (std::deque may free and reallocate its blocks).

#include <cstddef>
#include <vector>

namespace wfsim::model {

template <class T>
class Fifo {
 public:
  bool empty() const { return head_ == items_.size(); }
  std::size_t size() const { return items_.size() - head_; }
  void push(const T& item) { items_.push_back(item); }
  const T& front() const { return items_[head_]; }
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

}  // namespace wfsim::model
