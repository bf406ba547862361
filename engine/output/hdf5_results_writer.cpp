#include "output/hdf5_results_writer.hpp"

#include <H5DSpublic.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <exception>
#include <thread>

#include "kernel/calendar.hpp"
#include "model/measures.hpp"
#include "output/chunk_codec.hpp"
#include "output/hdf5_helpers.hpp"
#include "output/summary_statistics.hpp"

namespace wfsim::output {

namespace {

constexpr int kFormatVersion = 1;
constexpr std::size_t kMaxChunkReplications = 128;
// Doubles read at a time when computing summaries (4 MiB).
constexpr std::size_t kSummaryBufferDoubles = std::size_t{1} << 19;

void attach_scales(H5::DataSet& dataset, const std::vector<H5::DataSet*>& scales,
                   const std::vector<const char*>& labels) {
  for (unsigned i = 0; i < scales.size(); ++i) {
    H5DSattach_scale(dataset.getId(), scales[i]->getId(), i);
    H5DSset_label(dataset.getId(), i, labels[i]);
  }
}

}  // namespace

std::size_t Hdf5ResultsWriter::chunk_replications(const RunDescription& run) {
  return std::max<std::size_t>(1, std::min({run.replications, run.block_replications, kMaxChunkReplications}));
}

Hdf5ResultsWriter::Hdf5ResultsWriter(std::string path) : path_(std::move(path)), output_(path_) {
  H5::Exception::dontPrint();
  try {
    // Cap HDF5's metadata cache (it otherwise grows to 32 MiB with the number of
    // chunks, and so with the replication count); the writes are sequential, so
    // evicted index nodes are rarely wanted again.
    H5::FileAccPropList access;
    H5AC_cache_config_t config;
    config.version = H5AC__CURR_CACHE_CONFIG_VERSION;
    H5Pget_mdc_config(access.getId(), &config);
    config.set_initial_size = true;
    config.initial_size = std::size_t{1} << 20;
    config.max_size = std::size_t{2} << 20;
    config.min_size = std::size_t{1} << 20;
    H5Pset_mdc_config(access.getId(), &config);
    file_ = std::make_unique<H5::H5File>(output_.temporary(), H5F_ACC_TRUNC, H5::FileCreatPropList::DEFAULT, access);
  } catch (const H5::Exception&) {
    throw OutputError("cannot create the output file '" + path_ + "': " + std::strerror(errno) +
                      " (is the directory there and writable?)");
  }
}

Hdf5ResultsWriter::~Hdf5ResultsWriter() {
  if (committed_) return;
  series_.clear();
  refused_ = H5::DataSet();
  try {
    if (file_) file_->close();
  } catch (...) {
    // Nothing useful to do: the file is being discarded anyway.
  }
  output_.discard();
}

void Hdf5ResultsWriter::begin(const RunDescription& run) {
  replications_ = run.replications;
  authorities_ = run.authorities.size();
  periods_ = run.period_end_days.size();
  rules_ = run.rules.size();
  // Chunks are compressed while the next block is simulated: on the cores the
  // simulation leaves free, so it is not slowed by its own output.
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  encoding_threads_ = cores > run.simulation_threads ? cores - run.simulation_threads : 1;
  write_metadata(run);
  create_measure_datasets(run);
  write_scales(run);
  chunk_ = chunk_replications(run);
}

void Hdf5ResultsWriter::create_rule_datasets(const RunDescription& run, H5::DataSet& replication, H5::DataSet& time) {
  file_->createGroup("flows");
  H5::DataSet category = write_string_vector(*file_, "flow_category", run.flow_categories);
  H5DSset_scale(category.getId(), "flow_category");
  if (rules_ == 0) return;
  file_->createGroup("rules");
  H5::DataSet rule = write_string_vector(*file_, "rule", run.rules);
  H5DSset_scale(rule.getId(), "rule");
  const hsize_t dims[3] = {run.replications, rules_, periods_};
  const hsize_t chunk[3] = {chunk_replications(run), rules_, std::max<hsize_t>(1, periods_)};
  H5::DSetCreatPropList properties;
  properties.setChunk(3, chunk);
  properties.setShuffle();
  properties.setDeflate(kDeflateLevel);
  H5::DSetAccPropList access;
  access.setChunkCache(0, 0, 1.0);
  refused_ =
      file_->createDataSet("rules/refused", H5::PredType::NATIVE_DOUBLE, H5::DataSpace(3, dims), properties, access);
  set_string_attribute(refused_, "units", "engagements");
  set_string_attribute(
      refused_, "description",
      "available agency workers each rule stopped from being engaged, each counted once per period, region-wide");
  set_string_attribute(refused_, "kind", "flow");
  attach_scales(refused_, {&replication, &rule, &time}, {"replication", "rule", "time"});
  const hsize_t s_dims[3] = {kStatisticNames.size(), rules_, periods_};
  H5::DataSet summary =
      file_->createDataSet("rules/refused_summary", H5::PredType::NATIVE_DOUBLE, H5::DataSpace(3, s_dims));
  set_string_attribute(summary, "units", "engagements");
  H5::DataSet statistic = file_->openDataSet("statistic");
  attach_scales(summary, {&statistic, &rule, &time}, {"statistic", "rule", "time"});
}

void Hdf5ResultsWriter::write_metadata(const RunDescription& run) {
  H5::Group root = file_->openGroup("/");
  const scenario::Scenario& sc = *run.scenario;
  set_string_attribute(root, "format", "wfsim-results");
  set_number_attribute(root, "format_version", H5::PredType::NATIVE_INT, kFormatVersion);
  set_string_attribute(root, "engine_version", run.engine_version);
  set_number_attribute(root, "seed", H5::PredType::NATIVE_UINT64, run.seed);
  set_number_attribute(root, "replications", H5::PredType::NATIVE_UINT64, static_cast<std::uint64_t>(run.replications));
  set_string_attribute(root, "command_line", run.command_line);
  set_string_attribute(root, "scenario_file", sc.file);
  set_string_attribute(root, "scenario_name", sc.name);
  std::string overrides;
  for (const auto& o : sc.overrides) overrides += o + "\n";
  set_string_attribute(root, "overrides", overrides);
  set_string_attribute(root, "start_date", kernel::format_iso_date(sc.parameters.start_day));
  set_string_attribute(root, "end_date", kernel::format_iso_date(sc.parameters.end_day));
  set_string_attribute(root, "report_start_date", kernel::format_iso_date(sc.parameters.report_start_day));

  const H5::StrType type = utf8_string();
  H5::DataSet text = file_->createDataSet("scenario", type, H5::DataSpace(H5S_SCALAR));
  text.write(sc.text, type);
  std::string chain;
  for (const auto& f : sc.extends) chain += (chain.empty() ? "" : "\n") + f;
  set_string_attribute(root, "extends", chain);
  if (!sc.resolved_text.empty()) {
    // The scenario as run, with what it extends merged in: the file text alone would
    // not be enough to reproduce the run if a base scenario later changed.
    H5::DataSet resolved = file_->createDataSet("scenario_resolved", type, H5::DataSpace(H5S_SCALAR));
    resolved.write(sc.resolved_text, type);
  }
}

void Hdf5ResultsWriter::create_measure_datasets(const RunDescription& run) {
  file_->createGroup("series");
  file_->createGroup("summary");
  const hsize_t dims[3] = {run.replications, authorities_, periods_};
  const hsize_t chunk[3] = {chunk_replications(run), 1, std::max<hsize_t>(1, periods_)};
  H5::DSetCreatPropList properties;
  properties.setChunk(3, chunk);
  properties.setShuffle();
  properties.setDeflate(kDeflateLevel);
  const double nan = std::nan("");
  properties.setFillValue(H5::PredType::NATIVE_DOUBLE, &nan);
  // No chunk cache: blocks are written as whole chunks and read back once for the
  // summaries, so a cache would only hold up to 1 MiB per measure for nothing and make
  // memory depend on how many chunks there are.
  H5::DSetAccPropList access;
  access.setChunkCache(0, 0, 1.0);
  for (const model::MeasureInfo& m : model::kMeasures) {
    H5::DataSet ds = file_->createDataSet("series/" + std::string(m.name), H5::PredType::NATIVE_DOUBLE,
                                          H5::DataSpace(3, dims), properties, access);
    set_string_attribute(ds, "units", std::string(m.units));
    set_string_attribute(ds, "description", std::string(m.description));
    set_string_attribute(ds, "kind", m.kind == model::MeasureKind::snapshot ? "snapshot" : "flow");
    series_.push_back(ds);
  }
}

void Hdf5ResultsWriter::write_scales(const RunDescription& run) {
  std::vector<std::int32_t> days;
  std::vector<std::string> dates;
  for (const std::int64_t end : run.period_end_days) {
    // A period ending at midnight before day `end` is labelled with its last day.
    days.push_back(static_cast<std::int32_t>(end - 1));
    dates.push_back(kernel::format_iso_date(end - 1));
  }
  const hsize_t t_dims[1] = {days.size()};
  H5::DataSet time = file_->createDataSet("time", H5::PredType::NATIVE_INT32, H5::DataSpace(1, t_dims));
  time.write(days.data(), H5::PredType::NATIVE_INT32);
  set_string_attribute(time, "units", "days since 1970-01-01");
  set_string_attribute(time, "calendar", "proleptic_gregorian");
  write_string_vector(*file_, "date", dates);

  std::vector<std::int64_t> reps(run.replications);
  for (std::size_t i = 0; i < reps.size(); ++i) reps[i] = static_cast<std::int64_t>(run.first_replication + i);
  const hsize_t r_dims[1] = {reps.size()};
  H5::DataSet replication = file_->createDataSet("replication", H5::PredType::NATIVE_INT64, H5::DataSpace(1, r_dims));
  if (!reps.empty()) replication.write(reps.data(), H5::PredType::NATIVE_INT64);
  H5::DataSet authority = write_string_vector(*file_, "authority", run.authorities);
  std::vector<std::string> statistic_names(kStatisticNames.begin(), kStatisticNames.end());
  H5::DataSet statistic = write_string_vector(*file_, "statistic", statistic_names);

  H5DSset_scale(time.getId(), "time");
  H5DSset_scale(replication.getId(), "replication");
  H5DSset_scale(authority.getId(), "authority");
  H5DSset_scale(statistic.getId(), "statistic");
  for (H5::DataSet& ds : series_)
    attach_scales(ds, {&replication, &authority, &time}, {"replication", "authority", "time"});
  create_rule_datasets(run, replication, time);

  const hsize_t s_dims[3] = {kStatisticNames.size(), authorities_, periods_};
  for (const model::MeasureInfo& m : model::kMeasures) {
    H5::DataSet ds =
        file_->createDataSet("summary/" + std::string(m.name), H5::PredType::NATIVE_DOUBLE, H5::DataSpace(3, s_dims));
    set_string_attribute(ds, "units", std::string(m.units));
    set_string_attribute(ds, "description", std::string(m.description));
    set_string_attribute(ds, "kind", m.kind == model::MeasureKind::snapshot ? "snapshot" : "flow");
    attach_scales(ds, {&statistic, &authority, &time}, {"statistic", "authority", "time"});
  }
}

void Hdf5ResultsWriter::write_block(std::size_t first, const std::vector<model::SeriesTable>& tables,
                                    std::size_t count) {
  if (first != written_) throw std::logic_error("result blocks must arrive in replication order");
  if (count > chunk_ || first % chunk_ != 0) throw std::logic_error("result block does not fill its chunk");
  // One chunk per measure and row, plus one for the rules. Chunks are compressed on the
  // cores the simulation leaves free (this is most of the writer's work) and written in
  // a fixed order.
  const std::size_t rows = authorities_;
  const std::size_t tasks = model::kMeasureCount * rows + (rules_ > 0 ? 1 : 0);
  encoded_.resize(tasks);
  const std::size_t threads = encoding_threads_;
  std::atomic<std::size_t> next{0};
  // Scratch buffers and encoders live as long as the writer, one of each per thread:
  // allocating them per block left the allocator holding more memory the longer the run.
  scratch_values_.resize(threads);
  while (encoders_.size() < threads) encoders_.push_back(std::make_unique<ChunkEncoder>());
  auto encode = [&](std::size_t worker) {
    std::vector<double>& values = scratch_values_[worker];
    for (std::size_t task = next++; task < tasks; task = next++) {
      const bool rules_task = task == model::kMeasureCount * rows;
      const std::size_t width = rules_task ? rules_ * periods_ : periods_;
      values.assign(chunk_ * width, std::nan(""));  // a short last block is padded
      for (std::size_t r = 0; r < count; ++r) {
        double* target = values.data() + r * width;
        if (rules_task) {
          std::copy(tables[r].refused_block().begin(), tables[r].refused_block().end(), target);
        } else {
          tables[r].copy_periods(static_cast<model::Measure>(task / rows), task % rows, target);
        }
      }
      encoders_[worker]->encode(values, encoded_[task]);
    }
  };
  // An encoding error (zlib, memory) is rethrown here once every thread has stopped:
  // escaping a thread, it would end the process without a message.
  std::vector<std::exception_ptr> errors(threads);
  auto encode_safely = [&](std::size_t worker) {
    try {
      encode(worker);
    } catch (...) {
      errors[worker] = std::current_exception();
      next = tasks;  // the others stop at their next chunk
    }
  };
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < std::min(threads, tasks); ++t) helpers.emplace_back(encode_safely, t);
  encode_safely(0);
  for (auto& h : helpers) h.join();
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  for (std::size_t task = 0; task < tasks; ++task) {
    const bool rules_task = task == model::kMeasureCount * rows;
    const hsize_t offset[3] = {first, rules_task ? 0 : task % rows, 0};
    const H5::DataSet& target = rules_task ? refused_ : series_[task / rows];
    if (H5Dwrite_chunk(target.getId(), H5P_DEFAULT, 0, offset, encoded_[task].size(), encoded_[task].data()) < 0) {
      throw OutputError("cannot write to the output file '" + path_ + "' (is the disk full?)");
    }
  }
  written_ += count;
}

void Hdf5ResultsWriter::write_summaries() {
  // A fixed 4 MiB buffer whatever the replication count: read as many periods at a
  // time as fit, so memory stays flat up to 500,000 replications. The price is that
  // each chunk (which spans every period) is decompressed once per read: 3 times at
  // 10,000 replications of 120 periods, 23 times at 100,000.
  std::vector<double> buffer(std::max(kSummaryBufferDoubles, replications_ * periods_per_read()));
  std::vector<double> column(replications_);
  for (std::size_t m = 0; m < model::kMeasureCount; ++m) {
    H5::DataSet summary = file_->openDataSet("summary/" + std::string(model::kMeasures[m].name));
    summarize_dataset(series_[m], authorities_, summary, buffer, column);
  }
  if (rules_ > 0) {
    H5::DataSet summary = file_->openDataSet("rules/refused_summary");
    summarize_dataset(refused_, rules_, summary, buffer, column);
  }
}

std::size_t Hdf5ResultsWriter::periods_per_read() const {
  return std::max<std::size_t>(1, kSummaryBufferDoubles / std::max<std::size_t>(1, replications_));
}

void Hdf5ResultsWriter::summarize_dataset(H5::DataSet& series, std::size_t rows, H5::DataSet& target,
                                          std::vector<double>& buffer, std::vector<double>& column) {
  // series is (replication, row, time); target is (statistic, row, time).
  std::vector<double> summary(kStatisticNames.size() * rows * periods_);
  const std::size_t per_read = periods_per_read();
  for (std::size_t a = 0; a < rows; ++a) {
    for (std::size_t t0 = 0; t0 < periods_; t0 += per_read) {
      const std::size_t n = std::min(per_read, periods_ - t0);
      H5::DataSpace file_space = series.getSpace();
      const hsize_t start[3] = {0, a, t0};
      const hsize_t extent[3] = {replications_, 1, n};
      file_space.selectHyperslab(H5S_SELECT_SET, extent, start);
      H5::DataSpace memory_space(3, extent);
      if (replications_ > 0) series.read(buffer.data(), H5::PredType::NATIVE_DOUBLE, memory_space, file_space);
      for (std::size_t t = 0; t < n; ++t) {
        for (std::size_t r = 0; r < replications_; ++r) column[r] = buffer[r * n + t];
        const Statistics s = summarize(column);
        for (std::size_t k = 0; k < s.size(); ++k) summary[(k * rows + a) * periods_ + t0 + t] = s[k];
      }
    }
  }
  target.write(summary.data(), H5::PredType::NATIVE_DOUBLE);
}

void Hdf5ResultsWriter::write_flows(const FlowTotals& flows) {
  // Means over replications of the moves between categories, per period.
  const hsize_t dims[3] = {flows.categories, flows.categories, flows.periods};
  H5::DataSet ds = file_->createDataSet("flows/mean", H5::PredType::NATIVE_DOUBLE, H5::DataSpace(3, dims));
  std::vector<double> mean(flows.counts.size());
  for (std::size_t i = 0; i < mean.size(); ++i) {
    mean[i] = static_cast<double>(flows.counts[i]) / static_cast<double>(std::max<std::size_t>(1, replications_));
  }
  ds.write(mean.data(), H5::PredType::NATIVE_DOUBLE);
  set_string_attribute(ds, "units", "workers per period");
  set_string_attribute(ds, "description",
                       "mean over replications of the moves from one category (first index) to another "
                       "(second index) in each period");
  H5::DataSet category = file_->openDataSet("flow_category");
  H5::DataSet time = file_->openDataSet("time");
  H5DSattach_scale(ds.getId(), category.getId(), 0);
  H5DSattach_scale(ds.getId(), category.getId(), 1);
  H5DSattach_scale(ds.getId(), time.getId(), 2);
  H5DSset_label(ds.getId(), 0, "from");
  H5DSset_label(ds.getId(), 1, "to");
  H5DSset_label(ds.getId(), 2, "time");
}

void Hdf5ResultsWriter::finish(const RunStatistics& stats) {
  if (written_ != replications_) throw std::logic_error("finish() before every replication was written");
  try {
    write_summaries();
    H5::Group root = file_->openGroup("/");
    set_number_attribute(root, "events", H5::PredType::NATIVE_UINT64, stats.events);
    set_string_attribute(root, "created_utc", utc_now());
    H5::Group run = file_->createGroup("run");
    set_number_attribute(run, "threads", H5::PredType::NATIVE_INT, stats.threads);
    set_number_attribute(run, "wall_seconds", H5::PredType::NATIVE_DOUBLE, stats.wall_seconds);
    set_number_attribute(run, "simulate_seconds", H5::PredType::NATIVE_DOUBLE, stats.simulate_seconds);
    const double rate = stats.simulate_seconds > 0 ? static_cast<double>(stats.events) / stats.simulate_seconds : 0;
    set_number_attribute(run, "events_per_second", H5::PredType::NATIVE_DOUBLE, rate);
    series_.clear();
    refused_ = H5::DataSet();
    file_->close();
  } catch (const H5::Exception& e) {
    throw OutputError("cannot write the output file '" + path_ + "': " + e.getDetailMsg());
  }
  output_.commit();
  committed_ = true;
}

}  // namespace wfsim::output
