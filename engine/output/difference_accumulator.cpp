#include "output/difference_accumulator.hpp"

#include <cmath>

#include "model/measures.hpp"
#include "output/student_t.hpp"

namespace wfsim::output {

namespace {

// Cells share a few values of n, so the last quantile is kept.
class StudentT975 {
 public:
  double operator()(double n) {
    if (n != n_) {
      n_ = n;
      quantile_ = student_t_975(n);
    }
    return quantile_;
  }

 private:
  double n_ = -1;
  double quantile_ = 0;
};

}  // namespace

DifferenceAccumulator::DifferenceAccumulator(std::size_t rows, std::size_t periods, std::size_t rules)
    : datasets_(rows, periods, rules),
      counts_(datasets_.count_cells()),
      reals_(datasets_.real_cells()),
      scratch_(datasets_.size()) {}

std::size_t DifferenceAccumulator::real_cells(std::size_t dataset) const {
  const DatasetLayout& d = datasets_[dataset];
  return d.counts ? 0 : d.rows * datasets_.periods();
}

void DifferenceAccumulator::merge_block_moments(std::size_t dataset, std::span<const RealMoments> block_moments) {
  const DatasetLayout& d = datasets_[dataset];
  if (d.counts) return;
  for (std::size_t cell = 0; cell < block_moments.size(); ++cell)
    reals_[d.first_kind + cell].merge(block_moments[cell]);
}

void DifferenceAccumulator::merge_counts(ByteReader& in) {
  const std::vector<CountMoments> counts = in.get_vector<CountMoments>();
  if (counts.size() != counts_.size()) throw std::logic_error("merging differences of different runs");
  for (std::size_t i = 0; i < counts.size(); ++i) counts_[i].merge(counts[i]);
}

void DifferenceAccumulator::add_block(std::size_t dataset, std::span<const model::SeriesTable> baseline,
                                      std::span<const model::SeriesTable> variant,
                                      std::span<RealMoments> block_moments) {
  const DatasetLayout& d = datasets_[dataset];
  std::vector<double>& differences = scratch_[dataset];
  differences.resize(variant.size());
  for (std::size_t row = 0; row < d.rows; ++row) {
    for (std::size_t t = 0; t < datasets_.periods(); ++t) {
      const std::size_t cell = row * datasets_.periods() + t;
      for (std::size_t r = 0; r < variant.size(); ++r) {
        differences[r] = cell_value(dataset, variant[r], row, t) - cell_value(dataset, baseline[r], row, t);
      }
      if (d.counts) {
        for (const double x : differences) counts_[d.first_kind + cell].add(static_cast<std::int64_t>(x));
      } else {
        block_moments[cell] = RealMoments::of(differences);  // NaN (undefined in either run) left out
      }
    }
  }
}

std::vector<double> DifferenceAccumulator::statistics(std::size_t dataset) const {
  const DatasetLayout& d = datasets_[dataset];
  std::vector<double> out(kDifferenceCount * d.rows * datasets_.periods());
  StudentT975 t975;
  for (std::size_t row = 0; row < d.rows; ++row) {
    for (std::size_t t = 0; t < datasets_.periods(); ++t) {
      const std::size_t cell = d.first_kind + row * datasets_.periods() + t;
      const double n = static_cast<double>(d.counts ? counts_[cell].n : reals_[cell].n);
      const double mean = d.counts ? counts_[cell].mean() : (n > 0 ? reals_[cell].mean : std::nan(""));
      const double sd = d.counts ? counts_[cell].sd() : reals_[cell].sd();
      const double half = t975(n) * sd / std::sqrt(n);
      const double stats[kDifferenceCount] = {mean, sd, mean - half, mean + half, n};
      for (std::size_t k = 0; k < kDifferenceCount; ++k) out[(k * d.rows + row) * datasets_.periods() + t] = stats[k];
    }
  }
  return out;
}

}  // namespace wfsim::output
