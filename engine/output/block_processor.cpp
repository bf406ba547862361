#include "output/block_processor.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace wfsim::output {

namespace {
constexpr std::size_t kMaxChunkReplications = 128;
// Periods of the summaries per task: 15 tasks for 10 years, enough to keep two threads
// busy to the end of a block, few enough that each reads a run of periods.
constexpr std::size_t kPeriodsPerTask = 8;
}  // namespace

std::size_t chunk_replications(const RunDescription& run) {
  return std::max<std::size_t>(1, std::min({run.replications, run.block_replications, kMaxChunkReplications}));
}

std::vector<unsigned char> ProcessedBlock::to_bytes() const {
  ByteWriter out;
  out.put<std::uint64_t>(first);
  out.put<std::uint64_t>(count);
  out.put<std::uint64_t>(chunks.size());
  for (const auto& chunk : chunks) out.put_vector(chunk);
  out.put_vector(moments);
  return std::move(out.bytes());
}

ProcessedBlock ProcessedBlock::from_bytes(std::span<const unsigned char> bytes) {
  ByteReader in(bytes);
  ProcessedBlock block;
  block.first = in.get<std::uint64_t>();
  block.count = in.get<std::uint64_t>();
  block.chunks.resize(in.get<std::uint64_t>());
  for (auto& chunk : block.chunks) chunk = in.get_vector<unsigned char>();
  block.moments = in.get_vector<RealMoments>();
  return block;
}

BlockProcessor::BlockProcessor(const RunDescription& run)
    : periods_(run.period_end_days.size()),
      chunk_(output::chunk_replications(run)),
      summaries_(run.authorities.size(), run.period_end_days.size(), run.rules.size()) {
  for (std::size_t d = 0; d < summaries_.datasets(); ++d) {
    first_moment_.push_back(moments_);
    moments_ += summaries_.real_cells(d);
    const bool refusals = d == model::kMeasureCount;
    if (refusals ? !run.keep.keeps_refusals() : !run.keep.keeps(static_cast<model::Measure>(d))) continue;
    kept_.push_back(KeptSeries{d, summaries_.rows_of(d), summaries_.counts(d)});
    first_chunk_.push_back(chunks_);
    chunks_ += summaries_.rows_of(d);
  }
}

void BlockProcessor::encode_chunk(const KeptSeries& series, std::size_t row, std::span<const model::SeriesTable> tables,
                                  int worker, std::vector<unsigned char>& out) {
  // One chunk: this block's replications of one row, every period. A short last block
  // is padded to the chunk's size; the padding lies beyond the dataset and is never read.
  const std::size_t values = chunk_ * periods_;
  std::vector<unsigned char>& raw = scratch_[static_cast<std::size_t>(worker)];
  const std::size_t width = series.counts ? sizeof(std::int32_t) : sizeof(double);
  raw.assign(values * width, 0);
  for (std::size_t r = 0; r < tables.size(); ++r) {
    for (std::size_t t = 0; t < periods_; ++t) {
      const double v = cell_value(series.dataset, tables[r], row, t);
      unsigned char* target = raw.data() + (r * periods_ + t) * width;
      if (series.counts) {
        // Whole numbers (the summaries check), far inside 32 bits: a council's or a
        // region's workers and posts.
        const auto count = static_cast<std::int32_t>(v);
        std::memcpy(target, &count, sizeof count);
      } else {
        std::memcpy(target, &v, sizeof v);
      }
    }
  }
  encoders_[static_cast<std::size_t>(worker)]->encode(raw, width, out);
}

void BlockProcessor::process(std::size_t first, std::span<const model::SeriesTable> tables, parallel::TaskPool& crew,
                             ProcessedBlock& out) {
  if (tables.size() > chunk_ || first % chunk_ != 0) throw std::logic_error("result block does not fill its chunk");
  out.first = first;
  out.count = tables.size();
  out.chunks.resize(chunks_);
  out.moments.resize(moments_);
  const auto workers = static_cast<std::size_t>(crew.threads());
  scratch_.resize(std::max(scratch_.size(), workers));
  while (encoders_.size() < workers) encoders_.push_back(std::make_unique<ChunkEncoder>());
  columns_.resize(std::max(columns_.size(), workers));
  // One task per kept series' row (compress a chunk), then one per range of periods of
  // the summaries (every dataset: a table holds a period's measures side by side).
  const std::size_t ranges = (periods_ + kPeriodsPerTask - 1) / kPeriodsPerTask;
  crew.run(chunks_ + ranges, [&](std::size_t task, int worker) {
    if (task >= chunks_) {
      const std::size_t first_period = (task - chunks_) * kPeriodsPerTask;
      summaries_.add_periods(first_period, std::min(periods_, first_period + kPeriodsPerTask), tables, out.moments,
                             first_moment_, columns_[static_cast<std::size_t>(worker)]);
      return;
    }
    const std::size_t k = static_cast<std::size_t>(std::upper_bound(first_chunk_.begin(), first_chunk_.end(), task) -
                                                   first_chunk_.begin()) -
                          1;
    encode_chunk(kept_[k], task - first_chunk_[k], tables, worker, out.chunks[task]);
  });
}

void BlockProcessor::merge_moments(const ProcessedBlock& block) {
  for (std::size_t d = 0; d < summaries_.datasets(); ++d) {
    summaries_.merge_block_moments(d, std::span(block.moments).subspan(first_moment_[d], summaries_.real_cells(d)));
  }
}

}  // namespace wfsim::output
