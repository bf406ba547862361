#pragma once
// One replication's reported values: measure x authority x period, contiguous in
// that order so each measure's block copies straight into the results file's
// (replication, authority, time) layout.

#include <cstddef>
#include <span>
#include <vector>

#include "model/measures.hpp"

namespace wfsim::model {

class SeriesTable {
 public:
  SeriesTable(std::size_t authorities, std::size_t periods, std::size_t rules = 0)
      : authorities_(authorities),
        periods_(periods),
        rules_(rules),
        values_(kMeasureCount * authorities * periods),
        refused_(rules * periods) {}

  double& at(Measure m, std::size_t authority, std::size_t period) { return values_[index(m, authority, period)]; }
  double at(Measure m, std::size_t authority, std::size_t period) const { return values_[index(m, authority, period)]; }
  // The authority x period block of one measure.
  std::span<const double> measure_block(Measure m) const {
    return {values_.data() + index(m, 0, 0), authorities_ * periods_};
  }
  // Engagements refused by each agency rule: rule x period, region-wide.
  double& refused(std::size_t rule, std::size_t period) { return refused_[rule * periods_ + period]; }
  double refused(std::size_t rule, std::size_t period) const { return refused_[rule * periods_ + period]; }
  std::span<const double> refused_block() const { return refused_; }
  std::size_t rules() const { return rules_; }
  std::size_t authorities() const { return authorities_; }
  std::size_t periods() const { return periods_; }

 private:
  std::size_t index(Measure m, std::size_t authority, std::size_t period) const {
    return (static_cast<std::size_t>(m) * authorities_ + authority) * periods_ + period;
  }
  std::size_t authorities_;
  std::size_t periods_;
  std::size_t rules_;
  std::vector<double> values_;
  std::vector<double> refused_;
};

}  // namespace wfsim::model
