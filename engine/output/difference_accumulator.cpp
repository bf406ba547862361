#include "output/difference_accumulator.hpp"

#include <cmath>

#include "model/measures.hpp"

namespace wfsim::output {

namespace {
double value(std::size_t dataset, const model::SeriesTable& table, std::size_t row, std::size_t period) {
  return dataset < model::kMeasureCount ? table.at(static_cast<model::Measure>(dataset), row, period)
                                        : table.refused(row, period);
}
}  // namespace

DifferenceAccumulator::DifferenceAccumulator(std::size_t rows, std::size_t periods, std::size_t rules)
    : periods_(periods) {
  std::size_t counts = 0, reals = 0;
  auto add = [&](std::size_t dataset_rows, bool is_count) {
    datasets_.push_back(Dataset{dataset_rows, is_count, is_count ? counts : reals});
    (is_count ? counts : reals) += dataset_rows * periods;
  };
  for (const model::MeasureInfo& m : model::kMeasures) add(rows, m.values == model::MeasureValues::count);
  if (rules > 0) add(rules, true);
  counts_.resize(counts);
  reals_.resize(reals);
  scratch_.resize(datasets_.size());
}

std::size_t DifferenceAccumulator::real_cells(std::size_t dataset) const {
  const Dataset& d = datasets_[dataset];
  return d.counts ? 0 : d.rows * periods_;
}

void DifferenceAccumulator::merge_block_moments(std::size_t dataset, std::span<const RealMoments> block_moments) {
  const Dataset& d = datasets_[dataset];
  if (d.counts) return;
  for (std::size_t cell = 0; cell < block_moments.size(); ++cell) reals_[d.first + cell].merge(block_moments[cell]);
}

void DifferenceAccumulator::merge_counts(ByteReader& in) {
  const std::vector<CountMoments> counts = in.get_vector<CountMoments>();
  if (counts.size() != counts_.size()) throw std::logic_error("merging differences of different runs");
  for (std::size_t i = 0; i < counts.size(); ++i) counts_[i].merge(counts[i]);
}

void DifferenceAccumulator::add_block(std::size_t dataset, std::span<const model::SeriesTable> baseline,
                                      std::span<const model::SeriesTable> variant,
                                      std::span<RealMoments> block_moments) {
  const Dataset& d = datasets_[dataset];
  std::vector<double>& differences = scratch_[dataset];
  differences.resize(variant.size());
  for (std::size_t row = 0; row < d.rows; ++row) {
    for (std::size_t t = 0; t < periods_; ++t) {
      const std::size_t cell = row * periods_ + t;
      for (std::size_t r = 0; r < variant.size(); ++r) {
        differences[r] = value(dataset, variant[r], row, t) - value(dataset, baseline[r], row, t);
      }
      if (d.counts) {
        for (const double x : differences) counts_[d.first + cell].add(static_cast<std::int64_t>(x));
      } else {
        block_moments[cell] = RealMoments::of(differences);  // NaN (undefined in either run) left out
      }
    }
  }
}

std::vector<double> DifferenceAccumulator::statistics(std::size_t dataset) const {
  const Dataset& d = datasets_[dataset];
  std::vector<double> out(kDifferenceCount * d.rows * periods_);
  for (std::size_t row = 0; row < d.rows; ++row) {
    for (std::size_t t = 0; t < periods_; ++t) {
      const std::size_t cell = d.first + row * periods_ + t;
      const double n = static_cast<double>(d.counts ? counts_[cell].n : reals_[cell].n);
      const double mean = d.counts ? counts_[cell].mean() : (n > 0 ? reals_[cell].mean : std::nan(""));
      const double sd = d.counts ? counts_[cell].sd() : reals_[cell].sd();
      const double half = 1.96 * sd / std::sqrt(n);
      const double stats[kDifferenceCount] = {mean, sd, mean - half, mean + half, n};
      for (std::size_t k = 0; k < kDifferenceCount; ++k) out[(k * d.rows + row) * periods_ + t] = stats[k];
    }
  }
  return out;
}

}  // namespace wfsim::output
