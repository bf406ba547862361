#pragma once
// Writes a results file in the layout of docs/output-format.md.
//
// The file is built under a temporary name beside the target and renamed into place
// by finish(); if the writer is destroyed before that (an error, an interrupt), the
// temporary file is removed and any earlier results file is left as it was.
//
// Memory does not grow with the replication count: blocks of series are written as
// they arrive, and summaries are computed afterwards by reading the series back
// through a fixed-size buffer.

#include <H5Cpp.h>

#include <memory>
#include <string>
#include <vector>

#include "output/atomic_file.hpp"
#include "output/chunk_codec.hpp"
#include "output/result_sink.hpp"

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
  void write_block(std::size_t first, const std::vector<model::SeriesTable>& tables, std::size_t count) override;
  void write_flows(const FlowTotals& flows) override;
  void finish(const RunStatistics& stats) override;

  // Replications per chunk of a series dataset: the runner's block size, so each
  // block fills whole chunks.
  static std::size_t chunk_replications(const RunDescription& run);

 private:
  void write_metadata(const RunDescription& run);
  void write_scales(const RunDescription& run);
  void create_measure_datasets(const RunDescription& run);
  void create_rule_datasets(const RunDescription& run, H5::DataSet& replication, H5::DataSet& time);
  void write_summaries();
  std::size_t periods_per_read() const;
  void summarize_dataset(H5::DataSet& series, std::size_t rows, H5::DataSet& target, std::vector<double>& buffer,
                         std::vector<double>& column);

  std::string path_;
  AtomicFile output_;
  bool committed_ = false;
  std::unique_ptr<H5::H5File> file_;
  std::vector<H5::DataSet> series_;
  H5::DataSet refused_;                              // rules/refused, if the scenario has rules
  std::size_t chunk_ = 1;                            // replications per chunk
  std::vector<std::vector<unsigned char>> encoded_;  // the block's compressed chunks
  std::vector<std::vector<double>> scratch_values_;  // per encoding thread
  std::vector<std::unique_ptr<ChunkEncoder>> encoders_;
  std::size_t encoding_threads_ = 1;
  std::size_t replications_ = 0;
  std::size_t authorities_ = 0;
  std::size_t periods_ = 0;
  std::size_t rules_ = 0;
  std::size_t written_ = 0;
};

}  // namespace wfsim::output
