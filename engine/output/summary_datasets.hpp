#pragma once
// The datasets a run's summaries, differences and kept series cover, in one numbering:
// every measure in enum order, then the rules' refusals (counts of workers) if the
// scenario has rules; each a rows x periods grid of cells, of counts or real numbers.

#include <cstddef>
#include <span>
#include <vector>

#include "model/measures.hpp"
#include "model/series_table.hpp"

namespace wfsim::output {

struct DatasetLayout {
  std::size_t rows = 0;
  bool counts = true;
  std::size_t first_cell = 0;  // among all datasets' cells
  std::size_t first_kind = 0;  // among the cells of its kind (counts, or reals)
};

class SummaryDatasets {
 public:
  SummaryDatasets(std::size_t rows, std::size_t periods, std::size_t rules) : periods_(periods) {
    auto add = [&](std::size_t dataset_rows, bool counts) {
      std::size_t& of_kind = counts ? count_cells_ : real_cells_;
      datasets_.push_back(DatasetLayout{dataset_rows, counts, cells_, of_kind});
      of_kind += dataset_rows * periods;
      cells_ += dataset_rows * periods;
    };
    for (const model::MeasureInfo& m : model::kMeasures) add(rows, m.values == model::MeasureValues::count);
    if (rules > 0) add(rules, true);
  }
  std::size_t size() const { return datasets_.size(); }
  const DatasetLayout& operator[](std::size_t dataset) const { return datasets_[dataset]; }
  std::size_t periods() const { return periods_; }
  std::size_t cells() const { return cells_; }
  std::size_t count_cells() const { return count_cells_; }
  std::size_t real_cells() const { return real_cells_; }

 private:
  std::vector<DatasetLayout> datasets_;
  std::size_t periods_;
  std::size_t cells_ = 0, count_cells_ = 0, real_cells_ = 0;
};

// One cell of a replication's table: a measure's value, or a rule's refusals.
inline double cell_value(std::size_t dataset, const model::SeriesTable& table, std::size_t row, std::size_t period) {
  return dataset < model::kMeasureCount ? table.at(static_cast<model::Measure>(dataset), row, period)
                                        : table.refused(row, period);
}

// One cell across a block's tables, into out[0 .. tables.size()).
inline void gather_cell(std::size_t dataset, std::span<const model::SeriesTable> tables, std::size_t row,
                        std::size_t period, std::span<double> out) {
  if (dataset < model::kMeasureCount) {
    // Where this cell lies in every table (they share one layout).
    const std::size_t index = tables.front().index_of(static_cast<model::Measure>(dataset), row, period);
    for (std::size_t r = 0; r < tables.size(); ++r) out[r] = tables[r].values()[index];
  } else {
    for (std::size_t r = 0; r < tables.size(); ++r) out[r] = tables[r].refused(row, period);
  }
}

}  // namespace wfsim::output
