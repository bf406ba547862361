#include "output/comparison_writer.hpp"

#include <H5Cpp.h>
#include <H5DSpublic.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <iterator>

#include "model/measures.hpp"
#include "output/atomic_file.hpp"
#include "output/hdf5_helpers.hpp"
#include "output/hdf5_results_writer.hpp"
#include "output/summary_statistics.hpp"

namespace wfsim::output {

namespace {

constexpr std::size_t kDifferenceCount = std::size(kDifferenceStatistics);
constexpr std::size_t kBufferDoubles = std::size_t{1} << 18;  // per variant read

std::vector<hsize_t> dims_of(const H5::DataSet& ds) {
  const int rank = ds.getSpace().getSimpleExtentNdims();
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  ds.getSpace().getSimpleExtentDims(dims.data());
  return dims;
}

}  // namespace

void write_comparison(const std::vector<VariantResults>& variants, const std::string& path,
                      const std::string& command_line, const std::string& engine_version, const SweepGrid* grid) {
  H5::Exception::dontPrint();
  std::vector<H5::H5File> inputs;
  for (const auto& v : variants) inputs.emplace_back(v.results, H5F_ACC_RDONLY);
  const H5::H5File& base = inputs.front();
  const std::vector<hsize_t> series_dims = dims_of(base.openDataSet("series/permanent_headcount"));
  const hsize_t replications = series_dims[0], rows = series_dims[1], periods = series_dims[2];

  AtomicFile output(path);
  H5::H5File out;
  try {
    out = H5::H5File(output.temporary(), H5F_ACC_TRUNC);
  } catch (const H5::Exception&) {
    throw OutputError("cannot create the output file '" + path + "' (is the directory there and writable?)");
  }

  // Metadata: the baseline's, plus what makes this a comparison.
  H5::Group root = out.openGroup("/");
  set_string_attribute(root, "format", grid ? "wfsim-sweep" : "wfsim-comparison");
  const int version = 1;
  root.createAttribute("format_version", H5::PredType::NATIVE_INT, H5::DataSpace(H5S_SCALAR))
      .write(H5::PredType::NATIVE_INT, &version);
  set_string_attribute(root, "engine_version", engine_version);
  set_string_attribute(root, "command_line", command_line);
  set_string_attribute(root, "created_utc", utc_now());
  for (const char* name : {"seed", "replications"}) {
    std::uint64_t value = 0;
    base.openAttribute(name).read(H5::PredType::NATIVE_UINT64, &value);
    root.createAttribute(name, H5::PredType::NATIVE_UINT64, H5::DataSpace(H5S_SCALAR))
        .write(H5::PredType::NATIVE_UINT64, &value);
  }
  std::vector<std::string> names, files;
  for (const auto& v : variants) {
    names.push_back(v.name);
    files.push_back(v.file);
  }
  H5::DataSet variant = write_string_vector(out, "variant", names);
  write_string_vector(out, "variant_file", files);
  out.createGroup("scenario");
  for (std::size_t i = 0; i < variants.size(); ++i) {
    std::string text;
    H5::DataSet source = inputs[i].openDataSet("scenario");
    source.read(text, source.getStrType());
    const H5::StrType type = utf8_string();
    out.createDataSet("scenario/" + std::to_string(i), type, H5::DataSpace(H5S_SCALAR)).write(text, type);
  }
  // Scales copied from the baseline.
  std::vector<std::int32_t> days(periods);
  base.openDataSet("time").read(days.data(), H5::PredType::NATIVE_INT32);
  const hsize_t t_dims[1] = {periods};
  H5::DataSet time = out.createDataSet("time", H5::PredType::NATIVE_INT32, H5::DataSpace(1, t_dims));
  time.write(days.data(), H5::PredType::NATIVE_INT32);
  set_string_attribute(time, "units", "days since 1970-01-01");
  set_string_attribute(time, "calendar", "proleptic_gregorian");
  write_string_vector(out, "date", read_string_vector(base.openDataSet("date")));
  H5::DataSet authority = write_string_vector(out, "authority", read_string_vector(base.openDataSet("authority")));
  H5::DataSet statistic = write_string_vector(out, "statistic", read_string_vector(base.openDataSet("statistic")));
  H5::DataSet difference_statistic =
      write_string_vector(out, "difference_statistic",
                          std::vector<std::string>(std::begin(kDifferenceStatistics), std::end(kDifferenceStatistics)));
  const std::pair<H5::DataSet*, const char*> scales[] = {{&variant, "variant"},
                                                         {&time, "time"},
                                                         {&authority, "authority"},
                                                         {&statistic, "statistic"},
                                                         {&difference_statistic, "difference_statistic"}};
  for (const auto& [ds, name] : scales) H5DSset_scale(ds->getId(), name);

  // The leading dimensions: one per variant, or one per swept key.
  std::vector<hsize_t> lead = {variants.size()};
  std::vector<H5::DataSet> lead_scales;
  if (grid) {
    lead.clear();
    out.createGroup("sweep");
    for (std::size_t k = 0; k < grid->keys.size(); ++k) {
      lead.push_back(grid->values[k].size());
      H5::DataSet scale = write_string_vector(out, "sweep/" + grid->keys[k], grid->values[k]);
      H5DSset_scale(scale.getId(), grid->keys[k].c_str());
      lead_scales.push_back(scale);
    }
  } else {
    lead_scales.push_back(variant);
  }
  out.createGroup("summary");
  out.createGroup("difference");
  const std::size_t v_count = variants.size();
  const std::size_t per_read = std::max<std::size_t>(1, kBufferDoubles / std::max<hsize_t>(1, replications));
  std::vector<double> base_values(replications * per_read), other_values(replications * per_read);
  for (const model::MeasureInfo& m : model::kMeasures) {
    const std::string name(m.name);
    // Each variant's summaries, side by side: (variant, statistic, authority, time).
    const std::size_t s_count = kStatisticNames.size();
    std::vector<double> summaries(v_count * s_count * rows * periods);
    for (std::size_t v = 0; v < v_count; ++v) {
      inputs[v]
          .openDataSet("summary/" + name)
          .read(summaries.data() + v * s_count * rows * periods, H5::PredType::NATIVE_DOUBLE);
    }
    std::vector<hsize_t> s_dims = lead;
    s_dims.insert(s_dims.end(), {s_count, rows, periods});
    H5::DataSet summary = out.createDataSet("summary/" + name, H5::PredType::NATIVE_DOUBLE,
                                            H5::DataSpace(static_cast<int>(s_dims.size()), s_dims.data()));
    summary.write(summaries.data(), H5::PredType::NATIVE_DOUBLE);
    // Paired differences from the baseline: (variant, difference statistic, authority, time).
    std::vector<double> differences(v_count * kDifferenceCount * rows * periods, 0.0);
    H5::DataSet base_series = inputs[0].openDataSet("series/" + name);
    for (std::size_t v = 0; v < v_count; ++v) {
      H5::DataSet series = inputs[v].openDataSet("series/" + name);
      for (hsize_t a = 0; a < rows; ++a) {
        for (hsize_t t0 = 0; t0 < periods; t0 += per_read) {
          const hsize_t n = std::min<hsize_t>(per_read, periods - t0);
          const hsize_t start[3] = {0, a, t0};
          const hsize_t extent[3] = {replications, 1, n};
          H5::DataSpace memory(3, extent);
          H5::DataSpace file_space = base_series.getSpace();
          file_space.selectHyperslab(H5S_SELECT_SET, extent, start);
          base_series.read(base_values.data(), H5::PredType::NATIVE_DOUBLE, memory, file_space);
          H5::DataSpace other_space = series.getSpace();
          other_space.selectHyperslab(H5S_SELECT_SET, extent, start);
          series.read(other_values.data(), H5::PredType::NATIVE_DOUBLE, memory, other_space);
          for (hsize_t t = 0; t < n; ++t) {
            double sum = 0, squares = 0, count = 0;
            for (hsize_t r = 0; r < replications; ++r) {
              const double d = other_values[r * n + t] - base_values[r * n + t];
              if (std::isnan(d)) continue;  // undefined in either run
              sum += d;
              count += 1;
            }
            const double mean = count > 0 ? sum / count : std::nan("");
            for (hsize_t r = 0; r < replications; ++r) {
              const double d = other_values[r * n + t] - base_values[r * n + t];
              if (!std::isnan(d)) squares += (d - mean) * (d - mean);
            }
            const double sd = count > 1 ? std::sqrt(squares / (count - 1)) : std::nan("");
            const double half = 1.96 * sd / std::sqrt(count);
            const double stats[kDifferenceCount] = {mean, sd, mean - half, mean + half, count};
            for (std::size_t k = 0; k < kDifferenceCount; ++k) {
              differences[((v * kDifferenceCount + k) * rows + a) * periods + t0 + t] = stats[k];
            }
          }
        }
      }
    }
    std::vector<hsize_t> d_dims = lead;
    d_dims.insert(d_dims.end(), {kDifferenceCount, rows, periods});
    H5::DataSet difference = out.createDataSet("difference/" + name, H5::PredType::NATIVE_DOUBLE,
                                               H5::DataSpace(static_cast<int>(d_dims.size()), d_dims.data()));
    difference.write(differences.data(), H5::PredType::NATIVE_DOUBLE);
    for (H5::DataSet* ds : {&summary, &difference}) {
      set_string_attribute(*ds, "units", std::string(m.units));
      set_string_attribute(*ds, "description", std::string(m.description));
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
  out.close();
  output.commit();
}

}  // namespace wfsim::output
