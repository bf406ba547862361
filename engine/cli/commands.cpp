#include "cli/commands.hpp"

#include <H5Cpp.h>
#include <unistd.h>

#include <array>
#include <boost/program_options.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>
#include <thread>

#include "calibrate/calibration.hpp"
#include "cli/backtest_command.hpp"
#include "cli/command_support.hpp"
#include "cli/failure_words.hpp"
#include "cli/info_command.hpp"
#include "cli/input_agreement.hpp"
#include "cli/job_stop.hpp"
#include "cli/overview.hpp"
#include "cli/periods_shown.hpp"
#include "cli/precision_report.hpp"
#include "cli/progress.hpp"
#include "cli/run_notes.hpp"
#include "cli/scenario_commands.hpp"
#include "cli/sweep_grid.hpp"
#include "experiment/distributed_runner.hpp"
#include "experiment/experiment_runner.hpp"
#include "experiment/paired_runner.hpp"
#include "import/csww_data.hpp"
#include "kernel/calendar.hpp"
#include "kernel/visible_text.hpp"
#include "model/runaway_error.hpp"
#include "model/workforce_model.hpp"
#include "output/atomic_file.hpp"
#include "output/comparison_writer.hpp"
#include "output/hdf5_results_writer.hpp"
#include "output/overwrite_guard.hpp"
#include "parallel/cluster.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/suggest.hpp"
#include "version.hpp"

namespace wfsim::cli {

volatile std::sig_atomic_t g_interrupt_signal = 0;

void record_interrupt(int signal) noexcept { g_interrupt_signal = signal; }

int interrupted_code() noexcept {
  const int signal = g_interrupt_signal;
  return signal != 0 ? 128 + signal : kInterrupted;
}

namespace {

po::options_description run_options(unsigned cores) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("output,o", po::value<std::string>(),
                                                    "results file to write (HDF5)")(
      "replications,n", po::value<WholeNumber>()->default_value(WholeNumber{100}, "100"),
      "number of Monte Carlo replications")("seed", po::value<WholeNumber>()->default_value(WholeNumber{1}, "1"),
                                            "master random seed")(
      "threads,j", po::value<WholeNumber>()->default_value(WholeNumber{cores}, std::to_string(cores)),
      "worker threads (results do not depend on it)")("set", po::value<std::vector<std::string>>()->composing(),
                                                      "override a scenario key: KEY.PATH=VALUE (repeatable)")(
      "keep", po::value<std::string>()->default_value("standard"),
      ("per-replication series to keep besides every measure's summaries: 'standard' (" +
       output::SeriesSelection::standard_names() +
       ", and the rules' refusals), 'all', 'summaries' (none: file size and memory do not grow with -n), or "
       "'series=NAME,...' ('refused' names the rules' refusals)")
          .c_str())(
      "precision", po::value<double>(),
      "wanted 95% interval half-width, as a fraction of the mean (0.01 = 1%): prints the replications needed "
      "(with -q too)")(
      "quiet,q", "no progress or summary output (notes on the scenario, and a --precision report, are still printed)")(
      "progress", "a progress line every 15 s where standard error is no terminal (a batch job's log, mpirun)")(
      "force", "replace the output file even if it is not a wfsim results file (never one of the inputs)")(
      "scenario", po::value<std::string>(), "scenario file");
  return options;
}

void print_run_help(std::ostream& out, const po::options_description& options,
                    const po::positional_options_description& positional) {
  out << "Usage: wfsim run SCENARIO -o OUT.h5 [-n N] [--seed S] [--threads T] [--set KEY.PATH=VALUE ...]\n\n"
         "Simulates N replications of the scenario and writes the summaries (mean, sd,\n"
         "percentiles) of every measure, and the monthly series of the measures --keep\n"
         "names, to OUT.h5 (layout: docs/output-format.md). The same scenario, seed and N\n"
         "give bit-identical results for any number of threads.\n\n"
         "Example:\n"
         "  wfsim run scenarios/buckinghamshire-2015.yaml -o bucks.h5 -n 1000 --seed 7\n"
         "  wfsim run scenarios/buckinghamshire-2015.yaml -o bucks-t20.h5 \\\n"
         "      --set 'authorities[0].roles[0].leaving.turnover_per_year=0.20'\n\n"
      << help_options(options, positional);
}

// The run's options, checked before the scenario is read: a mistake in them is told
// without waiting for the scenario.
experiment::ExperimentOptions checked_run_options(const po::variables_map& vm) {
  if (!vm.count("scenario")) throw UsageError("missing the scenario file");
  if (!vm.count("output")) throw UsageError("missing the output file: add -o OUT.h5");
  experiment::ExperimentOptions run;
  run.replications = whole_option(vm, "replications", 1, kMaxReplications, kWhyMaxReplications);
  run.threads = static_cast<int>(whole_option(vm, "threads", 1, kMaxThreads, "one per core is best"));
  if (run.replications < 1) throw UsageError("--replications must be at least 1");
  if (run.threads < 1) throw UsageError("--threads must be at least 1");
  if (vm.count("precision")) {
    // A fraction of the mean: 5 would ask for +/-500%, almost surely a percentage meant.
    const double precision = vm["precision"].as<double>();
    if (!(precision > 0 && precision < 1)) {
      std::ostringstream given;
      given << precision;
      throw UsageError("--precision is a fraction of the mean, above 0 and below 1 (0.05 for 5%), got " + given.str());
    }
  }
  try {
    run.keep = output::SeriesSelection::parse(vm["keep"].as<std::string>());
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  return run;
}

// What the run did, and the precision it reached at the last period.
void print_run_summary(std::ostream& out, const po::variables_map& vm, const std::string& output_path,
                       const std::string& wrote, const scenario::Scenario& s, const experiment::ExperimentOptions& run,
                       const output::RunStatistics& stats, int processes) {
  const double rate = stats.simulate_seconds > 0 ? static_cast<double>(stats.events) / stats.simulate_seconds : 0;
  out << wrote << ": " << run.replications << (run.replications == 1 ? " replication of '" : " replications of '")
      << s.name << "', seed " << run.seed << "\n"
      << std::fixed << std::setprecision(2) << "  " << stats.events << " events in " << stats.wall_seconds << " s on "
      << stats.threads << " thread" << (stats.threads == 1 ? "" : "s")
      << (processes > 1 ? " in " + std::to_string(processes) + " processes" : "") << "; " << rate / 1e6
      << " million events/s per thread; " << static_cast<double>(run.replications) / stats.wall_seconds
      << " replications/s; peak memory " << std::setprecision(1)
      << std::max(peak_memory_mib(), stats.largest_process_peak_mib) << " MiB";
  // Under MPI, each process's own: the most of any, and all together (rank 0's alone
  // misled anyone sizing a job).
  if (processes > 1) out << " (the most of any process; " << stats.all_processes_peak_mib << " MiB in all)";
  out << "\n";
  std::optional<double> target;
  if (vm.count("precision")) target = vm["precision"].as<double>();
  report_precision(output_path, run.replications, target, out);
  // A run of two weeks printed its spend in "GBP k/month" with nothing said of its
  // 14 days; info notes such periods, and so does the run.
  const auto& p = s.parameters;
  const std::int64_t last_start =
      std::max(p.report_start_day, kernel::add_months(kernel::first_of_next_month(p.end_day - 1), -1));
  if (!kernel::is_first_of_month(last_start) || !kernel::is_first_of_month(p.end_day)) {
    out << "  note: the last period, " << kernel::format_iso_date(last_start) << " to "
        << kernel::format_iso_date(p.end_day - 1) << " (" << days_counted(p.end_day - last_start)
        << "), is not a whole month: its flows and costs are for those days alone, though their units say a "
           "month\n";
  }
}

// What a run says as it ends: its summary, or with -q only the precision asked for (-q
// drops the summary, not the one answer the run was asked for by name).
void print_run_end(std::ostream& out, const po::variables_map& vm, const std::string& output_path,
                   const std::string& wrote, const scenario::Scenario& s, const experiment::ExperimentOptions& run,
                   const output::RunStatistics& stats, int processes) {
  if (!vm.count("quiet")) {
    print_run_summary(out, vm, output_path, wrote, s, run, stats, processes);
  } else if (vm.count("precision")) {
    report_precision(output_path, run.replications, vm["precision"].as<double>(), out);
  }
}

int run_command(const std::vector<std::string>& args, const std::string& command_line, std::ostream& out,
                std::ostream& err, const std::atomic<bool>* stop, bool interactive) {
  const po::options_description options = run_options(std::max(1u, std::thread::hardware_concurrency()));
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const po::variables_map vm = parse(options, positional, args);
  if (vm.count("help")) {
    print_run_help(out, options, positional);
    return kSuccess;
  }
  experiment::ExperimentOptions run = checked_run_options(vm);
  const bool quiet = vm.count("quiet") > 0;
  const ProgressStyle progress_shown = progress_style(quiet, vm.count("progress") > 0, interactive);
  const scenario::Scenario s = scenario::load_scenario_file(vm["scenario"].as<std::string>(), overrides_of(vm));
  const std::string output_path = vm["output"].as<std::string>();
  const std::string wrote = wrote_line(output_path);
  // Spread over MPI ranks, only rank 0 writes; the others send it their blocks.
  parallel::Cluster& cluster = parallel::cluster();
  // Even when quiet: notes say what the results will not show. The file keeps them too.
  RunNotes notes(err);
  on_rank_zero(cluster, err, [&] { notes.say([&](std::ostream& o) { print_notes(s, o); }); });
  // 'series=...,refused' asks for them by name; 'standard' and 'all' take them where there are any.
  if (s.parameters.rules.empty() && run.keep.keeps_refusals() && vm["keep"].as<std::string>().starts_with("series=")) {
    on_rank_zero(cluster, err, [&] {
      err << "note: --keep names 'refused', but " << s.file << " has no rules: there are no rules' refusals to keep\n";
    });
  }
  std::optional<output::Hdf5ResultsWriter> writer;
  on_rank_zero(cluster, err, [&] {
    output::check_overwrite(output_path, output::OutputKind::results, input_files(s), vm.count("force") > 0);
    writer.emplace(output_path);
    writer->cancel_on(stop);
  });

  run.seed = whole_option(vm, "seed", 0, UINT64_MAX);
  // Every rank's input read and checked: under MPI they agree before the first block.
  if (cluster.size() > 1) agree_on_input(cluster, input_digest(command_line, input_files(s)), stop, err);
  run.stop = stop;
  run.engine_version = kEngineVersion;
  run.command_line = command_line;
  run.notes = notes.kept();
  Progress progress(err, progress_shown);
  run.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
  output::RunStatistics stats;
  run_replications(cluster, writer, progress, err, [&] {
    stats = cluster.size() > 1 ? experiment::run_distributed(s, run, cluster, writer ? &*writer : nullptr)
                               : experiment::run_experiment(s, run, *writer);
  });
  if (cluster.rank() == 0) print_run_end(out, vm, output_path, wrote, s, run, stats, cluster.size());
  return kSuccess;
}

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
      "replications of every variant (at least 2: a paired difference needs them)")(
      "seed", po::value<WholeNumber>()->default_value(WholeNumber{1}, "1"),
      "master random seed, shared by every variant")(
      "threads,j", po::value<WholeNumber>()->default_value(WholeNumber{cores}, std::to_string(cores)),
      "worker threads")("quiet,q", "no progress or summary output (notes on the scenario are still printed)")(
      "progress", "a progress line every 15 s where standard error is no terminal (a batch job's log, mpirun)")(
      "force", "replace the output file even if it is not one this command writes (never one of the inputs)");
}

VariantRunOptions variant_options(const po::variables_map& vm, const std::string& command_line, bool interactive) {
  VariantRunOptions o;
  if (!vm.count("output")) throw UsageError("missing the output file: add -o OUT.h5");
  o.replications = whole_option(vm, "replications", 1, kMaxReplications, kWhyMaxReplications);
  if (o.replications < 2) throw UsageError("--replications must be at least 2 for a confidence interval");
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

int compare_command(const std::vector<std::string>& args, const std::string& command_line, std::ostream& out,
                    std::ostream& err, const std::atomic<bool>* stop, bool interactive) {
  po::options_description options("Options");
  add_variant_options(options);
  options.add_options()("scenario", po::value<std::vector<std::string>>(), "scenario files");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  const po::variables_map vm = parse(options, positional, args);
  if (vm.count("help")) {
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
           "what the baseline does, but for its name, is noted: its differences would all be 0.\n\n"
           "Example:\n"
           "  wfsim compare scenarios/buckinghamshire-2015.yaml \\\n"
           "      scenarios/buckinghamshire-2015-supplement.yaml \\\n"
           "      scenarios/buckinghamshire-2015-nqsw.yaml -o policies.h5 -n 200\n\n"
        << help_options(options, positional);
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
    if (says) notes.say([&](std::ostream& o) { print_notes(scenarios.back(), o, &notes_printed); });
    names.push_back(scenarios.back().name);
    refuse_named_alike(files, names);
  }
  check_pairable(scenarios, files);
  if (says) notes.say([&](std::ostream& o) { note_variants_against_base(scenarios, files, o); });
  if (says) notes.say([&](std::ostream& o) { note_few_replications(run.replications, o); });
  run.notes = notes.kept();
  const std::string output_path = vm["output"].as<std::string>();
  const std::string wrote = wrote_line(output_path);
  std::vector<std::string> inputs;
  for (const auto& sc : scenarios) {
    const auto read = input_files(sc);
    inputs.insert(inputs.end(), read.begin(), read.end());
  }
  run_variants(scenarios, names, {output_path, output::OutputKind::comparison, inputs, vm.count("force") > 0}, run,
               stop, err, nullptr);
  if (!vm.count("quiet")) {
    out << wrote << ": " << scenarios.size() << " variants x " << run.replications
        << " replications on common random numbers, seed " << run.seed << "\n";
  }
  return kSuccess;
}

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
    out << "Usage: wfsim sweep SCENARIO --vary KEY.PATH=V1,V2,... [--vary ...] -o OUT.h5 [-n N] [--seed S]\n\n"
           "Runs the scenario at every combination of the values given (each applied like\n"
           "--set, and validated the same way), all on common random numbers, and writes one\n"
           "file in which each swept key is a dimension: each point's summaries and its paired\n"
           "difference from the first point, by month and, for costs, leavers and starters,\n"
           "of each replication's total over the run (layout: docs/output-format.md, 'Sweep\n"
           "files'). At most 1,000 points; the keys may not hold one another (a mapping and\n"
           "a key inside it), nor be only a label (name, description).\n\n"
           "Example:\n"
           "  wfsim sweep scenarios/buckinghamshire-2015.yaml -o sweep.h5 -n 200 \\\n"
           "      --vary 'authorities[0].roles[0].recruitment.applicants_per_year=36,48,60' \\\n"
           "      --vary 'authorities[0].roles[0].leaving.turnover_per_year=0.15,0.173,0.2'\n\n"
        << help_options(options, positional);
    return kSuccess;
  }
  if (!vm.count("scenario")) throw UsageError("missing the scenario file");
  if (!vm.count("vary")) throw UsageError("give at least one --vary KEY.PATH=V1,V2,...");
  VariantRunOptions run = variant_options(vm, command_line, interactive);
  const output::SweepGrid grid = parse_sweep_grid(vm["vary"].as<std::vector<std::string>>());
  std::vector<std::string> labels;
  const std::vector<scenario::Scenario> scenarios = sweep_points(grid, vm["scenario"].as<std::string>(), labels);
  const std::size_t points = scenarios.size();
  // Even when quiet, as for run.
  RunNotes notes(err);
  const bool says = parallel::cluster().rank() == 0;
  if (says) notes.say([&](std::ostream& o) { print_sweep_notes(scenarios, grid, o); });
  check_pairable(scenarios, labels);
  // Once every point loads: a value the scenario refuses ('[36,48]', a list) was first
  // noted as "one value: every point runs with it", then refused.
  if (says) notes.say([&](std::ostream& o) { note_single_values(grid, o); });
  if (says) notes.say([&](std::ostream& o) { note_payments_in_figures_differ(scenarios, labels, o); });
  if (says) notes.say([&](std::ostream& o) { note_few_replications(run.replications, o); });
  run.notes = notes.kept();
  const std::string output_path = vm["output"].as<std::string>();
  const std::string wrote = wrote_line(output_path);
  run_variants(scenarios, labels,
               {output_path, output::OutputKind::sweep, input_files(scenarios.front()), vm.count("force") > 0}, run,
               stop, err, &grid);
  if (!vm.count("quiet")) {
    out << wrote << ": a sweep of " << points << (points == 1 ? " point x " : " points x ") << run.replications
        << (run.replications == 1 ? " replication" : " replications") << " on common random numbers, seed " << run.seed
        << "\n";
  }
  return kSuccess;
}

}  // namespace

namespace {

// The command named by argv[1], given the arguments after it.
constexpr std::array<const char*, 9> kCommands = {"run",    "validate", "compare",   "sweep",   "info",
                                                  "schema", "init",     "calibrate", "backtest"};

bool known_command(const std::string& command) {
  return std::find(kCommands.begin(), kCommands.end(), command) != kCommands.end();
}

// The commands whose replications are spread over MPI's ranks, each rank reading the input.
bool spreads_over_ranks(const std::string& command) {
  return command == "run" || command == "compare" || command == "sweep";
}

int dispatch(const std::string& command, int argc, const char* const* argv, std::ostream& out, std::ostream& err,
             const std::atomic<bool>* stop, bool interactive) {
  const std::vector<std::string> args(argv + std::min(argc, 2), argv + argc);
  const bool asks_help = command == "help" || command == "--help" || command == "-h";
  if (asks_help && argc > 2 && std::string(argv[2]) != "help" && !std::string(argv[2]).starts_with("-")) {
    // 'help run' and '--help run' are 'run --help'; an unknown name is refused as such.
    // 'help --help' is the overview (passed on, '--help --help' recursed without end).
    const std::array<const char*, 3> asked{argv[0], argv[2], "--help"};
    return dispatch(argv[2], static_cast<int>(asked.size()), asked.data(), out, err, stop, interactive);
  }
  if (command.empty() || command == "--help" || command == "-h" || command == "help") {
    (command.empty() ? err : out) << kOverview;
    return command.empty() ? kBadInput : kSuccess;
  }
  if ((command == "--version" || command == "version") && argc > 2) {
    err << "wfsim: " << command << " takes nothing after it, and got '" << argv[2] << "'. See 'wfsim --help'.\n";
    return kBadInput;
  }
  if (command == "--version" || command == "version") {
    out << "wfsim " << kEngineVersion << (parallel::built_with_mpi() ? " (with MPI)" : " (without MPI)") << "\n";
    return kSuccess;
  }
  if (command == "run") return run_command(args, joined_command_line(argc, argv), out, err, stop, interactive);
  if (command == "compare") return compare_command(args, joined_command_line(argc, argv), out, err, stop, interactive);
  if (command == "sweep") return sweep_command(args, joined_command_line(argc, argv), out, err, stop, interactive);
  // Only run, compare and sweep spread their replications over MPI's ranks. The rest
  // ran whole on every rank under mpirun, each writing the same output (calibrate's
  // fit eight times over): rank 0 runs them alone, and says so; the others wait for it
  // in MPI's finish.
  if (parallel::cluster().size() > 1 && known_command(command) && !spreads_over_ranks(command)) {
    if (parallel::cluster().rank() != 0) return kSuccess;
    err << "note: '" << command << "' is not spread over MPI's ranks: rank 0 runs it alone\n";
  }
  if (command == "validate") return validate_command(args, out, err);
  if (command == "info") return info_command(args, out);
  if (command == "schema") return schema_command(args, out, stop);
  if (command == "init") return init_command(args, joined_command_line(argc, argv), out, stop);
  if (command == "calibrate")
    return calibrate_command(args, joined_command_line(argc, argv), out, err, stop, interactive);
  if (command == "backtest") return backtest_command(args, out, err, stop, interactive);
  err << "wfsim: unknown command '" << command << "'"
      << scenario::did_you_mean(command, {kCommands.begin(), kCommands.end()})
      << ". Commands: run, validate, compare, sweep, info, schema, init, calibrate, backtest. See 'wfsim --help'.\n";
  return kBadInput;
}

int run_command_line_to_its_end(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
                                const std::atomic<bool>* stop, bool interactive) {
  const std::string command = argc > 1 ? argv[1] : "";
  forget_input_agreement();
  parallel::Cluster& cluster = parallel::cluster();
  if (cluster.size() == 1 || !spreads_over_ranks(command)) {
    return said_as_exit_code([&] { return dispatch(command, argc, argv, out, err, stop, interactive); }, command, err);
  }
  // Under MPI, an error before the ranks agree on their input is held until they have
  // (input_agreement.hpp): said once, by the lowest rank that found it.
  std::ostringstream held;
  const int code =
      said_as_exit_code([&] { return dispatch(command, argc, argv, out, err, stop, interactive); }, command, held);
  if (input_abandoned()) {
    // Stopped while the others waited in the agreement: said by rank 0, as a single
    // process says it, and the job ended (its output already removed).
    if (cluster.rank() == 0) err << held.str() << std::flush;
    cluster.abort(interrupted_code());
  }
  if (code == kSuccess || input_agreed()) {
    err << held.str();
    return code;
  }
  return settle_failed_input(cluster, code, held.str(), err, stop);
}

}  // namespace

int run_command_line(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
                     const std::atomic<bool>* stop, bool interactive) {
  const std::uint64_t saved_before = output::files_saved();
  const int code = run_command_line_to_its_end(argc, argv, out, err, stop, interactive);
  // A command that never looks at the stop (validate, info, schema printing) ran to
  // its end: stopped all the same, as the signal asked, unless it saved its file
  // first. (Under MPI, rank 0 saves and says how the job ended.)
  if (code == kSuccess && stop && stop->load() && output::files_saved() == saved_before &&
      parallel::cluster().rank() == 0) {
    err << kInterruptedAfterPrintingLine;
    return kInterrupted;
  }
  return code;
}

}  // namespace wfsim::cli
