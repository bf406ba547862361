#include "cli/commands.hpp"

#include <algorithm>
#include <array>
#include <csignal>
#include <sstream>
#include <string>
#include <vector>

#include "cli/backtest_command.hpp"
#include "cli/calibrate_command.hpp"
#include "cli/command_support.hpp"
#include "cli/failure_words.hpp"
#include "cli/info_command.hpp"
#include "cli/input_agreement.hpp"
#include "cli/job_stop.hpp"
#include "cli/overview.hpp"
#include "cli/run_command.hpp"
#include "cli/scenario_commands.hpp"
#include "cli/variant_commands.hpp"
#include "output/atomic_file.hpp"
#include "parallel/cluster.hpp"
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
  if (command == "init") return init_command(args, joined_command_line(argc, argv), out, err, stop);
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
