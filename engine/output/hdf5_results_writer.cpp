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
#include "output/group_scales.hpp"
#include "output/hdf5_helpers.hpp"
#include "output/results_format.hpp"
#include "scenario/uncertain_inputs.hpp"

namespace wfsim::output {

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
    file_ = create_exclusive(output_.temporary(), access);
  } catch (const H5::Exception&) {
    throw OutputError("cannot create the output file '" + path_ + "' (as '" + output_.temporary() +
                      "'): " + std::strerror(errno));
  }
}

Hdf5ResultsWriter::~Hdf5ResultsWriter() {
  if (committed_) return;
  kept_.clear();
  try {
    close_once(file_);
  } catch (...) {
    // Nothing useful to do: the file is being discarded anyway.
  }
  output_.discard();
}

void Hdf5ResultsWriter::begin(const RunDescription& run) {
  replications_ = run.replications;
  periods_ = run.period_end_days.size();
  rules_ = run.rules.size();
  processor_ = std::make_unique<BlockProcessor>(run);
  write_metadata(run);
  create_series();
  create_summaries();
  // flows/mean, created and written at the end (write_flows): categories x categories x periods.
  end_bytes_ += run.flow_categories.size() * run.flow_categories.size() * periods_ * sizeof(double);
  write_scales(run);
}

void Hdf5ResultsWriter::write_metadata(const RunDescription& run) {
  H5::Group root = file_->openGroup("/");
  const scenario::Scenario& sc = *run.scenario;
  set_string_attribute(root, "format", "wfsim-results");
  set_number_attribute(root, "format_version", H5::PredType::NATIVE_INT, kResultsFormatVersion);
  set_string_attribute(root, "engine_version", run.engine_version);
  set_number_attribute(root, "seed", H5::PredType::NATIVE_UINT64, run.seed);
  set_number_attribute(root, "replications", H5::PredType::NATIVE_UINT64, static_cast<std::uint64_t>(run.replications));
  set_string_attribute(root, "command_line", run.command_line);
  set_string_attribute(root, "notes", run.notes);
  set_string_attribute(root, "kept_series", run.keep.describe(!run.rules.empty()));
  set_string_attribute(root, "scenario_file", sc.file);
  set_string_attribute(root, "scenario_name", sc.name);
  std::string overrides;
  for (const auto& o : sc.overrides) overrides += o + "\n";
  set_string_attribute(root, "overrides", overrides);
  set_string_attribute(root, "start_date", kernel::format_iso_date(sc.parameters.start_day));
  set_string_attribute(root, "end_date", kernel::format_iso_date(sc.parameters.end_day));
  set_string_attribute(root, "report_start_date", kernel::format_iso_date(sc.parameters.report_start_day));

  write_string_scalar(*file_, "scenario", sc.text);
  set_string_attribute(root, "extends", one_per_line(sc.extends));
  // The texts of the scenarios it extends, as read for the run: their comments hold the
  // assumptions they declare, which the merged text below has lost.
  // A scale of its own dimension, as every axis is: netCDF readers (xarray's h5netcdf)
  // refused the whole root group over a dataset without one.
  if (!sc.extends_texts.empty()) {
    H5DSset_scale(write_string_vector(*file_, "scenario_extends", sc.extends_texts).getId(), "scenario_extends");
  }
  if (!sc.resolved_text.empty()) {
    // The scenario as run, with what it extends merged in: the file text alone would
    // not be enough to reproduce the run if a base scenario later changed.
    write_string_scalar(*file_, "scenario_resolved", sc.resolved_text);
  }
  if (!sc.uncertain_inputs.empty()) write_inputs(run);
}

void Hdf5ResultsWriter::write_inputs(const RunDescription& run) {
  // Each replication's draws of the uncertain inputs, [replication][input]: a pure
  // function of (scenario, seed, replication), so they are drawn again here rather than
  // passed along from the model. Analysis sets them beside the results to split a
  // band's variance between the inputs and chance.
  const auto& inputs = run.scenario->uncertain_inputs;
  std::vector<double> values;
  values.reserve(replications_ * inputs.size());
  for (std::size_t k = 0; k < replications_; ++k) {
    const std::vector<double> drawn = scenario::draw_inputs(inputs, run.seed, run.first_replication + k);
    values.insert(values.end(), drawn.begin(), drawn.end());
  }
  H5::Group group = file_->createGroup("inputs");
  std::string paths, descriptions;
  for (const auto& input : inputs) {
    paths += (paths.empty() ? "" : "\n") + input.path;
    descriptions += (descriptions.empty() ? "" : "\n") + input.describe();
  }
  set_string_attribute(group, "paths", paths);
  set_string_attribute(group, "descriptions", descriptions);
  const hsize_t shape[2] = {replications_, inputs.size()};
  H5::DataSet drawn = group.createDataSet("values", H5::PredType::NATIVE_DOUBLE, H5::DataSpace(2, shape));
  drawn.write(values.data(), H5::PredType::NATIVE_DOUBLE);
  set_string_attribute(drawn, "description", "each replication's drawn value of each uncertain input (see paths)");
  // Scales of the group's own, as every group has (group_scales.hpp): without them
  // xarray, and so wfsim_analysis.open(path, group="inputs"), refused the group. Made
  // here, not copied from the root, whose replication scale a --keep summaries file
  // lacks.
  std::vector<std::int64_t> reps(replications_);
  for (std::size_t k = 0; k < reps.size(); ++k) reps[k] = static_cast<std::int64_t>(run.first_replication + k);
  const hsize_t r_dims[1] = {reps.size()};
  H5::DataSet replication = group.createDataSet("replication", H5::PredType::NATIVE_INT64, H5::DataSpace(1, r_dims));
  if (!reps.empty()) replication.write(reps.data(), H5::PredType::NATIVE_INT64);
  std::vector<std::string> input_paths;
  for (const auto& input : inputs) input_paths.push_back(input.path);
  H5::DataSet input = write_string_vector(*file_, "inputs/input", input_paths);
  set_string_attribute(input, "long_name", "the uncertain input's key path in the scenario");
  H5DSset_scale(replication.getId(), "replication");
  H5DSset_scale(input.getId(), "input");
  H5DSattach_scale(drawn.getId(), replication.getId(), 0);
  H5DSattach_scale(drawn.getId(), input.getId(), 1);
}

void Hdf5ResultsWriter::create_series() {
  file_->createGroup("series");
  file_->createGroup("summary");
  file_->createGroup("flows");
  if (rules_ > 0) file_->createGroup("rules");
  const std::size_t chunk_reps = processor_->chunk_replications();
  for (const KeptSeries& k : processor_->kept()) {
    // Counts as 32-bit integers: exact, and once shuffled their empty high bytes cost
    // almost nothing. Real numbers as float64, NaN where undefined.
    const hsize_t shape[3] = {replications_, k.rows, periods_};
    const hsize_t chunk[3] = {chunk_reps, 1, std::max<hsize_t>(1, periods_)};
    H5::DSetCreatPropList properties;
    properties.setChunk(3, chunk);
    properties.setShuffle();
    properties.setDeflate(kDeflateLevel);
    if (!k.counts) {
      const double nan = std::nan("");
      properties.setFillValue(H5::PredType::NATIVE_DOUBLE, &nan);
    }
    // No chunk cache: blocks are written as whole chunks and never read back, and a
    // cache would make memory grow with the number of chunks.
    H5::DSetAccPropList access;
    access.setChunkCache(0, 0, 1.0);
    const bool refusals = k.dataset == model::kMeasureCount;
    const std::string name = refusals ? "rules/refused" : "series/" + std::string(model::kMeasures[k.dataset].name);
    const H5::PredType& type = k.counts ? H5::PredType::STD_I32LE : H5::PredType::IEEE_F64LE;
    H5::DataSet ds = file_->createDataSet(name, type, H5::DataSpace(3, shape), properties, access);
    describe(ds, k.dataset, k.counts);
    kept_.push_back(ds);
  }
}

void Hdf5ResultsWriter::create_summaries() {
  for (std::size_t d = 0; d < processor_->summaries().datasets(); ++d) {
    const bool refusals = d == model::kMeasureCount;
    const hsize_t dims[3] = {kStatisticNames.size(), processor_->summaries().rows_of(d), periods_};
    const std::string name = refusals ? "rules/refused_summary" : "summary/" + std::string(model::kMeasures[d].name);
    H5::DataSet ds = file_->createDataSet(name, H5::PredType::IEEE_F64LE, H5::DataSpace(3, dims));
    describe(ds, d, processor_->summaries().counts(d));
    end_bytes_ += dims[0] * dims[1] * dims[2] * sizeof(double);  // contiguous: allocated when written
  }
}

void Hdf5ResultsWriter::describe(H5::DataSet& ds, std::size_t dataset, bool counts) {
  if (dataset == model::kMeasureCount) {
    set_string_attribute(ds, "units", "engagements");
    set_string_attribute(ds, "description",
                         "engagements each rule stopped (workers whose choice fell on a booking the rule barred), "
                         "each worker counted once per rule per period, region-wide");
    set_string_attribute(ds, "kind", "flow");
  } else {
    const model::MeasureInfo& m = model::kMeasures[dataset];
    set_string_attribute(ds, "units", std::string(m.units));
    set_string_attribute(ds, "description", std::string(m.description));
    set_string_attribute(ds, "kind", model::kind_name(m.kind));
  }
  set_string_attribute(ds, "values", counts ? "count" : "real");
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

  // The replication scale labels the series; a file that keeps none has no use for it,
  // and without it its size does not grow with the replication count at all.
  H5::DataSet replication;
  if (!kept_.empty()) {
    std::vector<std::int64_t> reps(run.replications);
    for (std::size_t i = 0; i < reps.size(); ++i) reps[i] = static_cast<std::int64_t>(run.first_replication + i);
    const hsize_t r_dims[1] = {reps.size()};
    replication = file_->createDataSet("replication", H5::PredType::NATIVE_INT64, H5::DataSpace(1, r_dims));
    if (!reps.empty()) replication.write(reps.data(), H5::PredType::NATIVE_INT64);
    H5DSset_scale(replication.getId(), "replication");
  }
  H5::DataSet authority = write_string_vector(*file_, "authority", run.authorities);
  std::vector<std::string> statistic_names(kStatisticNames.begin(), kStatisticNames.end());
  H5::DataSet statistic = write_string_vector(*file_, "statistic", statistic_names);
  H5::DataSet category = write_string_vector(*file_, "flow_category", run.flow_categories);
  H5DSset_scale(time.getId(), "time");
  H5DSset_scale(authority.getId(), "authority");
  H5DSset_scale(statistic.getId(), "statistic");
  H5DSset_scale(category.getId(), "flow_category");
  H5::DataSet rule;
  if (rules_ > 0) {
    rule = write_string_vector(*file_, "rule", run.rules);
    H5DSset_scale(rule.getId(), "rule");
  }
  // Each group's datasets on scales of their own group (group_scales.hpp), and the
  // dates on the time scale, so that every group opens in xarray with coordinates.
  GroupScales scales(*file_);
  H5::DataSet date = file_->openDataSet("date");
  scales.attach(date, {{"time", "time"}});
  for (std::size_t i = 0; i < kept_.size(); ++i) {
    const std::string row = processor_->kept()[i].dataset == model::kMeasureCount ? "rule" : "authority";
    scales.attach(kept_[i], {{"replication", "replication"}, {row, row}, {"time", "time"}});
  }
  for (std::size_t d = 0; d < processor_->summaries().datasets(); ++d) {
    const bool refusals = d == model::kMeasureCount;
    const std::string row = refusals ? "rule" : "authority";
    H5::DataSet ds =
        file_->openDataSet(refusals ? "rules/refused_summary" : "summary/" + std::string(model::kMeasures[d].name));
    scales.attach(ds, {{"statistic", "statistic"}, {row, row}, {"time", "time"}});
  }
}

void Hdf5ResultsWriter::write_block(std::size_t first, std::span<const model::SeriesTable> tables,
                                    parallel::TaskPool& crew) {
  processor_->process(first, tables, crew, block_);
  crew_ = &crew;
  commit(block_);
}

void Hdf5ResultsWriter::commit(const ProcessedBlock& block) {
  if (block.first != written_) throw std::logic_error("result blocks must arrive in replication order");
  // Written in a fixed order, on this thread: HDF5 is not thread-safe.
  std::size_t chunk = 0;
  for (std::size_t k = 0; k < kept_.size(); ++k) {
    for (std::size_t row = 0; row < processor_->kept()[k].rows; ++row, ++chunk) {
      const hsize_t offset[3] = {block.first, row, 0};
      const std::vector<unsigned char>& bytes = block.chunks[chunk];
      errno = 0;
      if (H5Dwrite_chunk(kept_[k].getId(), H5P_DEFAULT, 0, offset, bytes.size(), bytes.data()) < 0) {
        // The system's reason where the write set one (a full disk, a file past the
        // size limit, an I/O error), so that the message says which.
        const int reason = errno;
        throw OutputError("cannot write to the output file '" + path_ + "'" +
                          (reason != 0 ? std::string(": ") + std::strerror(reason) : std::string()) +
                          free_space_note(path_));
      }
    }
  }
  processor_->merge_moments(block);
  written_ += block.count;
}

void Hdf5ResultsWriter::write_summaries() {
  // Worked out on the crew, one dataset a task, then written in order on this thread.
  const SummaryAccumulator& summaries = processor_->summaries();
  std::vector<std::vector<double>> statistics(summaries.datasets());
  auto work_out = [&](std::size_t d, int) { statistics[d] = summaries.statistics(d); };
  if (crew_) {
    crew_->run(statistics.size(), work_out);
  } else {
    for (std::size_t d = 0; d < statistics.size(); ++d) work_out(d, 0);
  }
  for (std::size_t d = 0; d < statistics.size(); ++d) {
    const bool refusals = d == model::kMeasureCount;
    H5::DataSet ds =
        file_->openDataSet(refusals ? "rules/refused_summary" : "summary/" + std::string(model::kMeasures[d].name));
    ds.write(statistics[d].data(), H5::PredType::NATIVE_DOUBLE);
  }
}

void Hdf5ResultsWriter::write_flows(const FlowTotals& flows) {
  // Means over replications of the moves between categories, per period.
  std::vector<double> mean(flows.counts.size());
  for (std::size_t i = 0; i < mean.size(); ++i) {
    mean[i] = static_cast<double>(flows.counts[i]) / static_cast<double>(std::max<std::size_t>(1, replications_));
  }
  // Its write is the first at the run's end: on a full disk it said only "H5Dwrite
  // failed" (a review), where the blocks' and the summaries' say the disk's room.
  try {
    const hsize_t dims[3] = {flows.categories, flows.categories, flows.periods};
    H5::DataSet ds = file_->createDataSet("flows/mean", H5::PredType::NATIVE_DOUBLE, H5::DataSpace(3, dims));
    ds.write(mean.data(), H5::PredType::NATIVE_DOUBLE);
    set_string_attribute(ds, "units", "workers per period");
    set_string_attribute(ds, "description",
                         "mean over replications of the moves from one category (first index) to another "
                         "(second index) in each period");
    // Square: its two category dimensions are "from" and "to", each its own scale.
    GroupScales(*file_).attach(ds, {{"flow_category", "from"}, {"flow_category", "to"}, {"time", "time"}});
  } catch (const H5::Exception& e) {
    throw OutputError("cannot write the output file '" + path_ + "': " + e.getDetailMsg() + free_space_note(path_));
  }
}

void Hdf5ResultsWriter::finish(const RunStatistics& stats) {
  if (written_ != replications_) throw std::logic_error("finish() before every replication was written");
  try {
    write_summaries();
    {
      // Scoped: every object must be closed before the file, or HDF5 defers the
      // file's real close (and its errors) to the last object's destructor.
      H5::Group root = file_->openGroup("/");
      set_number_attribute(root, "events", H5::PredType::NATIVE_UINT64, stats.events);
      set_string_attribute(root, "created_utc", utc_now());
      H5::Group run = file_->createGroup("run");
      set_number_attribute(run, "threads", H5::PredType::NATIVE_INT, stats.threads);
      set_number_attribute(run, "wall_seconds", H5::PredType::NATIVE_DOUBLE, stats.wall_seconds);
      set_number_attribute(run, "simulate_seconds", H5::PredType::NATIVE_DOUBLE, stats.simulate_seconds);
      const double rate = stats.simulate_seconds > 0 ? static_cast<double>(stats.events) / stats.simulate_seconds : 0;
      set_number_attribute(run, "events_per_second", H5::PredType::NATIVE_DOUBLE, rate);
    }
    kept_.clear();
    close_once(file_);
  } catch (const H5::Exception& e) {
    throw OutputError("cannot write the output file '" + path_ + "': " + e.getDetailMsg() + free_space_note(path_));
  }
  output_.commit([&](const std::string& written) {
    verify_hdf5_file(written, "wfsim-results", path_);
    if (stop_ && stop_->load()) throw OutputCancelled();
  });
  committed_ = true;
}

}  // namespace wfsim::output
