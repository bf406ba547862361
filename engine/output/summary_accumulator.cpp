#include "output/summary_accumulator.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <stdexcept>

namespace wfsim::output {

SummaryAccumulator::SummaryAccumulator(std::size_t rows, std::size_t periods, std::size_t rules)
    : datasets_(rows, periods, rules),
      histograms_(datasets_.cells()),
      count_moments_(datasets_.count_cells()),
      real_moments_(datasets_.real_cells()),
      scratch_(datasets_.size()) {}

std::size_t SummaryAccumulator::real_cells(std::size_t dataset) const {
  const DatasetLayout& d = datasets_[dataset];
  return d.counts ? 0 : d.rows * datasets_.periods();
}

void SummaryAccumulator::add_block(std::size_t dataset, std::span<const model::SeriesTable> tables,
                                   std::span<RealMoments> block_moments) {
  std::vector<double>& values = scratch_[dataset];
  values.resize(tables.size());
  // Period outer, row inner: a table keeps a period's rows of a measure side by side,
  // so the rows read one after another share cache lines across the block's tables.
  for (std::size_t t = 0; t < datasets_.periods(); ++t) {
    for (std::size_t row = 0; row < datasets_[dataset].rows; ++row) {
      gather_cell(dataset, tables, row, t, values);
      add_cell(dataset, row, t, values, block_moments);
    }
  }
}

void SummaryAccumulator::add_periods(std::size_t first, std::size_t last, std::span<const model::SeriesTable> tables,
                                     std::span<RealMoments> moments, std::span<const std::size_t> first_moment,
                                     std::vector<double>& scratch) {
  const std::size_t n = tables.size();
  const std::size_t rows = datasets_[0].rows;
  if (tables.front().authorities() != rows) throw std::logic_error("summaries of tables of another layout");
  // A period's values of every measure and row lie side by side in a table: read them
  // table by table, a few cache lines each, into one column per cell, rather than one
  // line per value for each cell in turn (the measures share those lines).
  const std::size_t width = model::kMeasureCount * rows;
  scratch.resize((width + 1) * n);  // and a column for a refusal cell
  auto moments_of = [&](std::size_t dataset) { return moments.subspan(first_moment[dataset], real_cells(dataset)); };
  for (std::size_t t = first; t < last; ++t) {
    const std::size_t start = tables.front().index_of(model::Measure{}, 0, t);
    for (std::size_t r = 0; r < n; ++r) {
      const double* period = tables[r].values().data() + start;
      for (std::size_t i = 0; i < width; ++i) scratch[i * n + r] = period[i];
    }
    for (std::size_t dataset = 0; dataset < model::kMeasureCount; ++dataset) {
      for (std::size_t row = 0; row < rows; ++row) {
        add_cell(dataset, row, t, std::span<const double>(scratch.data() + (dataset * rows + row) * n, n),
                 moments_of(dataset));
      }
    }
    // The rules' refusals are kept rule by rule, a few numbers a period: read per cell.
    const std::span<double> values(scratch.data() + width * n, n);
    for (std::size_t dataset = model::kMeasureCount; dataset < datasets_.size(); ++dataset) {
      for (std::size_t row = 0; row < datasets_[dataset].rows; ++row) {
        gather_cell(dataset, tables, row, t, values);
        add_cell(dataset, row, t, values, moments_of(dataset));
      }
    }
  }
}

void SummaryAccumulator::add_cell(std::size_t dataset, std::size_t row, std::size_t t, std::span<const double> values,
                                  std::span<RealMoments> block_moments) {
  const DatasetLayout& d = datasets_[dataset];
  const std::size_t cell = row * datasets_.periods() + t;
  if (!d.counts) {
    histograms_[d.first_cell + cell].add_all(values, kRealShape);
    block_moments[cell] = RealMoments::of(values);
    return;
  }
  // One pass checks each count, sums it and finds the range the histogram needs. The
  // block's sums are kept in locals and added once: added to the cell's moments value by
  // value, they were stored at every value, since the check may throw part-way.
  CountMoments block;
  std::int64_t low = INT64_MAX, high = INT64_MIN;
  for (const double v : values) {
    // A count that is not a whole number (or is NaN) is a model error, not a value
    // to round. Counts are far inside the range of 64-bit integers.
    const auto whole = std::abs(v) < 0x1p53 ? static_cast<std::int64_t>(v) : std::int64_t{0};
    if (!(static_cast<double>(whole) == v)) {
      throw std::logic_error("a count measure holds a value that is not a whole number");
    }
    block.add(whole);
    low = std::min(low, whole);
    high = std::max(high, whole);
  }
  count_moments_[d.first_kind + cell].merge(block);
  histograms_[d.first_cell + cell].add_all_in_range(values, static_cast<double>(low), static_cast<double>(high),
                                                    kCountShape);
}

void SummaryAccumulator::merge_block_moments(std::size_t dataset, std::span<const RealMoments> block_moments) {
  const DatasetLayout& d = datasets_[dataset];
  if (d.counts) return;
  for (std::size_t cell = 0; cell < block_moments.size(); ++cell) {
    real_moments_[d.first_kind + cell].merge(block_moments[cell]);
  }
}

void SummaryAccumulator::add_block(std::size_t dataset, std::span<const model::SeriesTable> tables) {
  std::vector<RealMoments> block(real_cells(dataset));
  add_block(dataset, tables, block);
  merge_block_moments(dataset, block);
}

void SummaryAccumulator::merge(const SummaryAccumulator& other) {
  if (other.histograms_.size() != histograms_.size()) throw std::logic_error("merging summaries of different runs");
  for (std::size_t dataset = 0; dataset < datasets_.size(); ++dataset) {
    const DatasetLayout& d = datasets_[dataset];
    for (std::size_t cell = 0; cell < d.rows * datasets_.periods(); ++cell) {
      histograms_[d.first_cell + cell].merge(other.histograms_[d.first_cell + cell],
                                             d.counts ? kCountShape : kRealShape);
      if (d.counts) count_moments_[d.first_kind + cell].merge(other.count_moments_[d.first_kind + cell]);
    }
  }
}

void SummaryAccumulator::write_distributions(ByteWriter& out) const {
  out.put<std::uint64_t>(histograms_.size());
  for (const PowerOfTwoHistogram& h : histograms_) h.write(out);
  out.put_vector(count_moments_);
}

void SummaryAccumulator::merge_distributions(ByteReader& in) {
  if (in.get<std::uint64_t>() != histograms_.size()) throw std::logic_error("merging summaries of different runs");
  for (std::size_t dataset = 0; dataset < datasets_.size(); ++dataset) {
    const DatasetLayout& d = datasets_[dataset];
    for (std::size_t cell = 0; cell < d.rows * datasets_.periods(); ++cell) {
      histograms_[d.first_cell + cell].merge(PowerOfTwoHistogram::read(in), d.counts ? kCountShape : kRealShape);
    }
  }
  const std::vector<CountMoments> counts = in.get_vector<CountMoments>();
  for (std::size_t i = 0; i < counts.size(); ++i) count_moments_[i].merge(counts[i]);
}

std::vector<double> SummaryAccumulator::statistics(std::size_t dataset) const {
  const DatasetLayout& d = datasets_[dataset];
  std::vector<double> out(kStatisticNames.size() * d.rows * datasets_.periods());
  for (std::size_t row = 0; row < d.rows; ++row) {
    for (std::size_t t = 0; t < datasets_.periods(); ++t) {
      const std::size_t cell = row * datasets_.periods() + t;
      const PowerOfTwoHistogram& histogram = histograms_[d.first_cell + cell];
      const Statistics s = d.counts ? statistics_of(histogram, count_moments_[d.first_kind + cell])
                                    : statistics_of(histogram, real_moments_[d.first_kind + cell]);
      for (std::size_t k = 0; k < s.size(); ++k) out[(k * d.rows + row) * datasets_.periods() + t] = s[k];
    }
  }
  return out;
}

double SummaryAccumulator::widest_relative_bin(std::size_t dataset) const {
  const DatasetLayout& d = datasets_[dataset];
  double widest = 0;
  for (std::size_t cell = 0; cell < d.rows * datasets_.periods(); ++cell) {
    const PowerOfTwoHistogram& h = histograms_[d.first_cell + cell];
    const double bound = h.error_bound(d.counts ? kCountShape : kRealShape);
    if (bound > 0) widest = std::max(widest, bound / (h.max() - h.min()));
  }
  return widest;
}

}  // namespace wfsim::output
