// The summaries are the same however a block's work is split: by dataset (add_block,
// as compare does) or by ranges of periods across every dataset (add_periods, as a
// run does, reading each table a period at a time).
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "kernel/random_stream.hpp"
#include "model/measures.hpp"
#include "model/series_table.hpp"
#include "output/summary_accumulator.hpp"

using wfsim::model::kMeasureCount;
using wfsim::model::kMeasures;
using wfsim::model::Measure;
using wfsim::model::MeasureValues;
using wfsim::model::SeriesTable;
using wfsim::output::RealMoments;
using wfsim::output::SummaryAccumulator;

namespace {

// A block of tables with whole numbers where a measure counts and real numbers
// (some repeated, some not) where it does not, and refusals for each rule.
std::vector<SeriesTable> random_block(std::size_t replications, std::size_t rows, std::size_t periods,
                                      std::size_t rules, std::uint64_t seed) {
  wfsim::kernel::RandomStream stream(wfsim::kernel::StreamKey{seed, 0, 0, 0});
  std::vector<SeriesTable> tables(replications, SeriesTable(rows, periods, rules));
  for (SeriesTable& table : tables) {
    for (std::size_t m = 0; m < kMeasureCount; ++m) {
      const bool counts = kMeasures[m].values == MeasureValues::count;
      for (std::size_t row = 0; row < rows; ++row) {
        for (std::size_t t = 0; t < periods; ++t) {
          const double u = stream.uniform();
          table.at(static_cast<Measure>(m), row, t) =
              counts ? static_cast<double>(static_cast<int>(u * 40)) : (u < 0.3 ? 0.5 : u * 1e4);
        }
      }
    }
    for (std::size_t rule = 0; rule < rules; ++rule) {
      for (std::size_t t = 0; t < periods; ++t) table.refused(rule, t) = static_cast<double>(stream.uniform() < 0.5);
    }
  }
  return tables;
}

}  // namespace

TEST_CASE("summaries added by periods equal those added by dataset, bit for bit", "[output]") {
  const std::size_t rows = 3, periods = 13, rules = 2;
  SummaryAccumulator by_dataset(rows, periods, rules), by_periods(rows, periods, rules);
  std::vector<std::size_t> first_moment;
  std::size_t moments = 0;
  for (std::size_t d = 0; d < by_dataset.datasets(); ++d) {
    first_moment.push_back(moments);
    moments += by_dataset.real_cells(d);
  }
  std::vector<double> scratch;
  for (std::uint64_t block = 0; block < 3; ++block) {
    const std::vector<SeriesTable> tables = random_block(17 + block, rows, periods, rules, block);
    for (std::size_t d = 0; d < by_dataset.datasets(); ++d) by_dataset.add_block(d, tables);
    // Ranges of any size, in any order, give the same cells.
    std::vector<RealMoments> block_moments(moments);
    for (const auto& [first, last] : {std::pair{5, 13}, std::pair{0, 1}, std::pair{1, 5}}) {
      by_periods.add_periods(first, last, tables, block_moments, first_moment, scratch);
    }
    for (std::size_t d = 0; d < by_periods.datasets(); ++d) {
      by_periods.merge_block_moments(
          d, std::span<const RealMoments>(block_moments).subspan(first_moment[d], by_periods.real_cells(d)));
    }
  }
  for (std::size_t d = 0; d < by_dataset.datasets(); ++d) {
    const std::vector<double> a = by_dataset.statistics(d), b = by_periods.statistics(d);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      INFO("dataset " << d << ", value " << i);
      // Bit for bit: equal, or both NaN (a statistic no replication defines).
      REQUIRE(((a[i] == b[i]) || (a[i] != a[i] && b[i] != b[i])));
    }
  }
}
