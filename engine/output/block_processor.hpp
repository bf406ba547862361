#pragma once
// The work on a block of replications that any thread of any process can do: compress
// the chunks of the series a run keeps, add the block to the summaries' histograms and
// exact sums, and work out its real-number moments. What it makes of a block
// (ProcessedBlock) is written by the results writer, in block order, in one process;
// what it accumulates is merged there at the end. Either way the file is the same.

#include <memory>
#include <vector>

#include "output/byte_buffer.hpp"
#include "output/chunk_codec.hpp"
#include "output/result_sink.hpp"
#include "output/summary_accumulator.hpp"

namespace wfsim::output {

// A kept series: a summary dataset (a measure, or the rules' refusals) whose
// per-replication values are stored.
struct KeptSeries {
  std::size_t dataset;
  std::size_t rows;
  bool counts;
};

struct ProcessedBlock {
  std::size_t first = 0;  // the block's first replication, counted from the run's first
  std::size_t count = 0;
  std::vector<std::vector<unsigned char>> chunks;  // per kept series' row, in order
  std::vector<RealMoments> moments;                // every dataset's real cells, in order
  std::vector<unsigned char> to_bytes() const;
  static ProcessedBlock from_bytes(std::span<const unsigned char> bytes);
};

class BlockProcessor {
 public:
  explicit BlockProcessor(const RunDescription& run);

  void process(std::size_t first, std::span<const model::SeriesTable> tables, parallel::TaskPool& crew,
               ProcessedBlock& out);
  // Merges a block's real moments into the summaries: for each block, in block order.
  void merge_moments(const ProcessedBlock& block);

  const std::vector<KeptSeries>& kept() const { return kept_; }
  SummaryAccumulator& summaries() { return summaries_; }
  std::size_t chunk_replications() const { return chunk_; }
  std::size_t periods() const { return periods_; }

 private:
  void encode_chunk(const KeptSeries& series, std::size_t row, std::span<const model::SeriesTable> tables, int worker,
                    std::vector<unsigned char>& out);

  std::size_t periods_;
  std::size_t chunk_;
  SummaryAccumulator summaries_;
  std::vector<KeptSeries> kept_;
  std::vector<std::size_t> first_chunk_;  // per kept series: its first chunk among a block's
  std::size_t chunks_ = 0;
  std::vector<std::size_t> first_moment_;  // per dataset: its real cells' place in a block's moments
  std::size_t moments_ = 0;
  std::vector<std::vector<unsigned char>> scratch_;      // per worker: a chunk's values, uncompressed
  std::vector<std::vector<double>> columns_;             // per worker: a period's cells across a block
  std::vector<std::unique_ptr<ChunkEncoder>> encoders_;  // per worker
};

// Replications per chunk of a series dataset: the runner's block size, so each block
// fills whole chunks.
std::size_t chunk_replications(const RunDescription& run);

}  // namespace wfsim::output
