#pragma once
// Writes a results file in the layout of docs/output-format.md.
//
// The file is built under a temporary name beside the target and renamed into place
// by finish(); if the writer is destroyed before that (an error, an interrupt), the
// temporary file is removed and any earlier results file is left as it was.
//
// Memory does not grow with the replication count: each block's kept series are
// compressed and written as they arrive, and the summaries are accumulated from the
// same blocks (output/block_processor.hpp), never read back from the file.

#include <H5Cpp.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "output/atomic_file.hpp"
#include "output/block_processor.hpp"
#include "output/result_sink.hpp"

namespace wfsim::output {

// An output problem the user can fix (an unwritable path, a full disk).
// Writing failed for a reason of the machine's (a full disk, a failing device): the
// command exits 1.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An output path refused before anything runs (one of the inputs, a directory, a
// device, a folder that is not there): the user's to fix, so the command exits 2.
class OutputRefused : public OutputError {
 public:
  using OutputError::OutputError;
};

// A stop asked for (Ctrl-C, SIGTERM) while the file was being finished: it is not
// saved, whatever had been done.
class OutputCancelled : public std::runtime_error {
 public:
  OutputCancelled() : std::runtime_error("interrupted before the file was saved") {}
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

  // For runs spread over processes: the processor does this process's blocks; commit()
  // writes any process's processed block, in block order.
  BlockProcessor& processor() { return *processor_; }
  void commit(const ProcessedBlock& block);
  // If `stop` becomes true before the finished file replaces the target, it does not:
  // finish() throws OutputCancelled.
  void cancel_on(const std::atomic<bool>* stop) { stop_ = stop; }
  // Where the file is written until it is saved (finish): its size so far is there.
  const std::string& temporary_path() const { return output_.temporary(); }
  // The bytes written only at the end, whatever the replications: the summaries and
  // the mean flows (0 before begin()). The flows are small beside the summaries
  // (England's 5 years: 0.66 MB against 25.1 MB) but were once left out.
  std::uint64_t end_bytes() const { return end_bytes_; }
  // The threads to work out the summaries with at the end (write_block sets it too).
  void use_crew(parallel::TaskPool& crew) { crew_ = &crew; }

 private:
  void write_metadata(const RunDescription& run);
  void write_inputs(const RunDescription& run);  // the uncertain inputs' draws, if any
  void write_scales(const RunDescription& run);
  void create_series();
  void create_summaries();
  void describe(H5::DataSet& dataset, std::size_t summary_dataset, bool counts);
  void write_summaries();

  std::string path_;
  AtomicFile output_;
  bool committed_ = false;
  const std::atomic<bool>* stop_ = nullptr;
  std::unique_ptr<H5::H5File> file_;
  std::unique_ptr<BlockProcessor> processor_;
  std::vector<H5::DataSet> kept_;  // the file's dataset of each of the processor's kept series
  ProcessedBlock block_;           // the block being written
  // The crew that processed the blocks, which also works out the summaries at the end
  // (England's are 784,000 cells); null if none came (no blocks).
  parallel::TaskPool* crew_ = nullptr;
  std::size_t replications_ = 0;
  std::size_t periods_ = 0;
  std::size_t rules_ = 0;
  std::size_t written_ = 0;
  std::uint64_t end_bytes_ = 0;
};

}  // namespace wfsim::output
