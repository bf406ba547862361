#include "output/comparison_writer.hpp"

#include <H5DSpublic.h>

#include <cerrno>
#include <cstring>
#include <iterator>

#include "kernel/calendar.hpp"
#include "model/measures.hpp"
#include "output/hdf5_helpers.hpp"
#include "output/hdf5_results_writer.hpp"

namespace wfsim::output {

namespace {
constexpr int kFormatVersion = 1;
}  // namespace

ComparisonWriter::ComparisonWriter(std::string path) : path_(std::move(path)), output_(path_) {
  H5::Exception::dontPrint();
  try {
    file_ = create_exclusive(output_.temporary());
  } catch (const H5::Exception&) {
    throw OutputError("cannot create the output file '" + path_ + "' (as '" + output_.temporary() +
                      "'): " + std::strerror(errno));
  }
}

ComparisonWriter::~ComparisonWriter() {
  if (committed_) return;
  try {
    close_once(file_);
  } catch (...) {
    // Nothing useful to do: the file is being discarded anyway.
  }
  output_.discard();
}

void ComparisonWriter::begin(const RunDescription& base, const std::vector<VariantInfo>& variants,
                             const SweepGrid* grid) {
  rows_ = base.authorities.size();
  periods_ = base.period_end_days.size();
  variants_ = variants.size();
  H5::Group root = file_->openGroup("/");
  format_ = grid ? "wfsim-sweep" : "wfsim-comparison";
  set_string_attribute(root, "format", format_);
  set_number_attribute(root, "format_version", H5::PredType::NATIVE_INT, kFormatVersion);
  set_string_attribute(root, "engine_version", base.engine_version);
  set_string_attribute(root, "command_line", base.command_line);
  set_number_attribute(root, "seed", H5::PredType::NATIVE_UINT64, base.seed);
  set_number_attribute(root, "replications", H5::PredType::NATIVE_UINT64,
                       static_cast<std::uint64_t>(base.replications));
  std::vector<std::string> names, files;
  for (const auto& v : variants) {
    names.push_back(v.name);
    files.push_back(v.file);
  }
  H5::DataSet variant = write_string_vector(*file_, "variant", names);
  write_string_vector(*file_, "variant_file", files);
  file_->createGroup("scenario");
  const H5::StrType type = utf8_string();
  for (std::size_t i = 0; i < variants.size(); ++i) {
    file_->createDataSet("scenario/" + std::to_string(i), type, H5::DataSpace(H5S_SCALAR))
        .write(variants[i].text, type);
  }
  std::vector<std::int32_t> days;
  std::vector<std::string> dates;
  for (const std::int64_t end : base.period_end_days) {
    days.push_back(static_cast<std::int32_t>(end - 1));
    dates.push_back(kernel::format_iso_date(end - 1));
  }
  const hsize_t t_dims[1] = {periods_};
  H5::DataSet time = file_->createDataSet("time", H5::PredType::NATIVE_INT32, H5::DataSpace(1, t_dims));
  time.write(days.data(), H5::PredType::NATIVE_INT32);
  set_string_attribute(time, "units", "days since 1970-01-01");
  set_string_attribute(time, "calendar", "proleptic_gregorian");
  write_string_vector(*file_, "date", dates);
  H5::DataSet authority = write_string_vector(*file_, "authority", base.authorities);
  H5::DataSet statistic = write_string_vector(*file_, "statistic",
                                              std::vector<std::string>(kStatisticNames.begin(), kStatisticNames.end()));
  H5::DataSet difference_statistic =
      write_string_vector(*file_, "difference_statistic",
                          std::vector<std::string>(std::begin(kDifferenceStatistics), std::end(kDifferenceStatistics)));
  const std::pair<H5::DataSet*, const char*> scales[] = {{&variant, "variant"},
                                                         {&time, "time"},
                                                         {&authority, "authority"},
                                                         {&statistic, "statistic"},
                                                         {&difference_statistic, "difference_statistic"}};
  for (const auto& [ds, name] : scales) H5DSset_scale(ds->getId(), name);

  // The leading dimensions: one per variant, or one per swept key.
  std::vector<H5::DataSet> lead_scales;
  lead_ = {variants.size()};
  if (grid) {
    lead_.clear();
    file_->createGroup("sweep");
    for (std::size_t k = 0; k < grid->keys.size(); ++k) {
      lead_.push_back(grid->values[k].size());
      H5::DataSet scale = write_string_vector(*file_, "sweep/" + grid->keys[k], grid->values[k]);
      H5DSset_scale(scale.getId(), grid->keys[k].c_str());
      lead_scales.push_back(scale);
    }
  } else {
    lead_scales.push_back(variant);
  }
  file_->createGroup("summary");
  file_->createGroup("difference");
  for (const model::MeasureInfo& m : model::kMeasures) {
    std::vector<hsize_t> s_dims = lead_, d_dims = lead_;
    s_dims.insert(s_dims.end(), {kStatisticNames.size(), rows_, periods_});
    d_dims.insert(d_dims.end(), {kDifferenceCount, rows_, periods_});
    H5::DataSet summary = file_->createDataSet("summary/" + std::string(m.name), H5::PredType::IEEE_F64LE,
                                               H5::DataSpace(static_cast<int>(s_dims.size()), s_dims.data()));
    H5::DataSet difference = file_->createDataSet("difference/" + std::string(m.name), H5::PredType::IEEE_F64LE,
                                                  H5::DataSpace(static_cast<int>(d_dims.size()), d_dims.data()));
    for (H5::DataSet* ds : {&summary, &difference}) {
      set_string_attribute(*ds, "units", std::string(m.units));
      set_string_attribute(*ds, "description", std::string(m.description));
      set_string_attribute(*ds, "values", m.values == model::MeasureValues::count ? "count" : "real");
    }
    const auto leading = static_cast<unsigned>(lead_scales.size());
    for (unsigned i = 0; i < leading; ++i) {
      H5DSattach_scale(summary.getId(), lead_scales[i].getId(), i);
      H5DSattach_scale(difference.getId(), lead_scales[i].getId(), i);
    }
    H5::DataSet* scales_s[] = {&statistic, &authority, &time};
    H5::DataSet* scales_d[] = {&difference_statistic, &authority, &time};
    for (unsigned i = 0; i < 3; ++i) {
      H5DSattach_scale(summary.getId(), scales_s[i]->getId(), leading + i);
      H5DSattach_scale(difference.getId(), scales_d[i]->getId(), leading + i);
    }
  }
}

void ComparisonWriter::write_slice(H5::DataSet& dataset, std::size_t variant, const std::vector<double>& values,
                                   std::size_t statistics, std::size_t rows) {
  // The variant's position in the leading dimensions (row-major: the last key varies
  // fastest), then its whole (statistic, row, period) block.
  std::vector<hsize_t> start(lead_.size() + 3, 0), count(lead_.size() + 3, 1);
  std::size_t rest = variant;
  for (std::size_t k = lead_.size(); k-- > 0;) {
    start[k] = rest % lead_[k];
    rest /= lead_[k];
  }
  count[lead_.size()] = statistics;
  count[lead_.size() + 1] = rows;
  count[lead_.size() + 2] = periods_;
  H5::DataSpace file_space = dataset.getSpace();
  file_space.selectHyperslab(H5S_SELECT_SET, count.data(), start.data());
  const hsize_t memory_dims[1] = {values.size()};
  dataset.write(values.data(), H5::PredType::NATIVE_DOUBLE, H5::DataSpace(1, memory_dims), file_space);
}

void ComparisonWriter::write_variant(std::size_t variant, const SummaryAccumulator& summaries,
                                     const DifferenceAccumulator& differences) {
  try {
    for (const model::MeasureInfo& m : model::kMeasures) {
      const auto d = static_cast<std::size_t>(m.measure);
      H5::DataSet summary = file_->openDataSet("summary/" + std::string(m.name));
      write_slice(summary, variant, summaries.statistics(d), kStatisticNames.size(), rows_);
      H5::DataSet difference = file_->openDataSet("difference/" + std::string(m.name));
      write_slice(difference, variant, differences.statistics(d), kDifferenceCount, rows_);
    }
  } catch (const H5::Exception& e) {
    throw OutputError("cannot write the output file '" + path_ + "': " + e.getDetailMsg() + free_space_note(path_));
  }
  ++written_;
}

void ComparisonWriter::finish() {
  if (written_ != variants_) throw std::logic_error("finish() before every variant was written");
  try {
    {
      // Scoped: every object must be closed before the file (see the results writer).
      H5::Group root = file_->openGroup("/");
      set_string_attribute(root, "created_utc", utc_now());
    }
    close_once(file_);
  } catch (const H5::Exception& e) {
    throw OutputError("cannot write the output file '" + path_ + "': " + e.getDetailMsg() + free_space_note(path_));
  }
  output_.commit([&](const std::string& written) {
    verify_hdf5_file(written, format_, path_);
    if (stop_ && stop_->load()) throw OutputCancelled();
  });
  committed_ = true;
}

}  // namespace wfsim::output
