#include "cli/variant_commands.hpp"

#include <boost/program_options.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "cli/failure_words.hpp"
#include "cli/job_stop.hpp"
#include "cli/periods_shown.hpp"
#include "cli/progress.hpp"
#include "cli/run_notes.hpp"
#include "cli/sweep_grid.hpp"
#include "cli/zero_differences.hpp"
#include "experiment/paired_runner.hpp"
#include "kernel/calendar.hpp"
#include "model/runaway_error.hpp"
#include "model/workforce_model.hpp"
#include "output/atomic_file.hpp"
#include "output/comparison_writer.hpp"
#include "output/overwrite_guard.hpp"
#include "parallel/cluster.hpp"
#include "scenario/same_simulation.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/suggest.hpp"
#include "support/visible_text.hpp"
#include "version.hpp"

namespace wfsim::cli {

namespace {

struct VariantRunOptions {
  std::uint64_t seed = 1;
  std::size_t replications = 100;
  int threads = 1;
  ProgressStyle progress = ProgressStyle::none;
  std::string command_line;
  std::string notes;  // RunNotes::kept
};

// The common options of compare and sweep.
void add_variant_options(po::options_description& options) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  options.add_options()("help,h", "show this help")("output,o", po::value<std::string>(), "file to write (HDF5)")(
      "replications,n", po::value<WholeNumber>()->default_value(WholeNumber{100}, "100"),
      "replications of every variant, or sweep point (at least 2: a paired difference needs them)")(
      "seed", po::value<WholeNumber>()->default_value(WholeNumber{1}, "1"),
      "master random seed, shared by every variant or sweep point")(
      "threads,j", po::value<WholeNumber>()->default_value(WholeNumber{cores}, std::to_string(cores)),
      "worker threads (results do not depend on it)")(
      "quiet,q", "no progress or summary output (notes on the scenario are still printed)")(
      "progress", "a progress line every 15 s where standard error is no terminal (a batch job's log, mpirun)")(
      "force",
      "replace the output file even if it is not one this command writes (never one of the inputs, "
      "nor a name whose suffix says another format)");
}

VariantRunOptions variant_options(const po::variables_map& vm, const std::string& command_line, bool interactive) {
  VariantRunOptions o;
  if (!vm.count("output")) throw UsageError("missing the output file: add -o OUT.h5");
  // At least 2, for a confidence interval: said in the range, which -n 0 gave as 1 (an audit).
  o.replications = whole_option(vm, "replications", 2, kMaxReplications, kWhyMaxReplications);
  o.threads = static_cast<int>(whole_option(vm, "threads", 1, kMaxThreads, "one per core is best"));
  if (o.threads < 1) throw UsageError("--threads must be at least 1");
  o.seed = whole_option(vm, "seed", 0, UINT64_MAX);
  o.progress = progress_style(vm.count("quiet") > 0, vm.count("progress") > 0, interactive);
  o.command_line = command_line;
  return o;
}

// Checks that every variant can be paired with the first, replication by replication.
void check_pairable(const std::vector<scenario::Scenario>& scenarios, const std::vector<std::string>& labels) {
  const auto& base = scenarios.front().parameters;
  auto days = [](std::int64_t from, std::int64_t to) {  // `to` exclusive, shown as the last day, as info does
    return kernel::format_iso_date(from) + " to " + kernel::format_iso_date(to - 1);
  };
  for (std::size_t i = 1; i < scenarios.size(); ++i) {
    const auto& p = scenarios[i].parameters;
    // What differs, first found: so the user knows which key of the variant to fix.
    std::string differs;
    if (p.start_day != base.start_day || p.end_day != base.end_day) {
      differs = "it runs " + days(p.start_day, p.end_day) + ", the first " + days(base.start_day, base.end_day);
    } else if (p.report_start_day != base.report_start_day) {
      differs = "its warm-up ends " + kernel::format_iso_date(p.report_start_day) + ", the first's " +
                kernel::format_iso_date(base.report_start_day);
    } else if (p.authorities.size() != base.authorities.size()) {
      differs = "it has " + std::to_string(p.authorities.size()) + " authorities, the first " +
                std::to_string(base.authorities.size());
    } else {
      for (std::size_t a = 0; differs.empty() && a < p.authorities.size(); ++a) {
        if (p.authorities[a].name != base.authorities[a].name) {
          differs = "its authority " + std::to_string(a) + " is '" + p.authorities[a].name + "', the first's '" +
                    base.authorities[a].name + "'";
        }
      }
    }
    if (!differs.empty()) {
      throw UsageError("'" + labels[i] + "' does not simulate the same authorities over the same dates as '" +
                       labels[0] + "', so their results cannot be paired: " + differs);
    }
  }
}

// The name labels a variant in every table and chart: two alike could not be told apart
// there (a copied variant whose name was not changed). Checks the last against the rest.
void refuse_named_alike(const std::vector<std::string>& files, const std::vector<std::string>& names) {
  const std::size_t i = names.size() - 1;
  for (std::size_t j = 0; j < i; ++j) {
    if (names[j] == names[i]) {
      throw UsageError("'" + files[j] + "' and '" + files[i] + "' are both named '" + names[i] +
                       "', which labels a variant in every table and chart: give each its own 'name:'");
    }
  }
}

// Where a comparison or sweep goes, and what it may replace (output/overwrite_guard.hpp).
struct OutputTarget {
  std::string path;
  output::OutputKind kind;
  std::vector<std::string> inputs;
  bool force = false;
};

// The output path refused, if it is to be, before the scenarios' notes are said: they
// came first, and the refusal after them. run_variants checks it again as it creates
// the file (something may have been put there since).
void refuse_output_early(const OutputTarget& target, std::ostream& err) {
  on_rank_zero(parallel::cluster(), err,
               [&] { output::check_overwrite(target.path, target.kind, target.inputs, target.force); });
}

// Runs every variant on common random numbers, paired as they are computed, into one
// comparison (or sweep) file.
void run_variants(const std::vector<scenario::Scenario>& scenarios, const std::vector<std::string>& labels,
                  const OutputTarget& target, const VariantRunOptions& options, const std::atomic<bool>* stop,
                  std::ostream& err, const output::SweepGrid* grid) {
  // Spread over MPI ranks, only rank 0 writes.
  parallel::Cluster& cluster = parallel::cluster();
  std::optional<output::ComparisonWriter> writer;
  on_rank_zero(cluster, err, [&] {
    output::check_overwrite(target.path, target.kind, target.inputs, target.force);
    writer.emplace(target.path);
    writer->cancel_on(stop);
  });
  if (cluster.size() > 1) agree_on_input(cluster, input_digest(options.command_line, target.inputs), stop, err);
  std::vector<output::VariantInfo> info;
  for (std::size_t i = 0; i < scenarios.size(); ++i) info.push_back(variant_info(labels[i], scenarios[i]));
  experiment::ExperimentOptions run;
  run.seed = options.seed;
  run.replications = options.replications;
  run.threads = options.threads;
  run.stop = stop;
  run.engine_version = kEngineVersion;
  run.command_line = options.command_line;
  run.notes = options.notes;
  // A sweep's variants are its grid's points.
  const std::string set = std::to_string(scenarios.size()) + (grid ? " points x " : " variants x ") +
                          std::to_string(options.replications) + " replications";
  if (options.progress != ProgressStyle::none && cluster.rank() == 0) err << set << ", paired as they run\n";
  Progress progress(err, options.progress, "runs (" + set + ")");
  run.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
  run_replications(cluster, writer, progress, err,
                   [&] { experiment::run_paired(scenarios, run, cluster, writer ? &*writer : nullptr, info, grid); });
}

// After the run: a variant whose differences from the baseline all came out 0, unless
// said before the run (written as the baseline is: note_unchanged_variants). Said of
// these replications only: a change too small to move a draw in 2 may move some in 10
// (a review). Printed, not kept in the file, whose notes are written as it begins.
void note_variants_with_no_difference(const std::vector<scenario::Scenario>& scenarios,
                                      const std::vector<std::string>& files, const std::string& output_path,
                                      std::size_t replications, RunNotes& notes) {
  for (const std::size_t v : variants_with_no_difference(output_path)) {
    if (scenario::simulates_the_same(scenarios[0], scenarios[v])) continue;
    notes.say([&](std::ostream& o) {
      o << "note: '" << files[v] << "' came out as '" << files[0] << "' did in these " << replications
        << " replications: every difference from the baseline is 0 (its change acts on nothing the file measures, "
           "was left out, restates a value the baseline has, or is too small to change a draw in "
        << replications << " replications)\n";
    });
  }
}

void print_compare_help(std::ostream& out, const po::options_description& options,
                        const po::positional_options_description& positional) {
  out << "Usage: wfsim compare BASE POLICY [POLICY ...] -o OUT.h5 [-n N] [--seed S] [--threads T]\n\n"
         "Runs the baseline and each policy variant with the same seed and replications, so\n"
         "replication k of every variant draws the same random numbers (common random\n"
         "numbers). Writes each variant's summaries and, per measure, authority and month,\n"
         "the paired difference from the baseline with its 95% confidence interval; and for\n"
         "costs, leavers and starters the same of each replication's total over the run\n"
         "(layout: docs/output-format.md, 'Comparison files'). Variants must simulate the\n"
         "same authorities over the same dates, and each needs its own name (its 'name:'\n"
         "labels it in every table and chart); a variant is typically written with\n"
         "'extends: BASE.yaml', a new name and a few changed keys. A variant that simulates\n"
         "what the baseline does, but for its name, is noted: before the run where it is\n"
         "written alike, after it where its differences all came out 0 (printed only: the\n"
         "file's notes are those said before the run).\n\n"
         "Example:\n"
         "  wfsim compare scenarios/buckinghamshire-2015.yaml \\\n"
         "      scenarios/buckinghamshire-2015-supplement.yaml \\\n"
         "      scenarios/buckinghamshire-2015-nqsw.yaml -o policies.h5 -n 200\n\n"
      << help_options(options, positional);
}

}  // namespace

int compare_command(const std::vector<std::string>& args, const std::string& command_line, std::ostream& out,
                    std::ostream& err, const std::atomic<bool>* stop, bool interactive) {
  po::options_description options("Options");
  add_variant_options(options);
  options.add_options()("scenario", po::value<std::vector<std::string>>(), "scenario files");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  const po::variables_map vm = parse(options, positional, args);
  if (vm.count("help")) {
    print_compare_help(out, options, positional);
    return kSuccess;
  }
  const auto files = vm.count("scenario") ? vm["scenario"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (files.size() < 2) throw UsageError("give a baseline and at least one policy scenario");
  VariantRunOptions run = variant_options(vm, command_line, interactive);
  std::vector<scenario::Scenario> scenarios;
  std::vector<std::string> names;
  std::set<std::string> notes_printed;
  RunNotes notes(err);  // even when quiet, as for run
  const bool says = parallel::cluster().rank() == 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    scenarios.push_back(scenario::load_scenario_file(files[i]));
    names.push_back(scenarios.back().name);
    refuse_named_alike(files, names);
  }
  check_pairable(scenarios, files);
  const std::string output_path = vm["output"].as<std::string>();
  const std::string wrote = wrote_line(output_path);
  std::vector<std::string> inputs;
  for (const auto& sc : scenarios) {
    const auto read = input_files(sc);
    inputs.insert(inputs.end(), read.begin(), read.end());
  }
  const OutputTarget target{output_path, output::OutputKind::comparison, inputs, vm.count("force") > 0};
  refuse_output_early(target, err);
  if (says) {
    for (const auto& sc : scenarios) notes.say([&](std::ostream& o) { print_notes(sc, o, &notes_printed); });
  }
  if (says) notes.say([&](std::ostream& o) { note_variants_against_base(scenarios, files, o); });
  if (says) notes.say([&](std::ostream& o) { note_few_replications(run.replications, o); });
  run.notes = notes.kept();
  run_variants(scenarios, names, target, run, stop, err, nullptr);
  if (says) note_variants_with_no_difference(scenarios, files, output_path, run.replications, notes);
  if (!vm.count("quiet")) {
    out << wrote << ": " << scenarios.size() << " variants x " << run.replications
        << " replications on common random numbers, seed " << run.seed << "\n";
  }
  return kSuccess;
}

namespace {

void print_sweep_help(std::ostream& out, const po::options_description& options,
                      const po::positional_options_description& positional) {
  out << "Usage: wfsim sweep SCENARIO --vary KEY.PATH=V1,V2,... [--vary ...] -o OUT.h5 [-n N] [--seed S]\n\n"
         "Runs the scenario at every combination of the values given (each applied like\n"
         "--set, and validated the same way), all on common random numbers, and writes one\n"
         "file in which each swept key is a dimension: each point's summaries and its paired\n"
         "difference from the first point, by month and, for costs, leavers and starters,\n"
         "of each replication's total over the run (layout: docs/output-format.md, 'Sweep\n"
         "files'). At most 1,000 points; the keys may not hold one another (a mapping and\n"
         "a key inside it), nor be only a label (name, description, a rule's name). A\n"
         "value given twice as the same number or duration (0.1 and 0.10, 1 week and 7\n"
         "days) is refused; a point that still simulates what an earlier one does (a value\n"
         "written otherwise, quoted say) is noted. Values split at every comma outside\n"
         "braces, brackets and quotes: write numbers without thousands separators (31250).\n\n"
         "Example:\n"
         "  wfsim sweep scenarios/buckinghamshire-2015.yaml -o sweep.h5 -n 200 \\\n"
         "      --vary 'authorities[0].roles[0].recruitment.applicants_per_year=36,48,60' \\\n"
         "      --vary 'authorities[0].roles[0].leaving.turnover_per_year=0.15,0.173,0.2'\n\n"
      << help_options(options, positional);
}

}  // namespace

int sweep_command(const std::vector<std::string>& args, const std::string& command_line, std::ostream& out,
                  std::ostream& err, const std::atomic<bool>* stop, bool interactive) {
  po::options_description options("Options");
  add_variant_options(options);
  options.add_options()("vary", po::value<std::vector<std::string>>()->composing(),
                        "a key and its values: KEY.PATH=V1,V2,... (repeatable; the grid is every combination)")(
      "scenario", po::value<std::string>(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const po::variables_map vm = parse(options, positional, args);
  if (vm.count("help")) {
    print_sweep_help(out, options, positional);
    return kSuccess;
  }
  if (!vm.count("scenario")) throw UsageError("missing the scenario file");
  if (!vm.count("vary")) throw UsageError("give at least one --vary KEY.PATH=V1,V2,...,VN");
  VariantRunOptions run = variant_options(vm, command_line, interactive);
  const output::SweepGrid grid = parse_sweep_grid(vm["vary"].as<std::vector<std::string>>());
  std::vector<std::string> labels;
  const std::vector<scenario::Scenario> scenarios = sweep_points(grid, vm["scenario"].as<std::string>(), labels);
  const std::size_t points = scenarios.size();
  check_pairable(scenarios, labels);
  const std::string output_path = vm["output"].as<std::string>();
  const std::string wrote = wrote_line(output_path);
  const OutputTarget target{output_path, output::OutputKind::sweep, input_files(scenarios.front()),
                            vm.count("force") > 0};
  refuse_output_early(target, err);  // after the points pair, as compare's
  // Even when quiet, as for run.
  RunNotes notes(err);
  const bool says = parallel::cluster().rank() == 0;
  if (says) notes.say([&](std::ostream& o) { print_sweep_notes(scenarios, grid, o); });
  // Once every point loads: a value the scenario refuses ('[36,48]', a list) was first
  // noted as "one value: every point runs with it", then refused.
  if (says) notes.say([&](std::ostream& o) { note_single_values(grid, o); });
  if (says)
    notes.say([&](std::ostream& o) { note_thousands_separators(vm["vary"].as<std::vector<std::string>>(), o); });
  if (says) notes.say([&](std::ostream& o) { note_points_alike(scenarios, labels, o); });
  if (says) notes.say([&](std::ostream& o) { note_payments_in_figures_differ(scenarios, labels, o); });
  if (says) notes.say([&](std::ostream& o) { note_few_replications(run.replications, o); });
  run.notes = notes.kept();
  run_variants(scenarios, labels, target, run, stop, err, &grid);
  if (!vm.count("quiet")) {
    out << wrote << ": a sweep of " << points << (points == 1 ? " point x " : " points x ") << run.replications
        << (run.replications == 1 ? " replication" : " replications") << " on common random numbers, seed " << run.seed
        << "\n";
  }
  return kSuccess;
}

}  // namespace wfsim::cli
