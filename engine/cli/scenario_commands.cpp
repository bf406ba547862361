#include "cli/scenario_commands.hpp"

#include <cmath>
#include <filesystem>
#include <sstream>

#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "cli/periods_shown.hpp"
#include "import/baseline_scenario.hpp"
#include "import/csww_data.hpp"
#include "import/market_scenario.hpp"
#include "import/region_definitions.hpp"
#include "kernel/calendar.hpp"
#include "model/workforce_model.hpp"
#include "output/overwrite_guard.hpp"
#include "output/scenario_fingerprint.hpp"
#include "output/text_file.hpp"
#include "scenario/json_schema.hpp"
#include "scenario/key_path.hpp"
#include "scenario/run_length.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_notes.hpp"
#include "version.hpp"

namespace wfsim::cli {

int validate_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("set", po::value<std::vector<std::string>>()->composing(),
                                                    "override a scenario key: KEY.PATH=VALUE (repeatable)")(
      "scenario", po::value<std::string>(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const po::variables_map vm = parse(options, positional, args);
  if (vm.count("help")) {
    out << "Usage: wfsim validate SCENARIO [--set KEY.PATH=VALUE ...]\n\n"
           "Checks a scenario file against the schema (docs/scenario-reference.md) and prints a\n"
           "summary. Exits 0 if valid, 2 with the file, line, key and problem if not.\n\n"
        << help_options(options, positional);
    return kSuccess;
  }
  if (!vm.count("scenario")) throw UsageError("missing the scenario file");
  const scenario::Scenario s = scenario::load_scenario_file(vm["scenario"].as<std::string>(), overrides_of(vm));
  const auto& p = s.parameters;
  // Counted as info counts them: a run from the 15th reports periods, not months. (A
  // period ends at midnight after its last day, which the results file dates it by.)
  std::vector<std::string> period_dates;
  for (const std::int64_t end : model::period_end_days(p.report_start_day, p.end_day)) {
    period_dates.push_back(kernel::format_iso_date(end - 1));
  }
  const std::string counted = periods_counted(period_dates, kernel::format_iso_date(p.report_start_day));
  const bool months = counted.find("period") == std::string::npos;
  out << s.file << ": valid scenario '" << s.name << "'\n"
      << "  " << p.authorities.size() << " authorit" << (p.authorities.size() == 1 ? "y" : "ies") << ", "
      << count_posts(s) << " posts\n"
      << "  from " << kernel::format_iso_date(p.start_day) << " to " << kernel::format_iso_date(p.end_day - 1) << ", "
      << (months ? periods_text(period_dates.size(), "monthly period") : counted + ", not all whole months,")
      << " reported";
  if (p.report_start_day > p.start_day)
    out << ", from " << kernel::format_iso_date(p.report_start_day) << " after a warm-up";
  out << "\n";
  if (!s.uncertain_inputs.empty()) {
    out << "  " << s.uncertain_inputs.size() << " uncertain input" << (s.uncertain_inputs.size() == 1 ? "" : "s")
        << ", drawn once for each replication:\n";
    for (const auto& input : s.uncertain_inputs) out << "    " << input.path << ": " << input.describe() << "\n";
  }
  // The rules, as the merged scenario has them: a variant's near-miss name added a
  // second rule nobody could see without reading the YAML (a walkthrough).
  if (!p.rules.empty()) {
    out << "  " << periods_text(p.rules.size(), "agency rule") << ":\n";
    for (std::size_t i = 0; i < p.rules.size(); ++i) {
      const model::AgencyRule& rule = p.rules[i];
      std::size_t members = 0;
      for (std::uint32_t a = 0; a < p.authorities.size(); ++a) members += rule.lists(a) ? 1 : 0;
      out << "    rules[" << i << "] '" << rule.name << "', " << rule.kind << ", "
          << (rule.every_authority ? "every authority" : periods_text(members, "member"));
      if (std::isfinite(rule.from)) out << ", from " << kernel::format_iso_date(p.start_day + std::llround(rule.from));
      if (std::isfinite(rule.until)) {
        out << ", until " << kernel::format_iso_date(p.start_day + std::llround(rule.until));
      }
      out << "\n";
    }
  }
  print_notes(s, err);
  return kSuccess;
}

namespace {

// --duration is written into the scenario as given: checked here, so that a mistake is
// told as the option's, not as the generated scenario's.
void check_duration_option(const std::string& text) {
  const std::optional<double> days = scenario::duration_text_days(text);
  if (days && *days <= 0) {
    throw UsageError("--duration must be longer than 0: the run must last at least one day, got '" + text + "'");
  }
  if (!days) {
    throw UsageError(
        "--duration expects a length such as '3 years' (a number and days, weeks, months or years), "
        "got '" +
        text + "'");
  }
}

// The scenario init made, loaded to check it before it is written. Its errors would
// name lines of a file that was never written, so they are told as the data's: the
// line of the data behind the figure, from the comment above it; or a rule's line of
// the agreements file.
scenario::Scenario load_generated(const import::Baseline& baseline, const std::string& csv,
                                  const std::string& output_path) {
  const std::string& yaml = baseline.yaml;
  try {
    return scenario::load_scenario_text(yaml, output_path, {});
  } catch (const scenario::ScenarioError& e) {
    // The run's length is the option's (its bounds: at most 200 years, ending by 2200):
    // it was refused as the data's, "the scenario made from the data would not load"
    // (a CLI audit and a review).
    if (e.key_path() == "duration") throw UsageError("--duration: " + e.message());
    std::istringstream lines(yaml);
    std::string line, source = "the data";
    for (int n = 1; std::getline(lines, line) && n <= e.where().line; ++n) {
      const std::size_t at = line.find("line ");
      if (line.rfind("  # ", 0) == 0 && at != std::string::npos && line.find(" of the data") != std::string::npos) {
        source = csv + " " + line.substr(at, line.find(" of the data") - at);
      }
    }
    // A rule's value is the agreements file's, at its key's line there.
    if (const auto rule = scenario::rule_key(e.key_path()); rule && rule->rule < baseline.rule_sources.size()) {
      throw import::ImportError(baseline.rule_sources[rule->rule].where(rule->key) + ": " + rule->key + ": " +
                                e.message() + " (nothing was written)");
    }
    throw import::ImportError("the scenario made from " + source + " would not load, so nothing was written: " +
                              (e.key_path().empty() ? "" : e.key_path() + ": ") + e.message());
  }
}

po::options_description init_options() {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "from-csww", po::value<std::string>(), "the workforce indicators CSV (data/csww_indicators_2017_2023.csv)")(
      "la", po::value<std::string>(),
      "a council's name (any case) or code, old or new, such as 'West Sussex', E10000032 or 938; a joint return by its "
      "whole name")(
      "region", po::value<std::string>(),
      "instead of --la: every council of a region, by name or code ('South East', E12000008), sharing its market")(
      "england", "instead of --la: every council of England, one labour market per region")(
      "national-rules", "with --region or --england: add England's national agency rules (October 2024)")(
      "year", po::value<int>(), "the year ending 30 September whose figures to use (2017 to 2023)")(
      "output,o", po::value<std::string>(), "the scenario file to write")(
      "duration", po::value<std::string>(),
      "the run's length, such as '3 years' or '18 months' (default: 3 years for --la, 5 years otherwise)")(
      "with-spread",
      "with --la: turnover as an uncertain input, {mean, sd}, its sd the council's typical one-year move in the "
      "data up to YEAR")(
      "regions-data", po::value<std::string>(),
      "with --region or --england: the regions and their neighbours (default: regions.yaml beside the CSV)")(
      "agreements-data", po::value<std::string>(),
      "with --region or --england: the regions' agency agreements and the national rules (default: "
      "regional_agreements.yaml beside the CSV)")(
      "force",
      "replace the output file even if it is not a scenario init or calibrate wrote, such as one written by hand "
      "(never the data it is read from)")(
      "calibration", po::value<std::string>(),
      "with --region or --england: per-region factors fitted by tools/calibrate-england.py (default: "
      "england_calibration.yaml beside the CSV, "
      "refused if not there; 'none' for none). Fitted to England's run; a --region run alone holds its figures with "
      "them nearly as well (docs/england.md, 'A region run alone'). To fit a region to its own figures, use wfsim "
      "calibrate");
  return options;
}

void print_init_help(std::ostream& out, const po::options_description& options) {
  out << "Usage: wfsim init --from-csww FILE (--la NAME | --region NAME | --england) --year YEAR -o SCENARIO.yaml\n\n"
         "Writes a scenario from the Department for Education's workforce indicators: in post,\n"
         "vacancies, agency workers, turnover (and, for one council, starters, sickness and\n"
         "caseload). What the data lacks (notice, time to hire, agency booking, pay) gets\n"
         "documented defaults, marked ASSUMPTION in the file. Suppressed figures (low, u, x, z, c)\n"
         "are never read as numbers: the region's or England's rate stands in, and each\n"
         "substitution is listed.\n\n"
         "--la writes one council. --region writes every council of a region sharing one\n"
         "labour market (an agency market and a pool of seekers); --england every council of\n"
         "England, one market per region, with workers moving between neighbouring regions.\n"
         "Both add the agreements in force during the run (regional_agreements.yaml) and, with\n"
         "--national-rules, England's national agency rules. Councils the data shows as it\n"
         "really is (no permanent staff, joint returns, reorganisations) are listed.\n\n"
         "Examples:\n"
         "  wfsim init --from-csww data/csww_indicators_2017_2023.csv --la 'West Sussex' \\\n"
         "      --year 2022 -o west-sussex-2022.yaml\n"
         "  wfsim init --from-csww data/csww_indicators_2017_2023.csv --england --year 2023 \\\n"
         "      -o england-2023.yaml\n\n"
      << help_options(options, {});
}

// The required options, exactly one of --la, --region and --england, and no option
// that the one chosen does not read.
void check_init_options(const po::variables_map& vm) {
  for (const char* required : {"from-csww", "year"}) {
    if (!vm.count(required)) throw UsageError(std::string("missing --") + required);
  }
  if (!vm.count("output")) throw UsageError("missing the scenario file to write: add -o OUT.yaml");
  std::vector<std::string> chosen;
  for (const char* scope : {"la", "region", "england"}) {
    if (vm.count(scope)) chosen.push_back(std::string("--") + scope);
  }
  if (chosen.empty()) throw UsageError("give one of --la, --region or --england");
  if (chosen.size() > 1) {
    throw UsageError("give one of --la, --region or --england, not " +
                     (chosen.size() == 2 ? chosen[0] + " and " + chosen[1] : std::string("all three")));
  }
  // Options of a region's or England's scenario, which --la never reads: said, not
  // ignored (a --calibration given with --la once did nothing without a word).
  for (const char* option : {"national-rules", "calibration", "regions-data", "agreements-data"}) {
    if (vm.count(option) && vm.count("la")) {
      throw UsageError(std::string("--") + option + " goes with --region or --england; --la does not read it");
    }
  }
  if (vm.count("with-spread") && !vm.count("la")) throw UsageError("--with-spread goes with --la");
}

// A data file's path: its option's, else `name` beside the CSV.
std::string data_file(const po::variables_map& vm, const std::string& csv, const char* option, const char* name) {
  const std::string beside = std::filesystem::path(csv).parent_path().string();
  return vm.count(option) ? vm[option].as<std::string>()
                          : (std::filesystem::path(beside.empty() ? "." : beside) / name).string();
}

// As data_file, for --region and --england, which read it: a path given by its option
// that is not there, or not a file, is the option's fault. The reader said "it ships
// in the repository's data/; wfsim init looks for it beside the CSV", which is of the
// file beside the CSV, and named no option.
std::string market_data_file(const po::variables_map& vm, const std::string& csv, const std::string& option,
                             const char* name) {
  const std::string path = data_file(vm, csv, option.c_str(), name);
  if (!vm.count(option) || (option == "calibration" && path == "none")) return path;
  if (path.empty()) {
    throw UsageError("--" + option + " is empty: give a file" +
                     (option == "calibration" ? std::string(", or 'none' for no factors") : std::string()));
  }
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (status.type() == std::filesystem::file_type::not_found) {
    throw UsageError("--" + option + " " + path + ": no such file");
  }
  if (error) throw UsageError("--" + option + " " + path + ": " + error.message());
  if (status.type() == std::filesystem::file_type::directory) {
    throw UsageError("--" + option + " " + path + ": a folder, not a file");
  }
  return path;
}

// Every data file the command may read is an input, never replaced, --force or not:
// the CSV, and the regions, agreements and calibration beside it (or where their
// options say). Those too with --la, which does not read them: 'init --la Kent -o
// regions.yaml --force' replaced the regions beside the CSV, and every later --region
// or --england run failed.
std::vector<std::string> init_inputs(const po::variables_map& vm, const std::string& csv) {
  std::vector<std::string> inputs = {csv};
  for (const auto& [option, name] :
       {std::pair{"regions-data", "regions.yaml"}, std::pair{"agreements-data", "regional_agreements.yaml"},
        std::pair{"calibration", "england_calibration.yaml"}}) {
    inputs.push_back(data_file(vm, csv, option, name));
  }
  return inputs;
}

// (The return types are written in full: a line that starts with `import` is a C++20
// module import to clang-format 14, which then took these functions for namespaces.)
wfsim::import::Baseline one_council(const po::variables_map& vm, const import::CswwData& data, int year,
                                    const std::string& command_line) {
  import::BaselineOptions baseline_options;
  baseline_options.duration = vm.count("duration") ? vm["duration"].as<std::string>() : "3 years";
  baseline_options.engine_version = kEngineVersion;
  baseline_options.command_line = command_line;
  baseline_options.with_spread = vm.count("with-spread") > 0;
  const std::string& asked = vm["la"].as<std::string>();
  const import::CswwRow& council = data.council(asked, year);
  if (auto note = data.code_of_other_years(asked, council); !note.empty()) {
    baseline_options.lookup_notes.push_back(council.name + " " + std::to_string(year) + ": " + note);
  }
  return import::baseline_scenario(data, {&council}, year, baseline_options);
}

wfsim::import::Baseline regions_market(const po::variables_map& vm, const import::CswwData& data, int year,
                                       const std::string& csv, const std::string& command_line) {
  import::MarketScenarioOptions market;
  market.duration = vm.count("duration") ? vm["duration"].as<std::string>() : "5 years";
  market.national_rules = vm.count("national-rules") > 0;
  market.regions_file = market_data_file(vm, csv, "regions-data", "regions.yaml");
  market.agreements_file = market_data_file(vm, csv, "agreements-data", "regional_agreements.yaml");
  market.calibration_file = market_data_file(vm, csv, "calibration", "england_calibration.yaml");
  // Without the factors a region's figures move by points (docs/england.md); a CSV
  // downloaded to a folder of its own once ran uncalibrated without a word.
  // A missing file is refused when read, as the regions' and agreements' are.
  if (market.calibration_file.empty()) {
    throw UsageError("--calibration is empty: give a file, or 'none' for no factors");
  }
  if (market.calibration_file == "none") market.calibration_file.clear();
  market.engine_version = kEngineVersion;
  market.command_line = command_line;
  if (vm.count("england")) data.require_year(year);  // not blamed on the first region listed
  const std::vector<std::string> regions = vm.count("england")
                                               ? import::region_names(market.regions_file)
                                               : std::vector<std::string>{vm["region"].as<std::string>()};
  return import::market_scenario(data, regions, year, market);
}

}  // namespace

int init_command(const std::vector<std::string>& args, const std::string& command_line, std::ostream& out,
                 std::ostream& err, const std::atomic<bool>* stop) {
  const po::options_description options = init_options();
  const po::variables_map vm = parse(options, po::positional_options_description(), args);
  if (vm.count("help")) {
    print_init_help(out, options);
    return kSuccess;
  }
  check_init_options(vm);
  const std::string csv = vm["from-csww"].as<std::string>();
  const import::CswwData data = import::CswwData::read_file(csv);
  const int year = vm["year"].as<int>();
  const std::string output_path = vm["output"].as<std::string>();
  output::check_overwrite(output_path, output::OutputKind::scenario, init_inputs(vm, csv), vm.count("force") > 0);
  if (vm.count("duration")) check_duration_option(vm["duration"].as<std::string>());
  const import::Baseline baseline =
      vm.count("la") ? one_council(vm, data, year, command_line) : regions_market(vm, data, year, csv, command_line);
  // What is written must load; checking first means a bad --duration never leaves a file.
  const scenario::Scenario loaded = load_generated(baseline, csv, output_path);
  const std::string wrote = wrote_line(output_path);
  output::write_text_file(output_path, output::with_fingerprint(baseline.yaml), stop);
  const std::size_t authorities = loaded.parameters.authorities.size();
  out << wrote << ": " << loaded.name << ", " << authorities << " authorit" << (authorities == 1 ? "y" : "ies") << ", "
      << count_posts(loaded) << " posts";
  if (baseline.council_rows > 0)
    out << " (the data has " << baseline.council_rows << " council rows for " << year << ")";
  out << "\n";
  for (const auto& note : baseline.notes) err << "note: " << note << "\n";
  // What validate would note about the file (a rule that starts after the run ends,
  // from --national-rules with an early --year), said now rather than on a later run.
  for (const auto& note : scenario::notes_on(loaded)) {
    // A turnover above 1 is the data's, said above where it is implausible: not a share
    // the user wrote as a percentage, as the scenario's note on it would advise.
    if (note.find(".leaving.turnover_per_year is ") != std::string::npos) continue;
    err << "note: " << note << "\n";
  }
  return kSuccess;
}

int schema_command(const std::vector<std::string>& args, std::ostream& out, const std::atomic<bool>* stop) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("output,o", po::value<std::string>(),
                                                    "write the schema to this file instead of printing it")(
      "force",
      "replace the output file even if it is not a JSON Schema (never a name whose suffix says "
      "another format)");
  const po::variables_map vm = parse(options, po::positional_options_description(), args);
  if (vm.count("help")) {
    out << "Usage: wfsim schema [-o FILE]\n\n"
           "Prints the scenario format as a JSON Schema (draft 2020-12), generated from the\n"
           "definitions the scenario loader reads. Point an editor's YAML support at it to\n"
           "autocomplete and check scenario files; for example, in VS Code with the YAML\n"
           "extension, put this first line in a scenario (the path is the schema's, from the\n"
           "scenario's folder):\n"
           "  # yaml-language-server: $schema=./wfsim-scenario.schema.json\n"
           "The schema checks keys, types, bounds and choices; checks across keys (in_post at\n"
           "most permanent_posts, destinations adding up to 1, names that must exist) are made\n"
           "by 'wfsim validate' only.\n\n"
           "Example (beside the shipped scenarios, which the line above then finds):\n"
           "  wfsim schema -o scenarios/wfsim-scenario.schema.json\n\n"
        << help_options(options, {});
    return kSuccess;
  }
  std::ostringstream text;
  scenario::scenario_json_schema(kEngineVersion).write(text);
  text << "\n";
  if (vm.count("output")) {
    output::check_overwrite(vm["output"].as<std::string>(), output::OutputKind::schema, {}, vm.count("force") > 0);
    const std::string wrote = wrote_line(vm["output"].as<std::string>());
    output::write_text_file(vm["output"].as<std::string>(), text.str(), stop);
    out << wrote << "\n";  // as every other command that writes says
  } else {
    out << text.str();
  }
  return kSuccess;
}

}  // namespace wfsim::cli
