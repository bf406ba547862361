#pragma once
// One replication's reported values by measure, authority and period.
//
// Stored period by period (period x measure x authority): the model writes a whole
// period at once, every measure of every authority, and in this order those writes
// fill one contiguous block instead of touching a cache line per value across a table
// that, for a region, is larger than the cache. The results file's layout is
// (replication, authority, time) per measure; copy_periods() gathers that order.

#include <algorithm>
#include <cstddef>
#include <span>
#include <stdexcept>
#include <vector>

#include "model/measures.hpp"

namespace wfsim::model {

class SeriesTable {
 public:
  SeriesTable(std::size_t authorities, std::size_t periods, std::size_t rules = 0)
      : authorities_(authorities), periods_(periods), rules_(rules) {
    allocate();
  }
  // A table of this shape whose storage (zeros) waits for allocate(), which whoever
  // first fills it calls. A block's tables are tens of megabytes for a region: made
  // whole on one thread before the first block, they took a fifth of a second of a
  // 300-replication run with the rest of the crew idle; allocated by the threads that
  // fill them, their pages are first touched in parallel.
  struct Deferred {};
  SeriesTable(Deferred, std::size_t authorities, std::size_t periods, std::size_t rules = 0)
      : authorities_(authorities), periods_(periods), rules_(rules) {}
  // Gives a deferred table its storage; does nothing to a table that has it.
  void allocate() {
    values_.resize(kMeasureCount * authorities_ * periods_);
    refused_.resize(rules_ * periods_);
  }

  double& at(Measure m, std::size_t authority, std::size_t period) { return values_[index(m, authority, period)]; }
  double at(Measure m, std::size_t authority, std::size_t period) const { return values_[index(m, authority, period)]; }
  // Writes one measure's values for one authority, every period in order, to `out`.
  void copy_periods(Measure m, std::size_t authority, double* out) const {
    for (std::size_t period = 0; period < periods_; ++period) out[period] = values_[index(m, authority, period)];
  }
  // Every value, in storage order: for comparing tables whole, and for reading one
  // cell of many tables at index_of(), which all tables of a run share.
  std::span<const double> values() const { return values_; }
  std::size_t index_of(Measure m, std::size_t authority, std::size_t period) const {
    return index(m, authority, period);
  }
  // Engagements refused by each agency rule: rule x period, region-wide.
  double& refused(std::size_t rule, std::size_t period) { return refused_[rule * periods_ + period]; }
  double refused(std::size_t rule, std::size_t period) const { return refused_[rule * periods_ + period]; }
  std::span<const double> refused_block() const { return refused_; }
  std::size_t rules() const { return rules_; }
  // Each row's sum over the periods, in period order, of every measure that adds up
  // over time (adds_up_over_time), into `totals`, a table of one period and no rules
  // (NaN where any period is NaN). The other measures are left 0 there: a level or a
  // rate has no total.
  void total_over_periods(SeriesTable& totals) const {
    if (totals.authorities_ != authorities_ || totals.periods_ != 1) {
      throw std::invalid_argument("totals table of the wrong shape");
    }
    totals.allocate();
    std::fill(totals.values_.begin(), totals.values_.end(), 0.0);
    for (std::size_t period = 0; period < periods_; ++period) {
      for (const MeasureInfo& m : kMeasures) {
        if (m.total != MeasureTotal::adds_up) continue;
        const std::size_t from = index(m.measure, 0, period), to = totals.index(m.measure, 0, 0);
        for (std::size_t row = 0; row < authorities_; ++row) totals.values_[to + row] += values_[from + row];
      }
    }
  }
  std::size_t authorities() const { return authorities_; }
  std::size_t periods() const { return periods_; }

 private:
  std::size_t index(Measure m, std::size_t authority, std::size_t period) const {
    return (period * kMeasureCount + static_cast<std::size_t>(m)) * authorities_ + authority;
  }
  std::size_t authorities_;
  std::size_t periods_;
  std::size_t rules_;
  std::vector<double> values_;
  std::vector<double> refused_;
};

}  // namespace wfsim::model
