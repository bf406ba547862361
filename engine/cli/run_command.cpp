#include "cli/run_command.hpp"

#include <boost/program_options.hpp>
#include <iomanip>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "cli/disk_room.hpp"
#include "cli/failure_words.hpp"
#include "cli/job_stop.hpp"
#include "cli/periods_shown.hpp"
#include "cli/precision_report.hpp"
#include "cli/progress.hpp"
#include "cli/run_notes.hpp"
#include "experiment/distributed_runner.hpp"
#include "experiment/experiment_runner.hpp"
#include "kernel/calendar.hpp"
#include "model/runaway_error.hpp"
#include "model/workforce_model.hpp"
#include "output/atomic_file.hpp"
#include "output/hdf5_results_writer.hpp"
#include "output/overwrite_guard.hpp"
#include "parallel/cluster.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"
#include "support/visible_text.hpp"
#include "version.hpp"

namespace wfsim::cli {

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
      "force",
      "replace the output file even if it is not a wfsim results file (never one of the inputs, nor a "
      "name whose suffix says another format)")("scenario", po::value<std::string>(), "scenario file");
  return options;
}

void print_run_help(std::ostream& out, const po::options_description& options,
                    const po::positional_options_description& positional) {
  out << "Usage: wfsim run SCENARIO -o OUT.h5 [-n N] [--seed S] [--threads T] [--set KEY.PATH=VALUE ...]\n\n"
         "Simulates N replications of the scenario and writes the summaries (mean, sd,\n"
         "percentiles) of every measure, and the monthly series of the measures --keep\n"
         "names, to OUT.h5 (layout: docs/output-format.md). The same scenario, seed and N\n"
         "give bit-identical results for any number of threads.\n\n"
         "Examples:\n"
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

// Only the writing rank's: the file is there. Its note is said even when quiet, as notes are.
std::optional<DiskRoomWatch> watch_disk_room(const std::optional<output::Hdf5ResultsWriter>& writer,
                                             const std::string& output_path, bool keeps_series) {
  if (!writer) return std::nullopt;
  return disk_room_watch(
      output_path, writer->temporary_path(), [&writer] { return static_cast<std::int64_t>(writer->end_bytes()); },
      keeps_series);
}

}  // namespace

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
  // The output checked before any note: a refused path was said after the scenario's notes.
  std::optional<output::Hdf5ResultsWriter> writer;
  on_rank_zero(cluster, err, [&] {
    output::check_overwrite(output_path, output::OutputKind::results, input_files(s), vm.count("force") > 0);
    writer.emplace(output_path);
    writer->cancel_on(stop);
  });
  // Even when quiet: notes say what the results will not show. The file keeps them too.
  RunNotes notes(err);
  on_rank_zero(cluster, err, [&] { notes.say([&](std::ostream& o) { print_notes(s, o); }); });
  // 'series=...,refused' asks for them by name; 'standard' and 'all' take them where there are any.
  if (s.parameters.rules.empty() && run.keep.keeps_refusals() && vm["keep"].as<std::string>().starts_with("series=")) {
    on_rank_zero(cluster, err, [&] {
      err << "note: --keep names 'refused', but " << s.file << " has no rules: there are no rules' refusals to keep\n";
    });
  }

  run.seed = whole_option(vm, "seed", 0, UINT64_MAX);
  // Every rank's input read and checked: under MPI they agree before the first block.
  if (cluster.size() > 1) agree_on_input(cluster, input_digest(command_line, input_files(s)), stop, err);
  run.stop = stop;
  run.engine_version = kEngineVersion;
  run.command_line = command_line;
  run.notes = notes.kept();
  Progress progress(err, progress_shown);
  std::optional<DiskRoomWatch> room = watch_disk_room(writer, output_path, run.keep.keeps_any());
  run.progress = [&](std::size_t done, std::size_t total) {
    if (const std::string note = room ? room->update(done, total) : ""; !note.empty()) {
      progress.finish();  // a line of its own, not after a progress line drawn in place
      err << note << std::flush;
    }
    progress.update(done, total);
  };
  output::RunStatistics stats;
  run_replications(cluster, writer, progress, err, [&] {
    stats = cluster.size() > 1 ? experiment::run_distributed(s, run, cluster, writer ? &*writer : nullptr)
                               : experiment::run_experiment(s, run, *writer);
  });
  if (cluster.rank() == 0) print_run_end(out, vm, output_path, wrote, s, run, stats, cluster.size());
  return kSuccess;
}

}  // namespace wfsim::cli
