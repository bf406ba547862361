#pragma once
// A list of workers (idle agency workers, seekers of permanent posts) in the order they
// joined, each with the time they will leave it if nothing takes them first.
//
// Each member's stay is drawn once, when they join; only the earliest departure is
// queued as an event. Members join and are taken out far more often than anyone
// leaves, and the earliest departure moves only when a joiner leaves before everyone
// else or the member taken out was the one to leave first: in a pool of n, about two
// changes in n. The alternative (one queued event for the whole pool, redrawn at n
// times the hazard whenever n changes) cancelled and queued an event for every change.
// Both give each member the same constant hazard.

#include <cstdint>
#include <limits>
#include <vector>

#include "kernel/event_queue.hpp"

namespace wfsim::model {

class DeparturePool {
 public:
  using const_iterator = std::vector<std::uint32_t>::const_iterator;
  const_iterator begin() const { return members_.begin(); }
  const_iterator end() const { return members_.end(); }
  std::size_t size() const { return members_.size(); }
  bool empty() const { return members_.empty(); }
  std::uint32_t operator[](std::size_t index) const { return members_[index]; }

  // Adds a member at the back, leaving at `leaves_at` (infinity: never); true if theirs
  // is now the pool's earliest departure.
  bool add(std::uint32_t member, double leaves_at) {
    members_.push_back(member);
    leaves_at_.push_back(leaves_at);
    if (!(leaves_at < earliest_at_)) return false;
    earliest_at_ = leaves_at;
    return true;
  }

  // Removes the member at `index`, keeping the others' order; true if theirs was the
  // earliest departure, which then changes.
  bool erase_at(std::size_t index) {
    const bool was_earliest = leaves_at_[index] == earliest_at_;
    members_.erase(members_.begin() + static_cast<std::ptrdiff_t>(index));
    leaves_at_.erase(leaves_at_.begin() + static_cast<std::ptrdiff_t>(index));
    if (was_earliest) earliest_at_ = minimum(leaves_at_);
    return was_earliest;
  }

  // The earliest departure time; infinity when nobody will leave.
  double earliest_at() const { return earliest_at_; }

  // The index of the member who leaves first (the first in the list among equal times);
  // call only when earliest_at() is finite.
  std::size_t earliest() const {
    std::size_t i = 0;
    while (leaves_at_[i] != earliest_at_) ++i;
    return i;
  }

  void clear() {
    members_.clear();
    leaves_at_.clear();
    earliest_at_ = kNever;
    event = {};
  }

  kernel::EventHandle event;  // the queued departure at earliest_at(), if any

 private:
  static constexpr double kNever = std::numeric_limits<double>::infinity();

  // The smallest time, or kNever if there is none. It runs whenever the earliest member
  // leaves, over pools of a hundred or so: four running minima instead of one break the
  // chain of dependent comparisons, a loop that took about 2% of a regional run's time.
  // The minimum of a set does not depend on the order it is taken in.
  static double minimum(const std::vector<double>& times) {
    double m[4] = {kNever, kNever, kNever, kNever};
    const std::size_t n = times.size();
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
      for (std::size_t k = 0; k < 4; ++k) m[k] = times[i + k] < m[k] ? times[i + k] : m[k];
    }
    for (; i < n; ++i) m[0] = times[i] < m[0] ? times[i] : m[0];
    const double a = m[0] < m[1] ? m[0] : m[1];
    const double b = m[2] < m[3] ? m[2] : m[3];
    return a < b ? a : b;
  }
  std::vector<std::uint32_t> members_;
  std::vector<double> leaves_at_;  // parallel to members_
  double earliest_at_ = kNever;
};

}  // namespace wfsim::model
