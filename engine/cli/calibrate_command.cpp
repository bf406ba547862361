#include "cli/calibrate_command.hpp"

#include <filesystem>
#include <iomanip>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "calibrate/calibration.hpp"
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "output/overwrite_guard.hpp"
#include "output/scenario_fingerprint.hpp"
#include "output/text_file.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"
#include "version.hpp"

namespace wfsim::cli {

namespace {

po::options_description calibrate_options(unsigned cores) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "target", po::value<std::vector<std::string>>()->composing(),
      "MEASURE=VALUE[@DATE][+-SD] (@DATE and +-SD in either order): a measure's mean over the run, or in the "
      "period containing DATE (wfsim info --date and the analysis tools' --date take the last period ending on or "
      "before it), in the "
      "measure's units: a flow (starters, leavers, spend) a month, as the results hold it (repeatable)")(
      "free", po::value<std::vector<std::string>>()->composing(),
      "KEY[=LOW:HIGH]: a number written in the scenario to fit; default range a tenth to ten times its value "
      "(repeatable)")("output,o", po::value<std::string>(), "the fitted scenario to write")(
      "authority", po::value<std::string>(),
      "the results row the targets refer to (default: the councils' total, Region or All councils, or the only "
      "authority)")("replications,n", po::value<WholeNumber>()->default_value(WholeNumber{40}, "40"),
                    "replications per evaluation (at least 2)")(
      "seed", po::value<WholeNumber>()->default_value(WholeNumber{1}, "1"),
      "master random seed (the same for every evaluation)")(
      "threads,j", po::value<WholeNumber>()->default_value(WholeNumber{cores}, std::to_string(cores)),
      "worker threads (results do not depend on it)")("max-evaluations",
                                                      po::value<WholeNumber>()->default_value(WholeNumber{80}, "80"),
                                                      "stop the optimiser after this many evaluations")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "not taken: the fitted file is the scenario's own text with the --free keys changed, so a --set value "
      "would be fitted but not written; put it in the scenario, or in a variant that extends it")(
      "with-spread",
      "write each fitted plain number as an uncertain input, {mean: VALUE, sd: STANDARD_ERROR}, so later runs "
      "carry the fit's uncertainty")(
      "quiet,q", "no progress and no table of the fit; a warning that targets were missed is still printed")(
      "force",
      "replace the output file even if it is not a scenario init or calibrate wrote, such as one written by hand "
      "(never an input)")("scenario", po::value<std::string>(), "scenario file");
  return options;
}

void print_calibrate_help(std::ostream& out, const po::options_description& options,
                          const po::positional_options_description& positional) {
  out << "Usage: wfsim calibrate SCENARIO --target MEASURE=VALUE[@DATE][+-SD] ... --free KEY[=LOW:HIGH] ...\n"
         "                       -o FITTED.yaml [-n N] [--seed S] [--authority NAME]\n\n"
         "Fits the free parameters so that the simulated measures' means match the targets.\n"
         "Every evaluation runs the same N replications on the same seed (common random\n"
         "numbers), so the objective is smooth enough for NLopt's bounded Subplex optimiser.\n"
         "The objective is the sum of squared residuals, each scaled by the target's +-SD, or by\n"
         "the target itself. Writes the scenario with the fitted values in place and the fit\n"
         "(residuals, parameters' standard errors from the Jacobian and the Monte Carlo error)\n"
         "in a comment at the top, with the permanent starters and leavers a year at the fit:\n"
         "the targets fit nothing else, so compare them with the council's own. Method and\n"
         "examples: docs/validation.md.\n\n"
         "Example (on west-sussex-2022.yaml, which the example of 'wfsim init --help' writes):\n"
         "  wfsim calibrate west-sussex-2022.yaml -o west-sussex-2022-fitted.yaml \\\n"
         "      --target vacancy_rate=0.163 --target agency_share=0.145 \\\n"
         "      --free 'authorities[0].roles[0].recruitment.applicants_per_year' \\\n"
         "      --free 'authorities[0].roles[0].agency.booking_delay.mean=1:365'\n\n"
      << help_options(options, positional);
}

void check_calibrate_options(const po::variables_map& vm) {
  if (!vm.count("scenario")) throw UsageError("missing the scenario file");
  if (!vm.count("output")) throw UsageError("missing -o FITTED.yaml");
  if (!vm.count("target")) throw UsageError("give at least one --target MEASURE=VALUE");
  if (!vm.count("free")) throw UsageError("give at least one --free KEY");
  if (vm.count("set")) {
    // It was taken once: the fit ran with the value, the file written kept the old one,
    // and running it gave other results than the fit's, without a word.
    throw UsageError(
        "calibrate does not take --set: the fitted file is the scenario's own text with the --free "
        "keys changed, so '" +
        vm["set"].as<std::vector<std::string>>().front() +
        "' would be fitted but not written. Put the value in the scenario, or in a variant that "
        "extends it (docs/scenario-reference.md, Variants), and calibrate that");
  }
}

// A target or free key given twice was taken once: two free copies of one value were
// fitted as two parameters (the file kept the last), and two targets for one figure
// pulled the fit between them or counted one figure twice.
void refuse_repeats(const std::vector<calibrate::Target>& targets, const std::vector<calibrate::FreeParameter>& free) {
  for (std::size_t i = 0; i < targets.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (targets[j].measure == targets[i].measure && targets[j].date_day == targets[i].date_day) {
        throw UsageError("--target " + targets[i].text + " is a second target for the figure of --target " +
                         targets[j].text + ": give each measure (at each date) once");
      }
    }
  }
  for (std::size_t i = 0; i < free.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (free[j].text_position == free[i].text_position) {
        throw UsageError("--free " + free[i].key + " names the value that --free " + free[j].key +
                         " already frees: give each key once");
      }
    }
  }
}

calibrate::CalibrationOptions fit_options(const po::variables_map& vm, const std::atomic<bool>* stop) {
  calibrate::CalibrationOptions opts;
  opts.replications = whole_option(vm, "replications", 1, kMaxReplications, kWhyMaxReplications);
  if (opts.replications < 2) throw UsageError("--replications must be at least 2");
  opts.seed = whole_option(vm, "seed", 0, UINT64_MAX);
  opts.threads = std::max(1, static_cast<int>(whole_option(vm, "threads", 1, kMaxThreads, "one per core is best")));
  opts.max_evaluations = static_cast<int>(whole_option(vm, "max-evaluations", 1, 100000));
  opts.stop = stop;
  if (vm.count("authority")) opts.authority = vm["authority"].as<std::string>();
  return opts;
}

// Whether two files are in one folder, however each is written ('./x.yaml',
// '../scenarios/x.yaml', a link to the folder): compared as text, the same folder was
// refused as another (a review).
bool same_folder(const std::string& a, const std::string& b) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path folder_a = fs::weakly_canonical(fs::absolute(a).parent_path(), error);
  if (error) return false;
  const fs::path folder_b = fs::weakly_canonical(fs::absolute(b).parent_path(), error);
  if (error) return false;
  return folder_a == folder_b || fs::equivalent(folder_a, folder_b, error);
}

// With --with-spread: which free keys take an uncertain value, said before the fit of
// those that do not (calibrate::mark_spreadable).
// Returns a note for each that takes none, to print now and to write in the header.
std::vector<std::string> mark_spreadable(const scenario::Scenario& base, const std::string& path,
                                         std::vector<calibrate::FreeParameter>& free) {
  calibrate::mark_spreadable(base.text, path, free, {});
  std::vector<std::string> notes;
  for (const calibrate::FreeParameter& p : free) {
    if (p.takes_spread || !p.unit.empty()) continue;
    notes.push_back(p.key +
                    " takes no uncertain value (it is a part of one, or a key given as a plain number only): it is "
                    "written as a plain number");
  }
  return notes;
}

void print_spread_notes(const std::vector<std::string>& notes, std::size_t from, std::ostream& err) {
  for (std::size_t i = from; i < notes.size(); ++i) err << "note: --with-spread: " << notes[i] << "\n";
}

// The fitted scenario's text; with --with-spread, each value that takes one written
// {mean, sd}, and the notes decided in writing said (those taken before the fit were).
std::string fitted_text(const po::variables_map& vm, const scenario::Scenario& base, const std::string& output_path,
                        calibrate::CalibrationResult& result, const std::string& header,
                        std::vector<std::string>& spread_notes, std::ostream& err) {
  if (!vm.count("with-spread")) return calibrate::fitted_scenario_text(base.text, result, header);
  const std::size_t printed = spread_notes.size();
  std::string fitted = calibrate::fitted_text_with_spreads(base.text, output_path, result, header, spread_notes);
  print_spread_notes(spread_notes, printed, err);
  return fitted;
}

}  // namespace

int calibrate_command(const std::vector<std::string>& args, const std::string& command_line, std::ostream& out,
                      std::ostream& err, const std::atomic<bool>* stop, bool interactive) {
  const po::options_description options = calibrate_options(std::max(1u, std::thread::hardware_concurrency()));
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const po::variables_map vm = parse(options, positional, args);
  if (vm.count("help")) {
    print_calibrate_help(out, options, positional);
    return kSuccess;
  }
  check_calibrate_options(vm);
  const std::string path = vm["scenario"].as<std::string>();
  const std::string output_path = vm["output"].as<std::string>();
  // Loading first reports a bad scenario exactly as 'validate' would.
  const scenario::Scenario base = scenario::load_scenario_file(path);
  if (!base.extends.empty() && !same_folder(output_path, path)) {
    throw UsageError("write the fitted scenario in the same directory as " + path +
                     ": its 'extends:' path is relative to it");
  }
  std::vector<calibrate::Target> targets;
  for (const auto& t : vm["target"].as<std::vector<std::string>>()) targets.push_back(calibrate::parse_target(t));
  std::vector<calibrate::FreeParameter> free;
  for (const auto& f : vm["free"].as<std::vector<std::string>>()) {
    free.push_back(calibrate::parse_free(f, base.text, path));
  }
  refuse_repeats(targets, free);
  std::vector<std::string> spread_notes;
  if (vm.count("with-spread")) {
    spread_notes = mark_spreadable(base, path, free);
    print_spread_notes(spread_notes, 0, err);
  }
  // Before the fit, not after: check_overwrite also tries a file in the folder.
  output::check_overwrite(output_path, output::OutputKind::scenario, input_files(base), vm.count("force") > 0);
  calibrate::CalibrationOptions opts = fit_options(vm, stop);
  const bool show_progress = interactive && !vm.count("quiet");
  if (show_progress) {
    opts.progress = [&err](int evaluation, double objective) {
      err << "\revaluation " << evaluation << ": objective " << std::setprecision(4) << objective << "    "
          << std::flush;
    };
  }
  calibrate::CalibrationResult result = calibrate::calibrate(base.text, path, targets, free, opts);
  if (show_progress) err << "\n";
  const std::string header = "Calibrated by wfsim " + std::string(kEngineVersion) + ": " + command_line + "\n" +
                             "Seed " + std::to_string(opts.seed) + ", " + std::to_string(opts.replications) +
                             " replications per evaluation on common random numbers; NLopt Subplex.\n";
  const std::string fitted = fitted_text(vm, base, output_path, result, header, spread_notes, err);
  scenario::load_scenario_text(fitted, output_path);  // what is written must load
  const std::string wrote = wrote_line(output_path);
  output::write_text_file(output_path, output::with_fingerprint(fitted), stop);
  if (!vm.count("quiet")) {
    out << calibrate::describe_fit(result) << wrote << "\n";
  } else {
    err << calibrate::missed_targets_warning(result);  // quiet, but not about a fit that falls short
  }
  return kSuccess;
}

}  // namespace wfsim::cli
