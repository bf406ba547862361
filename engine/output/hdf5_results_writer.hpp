#pragma once
// Writes a results file in the layout of docs/output-format.md.
//
// The file is built under a temporary name beside the target and renamed into place
// by finish(); if the writer is destroyed before that (an error, an interrupt), the
// temporary file is removed and any earlier results file is left as it was.
//
// Memory does not grow with the replication count: each block's kept series are
// compressed and written as they arrive, and the summaries are accumulated from the
// same blocks (output/summary_accumulator.hpp), never read back from the file.

#include <H5Cpp.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "output/atomic_file.hpp"
#include "output/chunk_codec.hpp"
#include "output/result_sink.hpp"
#include "output/summary_accumulator.hpp"

namespace wfsim::output {

// An output problem the user can fix (an unwritable path, a full disk).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Hdf5ResultsWriter : public ResultSink {
 public:
  // Creates the temporary file at once, so an unwritable path fails before any work.
  explicit Hdf5ResultsWriter(std::string path);
  ~Hdf5ResultsWriter() override;

  void begin(const RunDescription& run) override;
  void write_block(std::size_t first, std::span<const model::SeriesTable> tables, parallel::TaskPool& crew) override;
  void write_flows(const FlowTotals& flows) override;
  void finish(const RunStatistics& stats) override;

  // Replications per chunk of a series dataset: the runner's block size, so each
  // block fills whole chunks.
  static std::size_t chunk_replications(const RunDescription& run);

 private:
  // One kept series dataset and the chunks of the block being written.
  struct KeptSeries {
    std::size_t dataset;  // in the accumulator's numbering: a measure, or the refusals
    std::size_t rows;
    bool counts;
    H5::DataSet file;
  };
  void write_metadata(const RunDescription& run);
  void write_scales(const RunDescription& run);
  void create_series(const RunDescription& run);
  void create_summaries();
  void describe(H5::DataSet& dataset, std::size_t summary_dataset, bool counts);
  void encode_chunk(const KeptSeries& series, std::size_t row, std::span<const model::SeriesTable> tables,
                    int worker, std::vector<unsigned char>& out);
  void write_summaries();

  std::string path_;
  AtomicFile output_;
  bool committed_ = false;
  std::unique_ptr<H5::H5File> file_;
  std::vector<KeptSeries> kept_;
  std::vector<std::size_t> first_chunk_;             // per kept series: its first chunk among a block's
  std::vector<std::vector<unsigned char>> encoded_;  // the block's compressed chunks
  std::vector<std::vector<unsigned char>> scratch_;  // per worker: a chunk's values, uncompressed
  std::vector<std::unique_ptr<ChunkEncoder>> encoders_;  // per worker
  std::optional<SummaryAccumulator> summaries_;
  std::size_t chunk_ = 1;  // replications per chunk
  std::size_t replications_ = 0;
  std::size_t authorities_ = 0;
  std::size_t periods_ = 0;
  std::size_t rules_ = 0;
  std::size_t written_ = 0;
};

}  // namespace wfsim::output
