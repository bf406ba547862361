#include "output/comparison_writer.hpp"

#include <H5DSpublic.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iterator>

#include "kernel/calendar.hpp"
#include "model/measures.hpp"
#include "output/group_scales.hpp"
#include "output/hdf5_helpers.hpp"
#include "output/hdf5_results_writer.hpp"
#include "output/results_format.hpp"
#include "scenario/key_path.hpp"

namespace wfsim::output {

namespace {

// Whether a key's last part is a parameter of the value that holds it (a delay's mean,
// a spread's sd), which says nothing alone: a sweep of 'agency.booking_delay.mean' was
// a scale and dimension named "mean", beside the statistic "mean".
bool parameter_of_a_value(const std::string& key) {
  static const std::vector<std::string> kParameters = {"mean", "sd",  "shape", "low",    "high",
                                                       "min",  "max", "value", "values", "distribution"};
  const std::string last = key.substr(key.find_last_of('.') + 1);
  return std::find(kParameters.begin(), kParameters.end(), last) != kParameters.end();
}

// The key's last part, or where that is a parameter of a value, its last two
// ("booking_delay.mean").
std::string last_part(const std::string& key) {
  const std::size_t dot = key.find_last_of('.');
  if (dot == std::string::npos || !parameter_of_a_value(key)) return key.substr(dot + 1);
  const std::size_t before = key.find_last_of('.', dot - 1);
  return key.substr(before == std::string::npos ? 0 : before + 1);
}

// What a swept key means, in words: its last part ("leaving per year"), or, where two
// swept keys end alike (an agency's and a role's leaving_per_year), its last two parts
// ("agency supply leaving per year", "agency leaving per year"), or where those are
// alike too, its whole key path, so that no two share one.
std::vector<std::string> meanings_of(const std::vector<std::string>& keys, const std::vector<std::string>& rules) {
  const auto words = [](const std::string& key, int parts) {
    std::vector<std::string> pieces;
    std::string rest = key;
    while (!rest.empty() && static_cast<int>(pieces.size()) < parts) {
      const std::size_t dot = rest.find_last_of('.');
      std::string piece = rest.substr(dot == std::string::npos ? 0 : dot + 1);
      pieces.insert(pieces.begin(), piece.substr(0, piece.find('[')));
      rest = dot == std::string::npos ? "" : rest.substr(0, dot);
    }
    std::string text;
    for (const std::string& piece : pieces) text += (text.empty() ? "" : " ") + piece;
    for (char& c : text) {
      if (c == '_') c = ' ';
    }
    return text;
  };
  std::vector<std::string> last;
  for (const std::string& key : keys) last.push_back(words(key, parameter_of_a_value(key) ? 2 : 1));
  std::vector<std::string> meanings = last;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (std::count(last.begin(), last.end(), last[k]) > 1) meanings[k] = words(keys[k], 2);
  }
  // Still alike (two councils' agency.leaving_per_year): their whole key paths, which
  // differ in an index.
  const std::vector<std::string> two = meanings;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (std::count(two.begin(), two.end(), two[k]) > 1) meanings[k] = keys[k];
  }
  // A rule's key is said with the rule's name ("SE MoC cooling-off: length"): "length"
  // alone, in info, the report and the workbook, said whose it was nowhere. Only a key
  // inside one rule ("rules[0].length", not "rules[3]" whole, whose name a sweep may
  // change), and even where the meaning is the whole key path (two rules' lengths).
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const auto key = scenario::rule_key(keys[k]);
    if (key && key->rule < rules.size()) meanings[k] = rules[key->rule] + ": " + meanings[k];
  }
  return meanings;
}

// netCDF-legal dimension names for the swept keys (a key path has '[', ']' and '.'):
// the key's last part where that is unique, else the whole path with every other
// character made '_'. The path itself is kept as the scale's `key` attribute.
std::vector<std::string> sweep_dimension_names(const std::vector<std::string>& keys) {
  const auto legal = [](std::string text) {
    for (char& c : text) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
    }
    return text;
  };
  std::vector<std::string> names;
  for (const auto& key : keys) names.push_back(legal(last_part(key)));
  // The file's own dimensions keep their names: a swept key ending in one of them
  // (rules[0].members[0].authority) is named by its whole path.
  static const std::vector<std::string> reserved = {"authority",    "statistic",           "time", "date", "variant",
                                                    "variant_file", "difference_statistic"};
  // Which names clash is decided before any is renamed: renaming the first of two
  // clashing names inside the loop left the second looking unique, so it kept the
  // short name and `sel(applicants_per_year=20)` silently meant the second council's.
  // Nor may one be a measure's name: each group of measures holds a copy of the
  // scales beside them, so `labour_market.agency_idle` failed the file when its scale
  // met the measure agency_idle there ("H5Dcreate2 failed", every point run for
  // nothing).
  const auto is_measure = [](const std::string& name) {
    return std::any_of(model::kMeasures.begin(), model::kMeasures.end(),
                       [&](const model::MeasureInfo& m) { return name == m.name; });
  };
  std::vector<bool> whole_path(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const bool taken = std::find(reserved.begin(), reserved.end(), names[i]) != reserved.end() || is_measure(names[i]);
    whole_path[i] = taken || std::count(names.begin(), names.end(), names[i]) > 1;
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (whole_path[i]) names[i] = "sweep_" + legal(keys[i]);
  }
  return names;
}

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
  format_ = grid ? "wfsim-sweep" : "wfsim-comparison";
  write_run_attributes(base);
  H5::DataSet variant = write_variants(variants, grid != nullptr);
  write_axes(base, variant);
  const std::vector<GroupScales::Dimension> leading = write_leading_dimensions(variants, grid, base.rules);
  GroupScales group_scales(*file_);
  H5::DataSet date = file_->openDataSet("date");
  group_scales.attach(date, {{"time", "time"}});
  H5::DataSet variant_file = file_->openDataSet("variant_file");
  group_scales.attach(variant_file, {{"variant", "variant"}});
  // Each measure's summaries and differences by period; and, for the measures that add
  // up over time, of each replication's total over the reported periods, so that a cost
  // booked in one month (a cohort's trainees) is judged over the run, with its paired
  // interval, not by the month it falls in.
  create_statistics(group_scales, leading, "summary", "difference", true);
  create_statistics(group_scales, leading, "total_summary", "total_difference", false);
}

void ComparisonWriter::write_run_attributes(const RunDescription& base) {
  H5::Group root = file_->openGroup("/");
  set_string_attribute(root, "format", format_);
  set_number_attribute(root, "format_version", H5::PredType::NATIVE_INT, kResultsFormatVersion);
  set_string_attribute(root, "engine_version", base.engine_version);
  set_string_attribute(root, "command_line", base.command_line);
  set_string_attribute(root, "notes", base.notes);
  set_number_attribute(root, "seed", H5::PredType::NATIVE_UINT64, base.seed);
  set_number_attribute(root, "replications", H5::PredType::NATIVE_UINT64,
                       static_cast<std::uint64_t>(base.replications));
  // Every variant runs the base's dates (compare refuses others): a reader could not
  // tell a warm-up from a comparison file, which had none of them.
  const auto& p = base.scenario->parameters;
  set_string_attribute(root, "start_date", kernel::format_iso_date(p.start_day));
  set_string_attribute(root, "end_date", kernel::format_iso_date(p.end_day));
  set_string_attribute(root, "report_start_date", kernel::format_iso_date(p.report_start_day));
}

H5::DataSet ComparisonWriter::write_variants(const std::vector<VariantInfo>& variants, bool sweep) {
  std::vector<std::string> names, files;
  for (const auto& v : variants) {
    names.push_back(v.name);
    files.push_back(v.file);
  }
  H5::DataSet variant = write_string_vector(*file_, "variant", names);
  write_string_vector(*file_, "variant_file", files);
  file_->createGroup("scenario");
  for (std::size_t i = 0; i < variants.size(); ++i) {
    write_string_scalar(*file_, "scenario/" + std::to_string(i), variants[i].text);
  }
  // Each variant's bases' texts, whose comments declare the assumptions the variant's
  // own file does not (as in a results file's /scenario_extends). A sweep's points run
  // one scenario: its bases once, as point 0's (England's would be 240 KB a point).
  if (std::any_of(variants.begin(), variants.end(), [](const VariantInfo& v) { return !v.extends_texts.empty(); })) {
    file_->createGroup("scenario_extends");
    for (std::size_t i = 0; i < (sweep ? 1 : variants.size()); ++i) {
      if (variants[i].extends_texts.empty()) continue;
      H5::DataSet texts =
          write_string_vector(*file_, "scenario_extends/" + std::to_string(i), variants[i].extends_texts);
      set_string_attribute(texts, "extends", one_per_line(variants[i].extends));
      H5DSset_scale(texts.getId(), std::to_string(i).c_str());  // its own dimension, for netCDF readers
    }
  }
  return variant;
}

// The time, date, authority and statistic axes, and the scales of every axis.
void ComparisonWriter::write_axes(const RunDescription& base, H5::DataSet& variant) {
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
}

// The leading dimensions: one per variant, or one per swept key, each with its scale.
std::vector<GroupScales::Dimension> ComparisonWriter::write_leading_dimensions(const std::vector<VariantInfo>& variants,
                                                                               const SweepGrid* grid,
                                                                               const std::vector<std::string>& rules) {
  std::vector<GroupScales::Dimension> leading;
  lead_ = {variants.size()};
  if (!grid) {
    leading.push_back({"variant", "variant"});
    return leading;
  }
  lead_.clear();
  file_->createGroup("sweep");
  const std::vector<std::string> dimension_names = sweep_dimension_names(grid->keys);
  const std::vector<std::string> meanings = meanings_of(grid->keys, rules);
  for (std::size_t k = 0; k < grid->keys.size(); ++k) {
    const std::string& name = dimension_names[k];
    lead_.push_back(grid->values[k].size());
    H5::DataSet scale = write_string_vector(*file_, "sweep/" + name, grid->values[k]);
    set_string_attribute(scale, "key", grid->keys[k]);
    set_string_attribute(scale, "long_name", meanings[k]);
    H5DSset_scale(scale.getId(), name.c_str());
    leading.push_back({"sweep/" + name, name});
  }
  return leading;
}

void ComparisonWriter::create_statistics(GroupScales& group_scales, const std::vector<GroupScales::Dimension>& leading,
                                         const std::string& summaries, const std::string& differences, bool by_period) {
  file_->createGroup(summaries);
  file_->createGroup(differences);
  for (const model::MeasureInfo& m : model::kMeasures) {
    if (!by_period && !model::adds_up_over_time(m.measure)) continue;
    // (leading..., statistic, authority[, time]), labelled by their scales.
    std::vector<hsize_t> s_dims = lead_, d_dims = lead_;
    std::vector<GroupScales::Dimension> s_scales = leading, d_scales = leading;
    s_dims.insert(s_dims.end(), {kStatisticNames.size(), rows_});
    d_dims.insert(d_dims.end(), {kDifferenceCount, rows_});
    s_scales.insert(s_scales.end(), {{"statistic", "statistic"}, {"authority", "authority"}});
    d_scales.insert(d_scales.end(), {{"difference_statistic", "difference_statistic"}, {"authority", "authority"}});
    if (by_period) {
      s_dims.push_back(periods_);
      d_dims.push_back(periods_);
      s_scales.push_back({"time", "time"});
      d_scales.push_back({"time", "time"});
    }
    H5::DataSet summary = file_->createDataSet(summaries + "/" + std::string(m.name), H5::PredType::IEEE_F64LE,
                                               H5::DataSpace(static_cast<int>(s_dims.size()), s_dims.data()));
    H5::DataSet difference = file_->createDataSet(differences + "/" + std::string(m.name), H5::PredType::IEEE_F64LE,
                                                  H5::DataSpace(static_cast<int>(d_dims.size()), d_dims.data()));
    for (H5::DataSet* ds : {&summary, &difference}) {
      set_string_attribute(*ds, "units", std::string(m.units));
      set_string_attribute(
          *ds, "description",
          std::string(m.description) + (by_period ? "" : "; summed over the reported periods of each replication"));
      set_string_attribute(*ds, "values", m.values == model::MeasureValues::count ? "count" : "real");
      // A month's snapshot or sum, as a results file says: charts label a flow "per month".
      // A total over the run is neither.
      if (by_period) set_string_attribute(*ds, "kind", model::kind_name(m.kind));
    }
    group_scales.attach(summary, s_scales);
    group_scales.attach(difference, d_scales);
    summary.close();  // a failure thrown here, not printed by the destructor (see write_slice)
    difference.close();
  }
}

void ComparisonWriter::write_slice(const std::string& name, std::size_t variant, const std::vector<double>& values,
                                   std::initializer_list<hsize_t> block) {
  H5::DataSet dataset = file_->openDataSet(name);
  // The variant's position in the leading dimensions (row-major: the last key varies
  // fastest), then its whole block: (statistic, row, period), or (statistic, row).
  std::vector<hsize_t> start(lead_.size() + block.size(), 0), count(lead_.size(), 1);
  std::size_t rest = variant;
  for (std::size_t k = lead_.size(); k-- > 0;) {
    start[k] = rest % lead_[k];
    rest /= lead_[k];
  }
  count.insert(count.end(), block);
  H5::DataSpace file_space = dataset.getSpace();
  file_space.selectHyperslab(H5S_SELECT_SET, count.data(), start.data());
  const hsize_t memory_dims[1] = {values.size()};
  dataset.write(values.data(), H5::PredType::NATIVE_DOUBLE, H5::DataSpace(1, memory_dims), file_space);
  // Closed here, so that a failure to flush it (a full disk) is thrown and reported
  // once. Left to H5::DataSet's destructor, it would be printed to stderr, one line a
  // dataset, and passed over. (H5Dclose releases the dataset even when it fails, so the
  // destructor has nothing left to close.)
  dataset.close();
}

void ComparisonWriter::write_variant(std::size_t variant, const SummaryAccumulator& summaries,
                                     const DifferenceAccumulator& differences, const SummaryAccumulator& totals,
                                     const DifferenceAccumulator& total_differences) {
  try {
    for (const model::MeasureInfo& m : model::kMeasures) {
      const auto d = static_cast<std::size_t>(m.measure);
      const std::string name(m.name);
      write_slice("summary/" + name, variant, summaries.statistics(d), {kStatisticNames.size(), rows_, periods_});
      write_slice("difference/" + name, variant, differences.statistics(d), {kDifferenceCount, rows_, periods_});
      if (!model::adds_up_over_time(m.measure)) continue;
      // The totals' statistics are (statistic, row, one period).
      write_slice("total_summary/" + name, variant, totals.statistics(d), {kStatisticNames.size(), rows_});
      write_slice("total_difference/" + name, variant, total_differences.statistics(d), {kDifferenceCount, rows_});
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
