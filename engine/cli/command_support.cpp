#include "cli/command_support.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

#include "scenario/same_simulation.hpp"
#include "scenario/scenario_notes.hpp"
#include "scenario/suggest.hpp"
#include "scenario/value_sources.hpp"
#include "support/process_memory.hpp"
#include "support/visible_text.hpp"

namespace wfsim::cli {

namespace {

std::string quote_argument(const std::string& arg) {
  if (!arg.empty() &&
      arg.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%") ==
          std::string::npos) {
    return arg;
  }
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

std::string joined_command_line(int argc, const char* const* argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) line += (i ? " " : "") + quote_argument(argv[i]);
  return line;
}

double peak_memory_mib() { return static_cast<double>(support::peak_memory_kib()) / 1024.0; }

namespace {

// Every long option name, for suggestions.
std::vector<std::string> option_names(const po::options_description& options) {
  std::vector<std::string> names;
  for (const auto& option : options.options()) names.push_back("--" + option->long_name());
  return names;
}

// A plain word past the files the command takes: named, as the first such word, with
// what the command takes.
std::string extra_word_message(const po::options_description& options,
                               const po::positional_options_description& positional,
                               const std::vector<std::string>& args) {
  // The plain words that are not an option's value, past those the command takes.
  std::vector<std::string> plain;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!arg.empty() && arg[0] == '-') {
      const std::size_t start = arg.find_first_not_of('-');
      if (start == std::string::npos) continue;  // "-" or "--"
      // Boost keys a long option by its name, a short one by "-x".
      const std::string name = start == 1 ? arg.substr(0, 2) : arg.substr(start);
      const auto* option =
          name.find('=') == std::string::npos ? options.find_nothrow(name, false, false, false) : nullptr;
      if (option != nullptr && option->semantic()->max_tokens() > 0) ++i;  // its value follows
      continue;
    }
    plain.push_back(arg);
  }
  const std::size_t taken = positional.max_total_count();
  const std::string extra = plain.size() > taken ? plain[taken] : (plain.empty() ? "" : plain.back());
  const std::string expected = taken == 0   ? "options only"
                               : taken == 1 ? "one file and options"
                                            : "the files and options";
  return "expected " + expected + ", but '" + extra + "' is " + (taken == 0 ? "no option" : "one more") +
         " (options start with '--'; is a value missing its option?)";
}

// An option's value its type cannot read: what the option takes, and what was wrong.
std::string invalid_value_message(const po::invalid_option_value& invalid, const po::options_description& options) {
  // Boost's text is "the argument ('VALUE') for option '--NAME' is invalid".
  const std::string text = invalid.what();
  const std::size_t open = text.find("('"), close = text.find("')");
  const std::string value = open != std::string::npos && close > open ? text.substr(open + 2, close - open - 2) : "";
  const auto* option = options.find_nothrow(invalid.get_option_name().substr(2), false, false, false);
  const bool whole =
      option != nullptr && dynamic_cast<const po::typed_value<WholeNumber>*>(option->semantic().get()) != nullptr;
  // init's --year: "takes a number" was said of 2022.5, which is one.
  const bool integer =
      option != nullptr && dynamic_cast<const po::typed_value<int>*>(option->semantic().get()) != nullptr;
  // Digits alone that failed are past the type's largest: "takes a whole number" named no
  // fault. An int's may carry a sign, and be past its least.
  const std::size_t sign = integer && !value.empty() && (value[0] == '-' || value[0] == '+') ? 1 : 0;
  const bool digits = value.size() > sign && value.find_first_not_of("0123456789", sign) == std::string::npos;
  if ((whole || integer) && digits) {
    return invalid.get_option_name() + " takes a whole number, and '" + value +
           (whole ? "' is past the largest that can be read (2^64 - 1; the option's own limit is lower for most)"
                  : "' is outside what can be read (-2^31 to 2^31 - 1; the option's own limits are narrower)");
  }
  // The example once was 100, which --from and --to, which take years, repeated.
  return invalid.get_option_name() + " takes " +
         (whole || integer ? "a whole number (no decimals" + std::string(whole ? ", no sign)" : ")") : "a number") +
         ", got '" + value + "'";
}

// Boost's messages in wfsim's words, with a suggestion for a misspelt option.
std::string usage_message(const po::error& error, const po::options_description& options,
                          const po::positional_options_description& positional, const std::vector<std::string>& args) {
  if (const auto* unknown = dynamic_cast<const po::unknown_option*>(&error)) {
    const std::string name = unknown->get_option_name();
    // compare and sweep: a seed, and neither calibrate's targets nor backtest's data.
    const bool variants = options.find_nothrow("seed", false) != nullptr &&
                          options.find_nothrow("target", false) == nullptr &&
                          options.find_nothrow("from-csww", false) == nullptr;
    const auto is = [&](const std::string& option) { return name == option || name.rfind(option + "=", 0) == 0; };
    if (is("--set") && variants) {
      // Nearest by spelling is --seed, which says nothing of why: a comparison's and a
      // sweep's variants are files, each of which the results file keeps.
      const bool sweeps = options.find_nothrow("vary", false) != nullptr;
      return std::string(
                 "this command does not take --set: put the value in the scenario, or in a variant that "
                 "extends it (docs/scenario-reference.md, Variants)") +
             (sweeps ? ", or sweep the key with --vary" : "");
    }
    if (is("--keep") && variants) {
      // Nearest by spelling is --help. A comparison's or sweep's file keeps summaries
      // and paired differences; a run keeps per-replication series.
      return "this command does not take --keep: its file keeps each variant's summaries and their paired "
             "differences from the first, not each replication's series; run a variant with 'wfsim run --keep "
             "...' for those";
    }
    return "unknown option '" + name + "'" + scenario::did_you_mean(name, option_names(options));
  }
  if (dynamic_cast<const po::too_many_positional_options_error*>(&error)) {
    return extra_word_message(options, positional, args);
  }
  if (const auto* invalid = dynamic_cast<const po::invalid_option_value*>(&error)) {
    return invalid_value_message(*invalid, options);
  }
  if (const auto* syntax = dynamic_cast<const po::invalid_command_line_syntax*>(&error)) {
    if (syntax->kind() == po::invalid_syntax::missing_parameter) {
      return syntax->get_option_name() + " needs a value";
    }
  }
  if (const auto* twice = dynamic_cast<const po::multiple_occurrences*>(&error)) {
    return twice->get_option_name() + " is given more than once";
  }
  return error.what();
}

// The arguments with '--', which ends the options, taken out: Boost read it as the
// first file, and blamed the real one as "one more" (a hostile-input review). A word
// after it that looks like an option would be read as one, so it is refused.
std::vector<std::string> options_ended(const std::vector<std::string>& args) {
  const auto end = std::find(args.begin(), args.end(), "--");
  if (end == args.end()) return args;
  for (auto word = end + 1; word != args.end(); ++word) {
    if (word->size() > 1 && word->front() == '-') {
      throw UsageError("'--' ends the options, and '" + *word +
                       "' after it would be a file's name: put the options before '--' (or write a file named so "
                       "as ./" +
                       *word + ")");
    }
  }
  std::vector<std::string> kept(args.begin(), end);
  kept.insert(kept.end(), end + 1, args.end());
  return kept;
}

// " (or its long form, --output=x.h5)" for a short option `dash_letter` ("-o") the
// command takes, or "".
std::string long_form(const po::options_description& visible, const std::string& dash_letter,
                      const std::string& value) {
  for (const auto& option : visible.options()) {
    if (option->canonical_display_name(po::command_line_style::allow_dash_for_short) == dash_letter &&
        !option->long_name().empty()) {
      return " (or its long form, --" + option->long_name() + "=" + value + ")";
    }
  }
  return "";
}

}  // namespace

po::variables_map parse(const po::options_description& visible, const po::positional_options_description& positional,
                        const std::vector<std::string>& given) {
  const std::vector<std::string> args = options_ended(given);
  // A short option's value follows a space or is joined to it: '-o=x.h5' gave -o the
  // value '=x.h5', and run wrote a file of that name (a hostile-input review).
  for (const std::string& arg : given) {
    if (arg == "--") break;
    if (arg.size() >= 3 && arg[0] == '-' && std::isalpha(static_cast<unsigned char>(arg[1])) && arg[2] == '=') {
      throw UsageError("'" + arg + "': a short option takes its value after a space, '" + arg.substr(0, 2) + " " +
                       arg.substr(3) + "'" + long_form(visible, arg.substr(0, 2), arg.substr(3)) + "; as written, " +
                       arg.substr(0, 2) + " would take '" + arg.substr(2) + "'");
    }
  }
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(visible).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(usage_message(e, visible, positional, args));
  }
  return vm;
}

std::string help_options(const po::options_description& options, const po::positional_options_description& positional) {
  po::options_description shown("Options");
  for (const auto& option : options.options()) {
    bool is_positional = false;
    for (unsigned i = 0; i < positional.max_total_count() && i < 8; ++i) {
      is_positional = is_positional || positional.name_for_position(i) == option->long_name();
    }
    if (!is_positional) shown.add(option);
  }
  std::ostringstream text;
  text << shown;
  return text.str();
}

std::vector<std::string> overrides_of(const po::variables_map& vm) {
  return vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
}

std::string periods_text(std::size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

std::string wrote_line(const std::string& output_path) {
  std::error_code ignored;
  return "wrote " + output_path +
         (std::filesystem::exists(output_path, ignored) ? " (replacing the file of that name)" : "");
}

std::vector<NoteLine> note_lines(const scenario::Scenario& s) {
  std::vector<NoteLine> lines;
  for (const std::string& note : scenario::notes_on(s)) {
    const std::string key_path = scenario::leading_key_path(note);
    lines.push_back(
        {note,
         "note: " +
             (key_path.empty() ? s.file : scenario::written_in(s.sources, key_path, scenario::note_context(key_path))) +
             ": " + note + "\n"});
  }
  return lines;
}

void print_notes(const scenario::Scenario& s, std::ostream& err, std::set<std::string>* printed) {
  for (const NoteLine& n : note_lines(s)) {
    // A name's direction control shown, not obeyed, as errors show it (visible_text).
    if (printed == nullptr || printed->insert(n.line).second) err << support::visible_text(n.line);
  }
}

output::VariantInfo variant_info(const std::string& label, const scenario::Scenario& s) {
  return output::VariantInfo{label, s.file, s.text, s.extends, s.extends_texts};
}

std::vector<std::string> input_files(const scenario::Scenario& s) {
  std::vector<std::string> files = {s.file};
  files.insert(files.end(), s.extends.begin(), s.extends.end());
  return files;
}

std::int64_t count_posts(const scenario::Scenario& s) {
  std::int64_t posts = 0;
  for (const auto& a : s.parameters.authorities) {
    for (const auto& r : a.roles) posts += r.permanent_posts + r.temporary_posts;
  }
  return posts;
}

void validate(boost::any& value, const std::vector<std::string>& texts, WholeNumber*, int) {
  po::validators::check_first_occurrence(value);
  const std::string& text = po::validators::get_single_string(texts);
  std::uint64_t parsed = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, parsed);
  // from_chars takes no sign, so "-1" is refused here rather than wrapping to 2^64 - 1.
  if (text.empty() || error != std::errc() || stop != end) {
    throw po::invalid_option_value(text);
  }
  value = WholeNumber{parsed};
}

std::uint64_t whole_option(const po::variables_map& vm, const char* name, std::uint64_t minimum, std::uint64_t maximum,
                           const char* why) {
  const std::uint64_t value = vm[name].as<WholeNumber>().value;
  if (value < minimum || value > maximum) {
    throw UsageError("--" + std::string(name) + " must be from " + std::to_string(minimum) + " to " +
                     std::to_string(maximum) + (why[0] ? std::string(" (") + why + ")" : "") + ", got " +
                     std::to_string(value));
  }
  return value;
}

void note_unchanged_variants(const std::vector<scenario::Scenario>& scenarios, const std::vector<std::string>& files,
                             std::ostream& err) {
  for (std::size_t i = 1; i < scenarios.size() && i < files.size(); ++i) {
    if (scenario::simulates_the_same(scenarios[0], scenarios[i])) {
      err << "note: '" << files[i] << "' simulates what '" << files[0]
          << "' does, but for its name: its differences from the baseline will all be 0 (was its change left out, "
             "or written under another key?)\n";
    }
  }
}

namespace {

// What each council's role was paying when the figures were measured, as the scenario's
// payments marked already_paid say (a year, per worker), by "'Kent' social_worker".
std::map<std::string, double> payments_in_figures(const scenario::Scenario& s) {
  std::map<std::string, double> paid;
  for (const model::Authority& a : s.parameters.authorities) {
    for (const model::Policy& p : a.policies) {
      if (!p.paid_before_start()) continue;
      model::LeverEffect effect;
      p.lever->shape(effect);
      const double per_year = effect.premium_already_paid_per_worker_per_day * model::kDaysPerYear;
      if (per_year > 0) paid["'" + a.name + "' " + p.role] += per_year;
    }
  }
  return paid;
}

std::string amount_text(double per_year) {
  std::ostringstream text;
  text << std::setprecision(15) << per_year;
  return text.str();
}

}  // namespace

void note_payments_in_figures_differ(const std::vector<scenario::Scenario>& scenarios,
                                     const std::vector<std::string>& labels, std::ostream& err) {
  if (scenarios.empty()) return;
  const std::map<std::string, double> first = payments_in_figures(scenarios[0]);
  for (std::size_t i = 1; i < scenarios.size() && i < labels.size(); ++i) {
    const std::map<std::string, double> these = payments_in_figures(scenarios[i]);
    if (these == first) continue;  // a payment renamed, or split in two, says the same
    std::set<std::string> roles;
    for (const auto& [role, _] : first) roles.insert(role);
    for (const auto& [role, _] : these) roles.insert(role);
    std::string differing;
    for (const std::string& role : roles) {
      const double was = first.count(role) ? first.at(role) : 0, is = these.count(role) ? these.at(role) : 0;
      if (was != is) {
        differing +=
            (differing.empty() ? "" : "; ") + role + " " + amount_text(is) + " a year against " + amount_text(was);
      }
    }
    err << "note: '" << labels[i] << "' and '" << labels[0]
        << "' differ in what their payments marked already_paid say was paid when the figures were measured ("
        << differing
        << "): that changes the pay the figures are set against, not what is paid, so the difference is not what "
           "paying or stopping the payment does; to ask that, keep it marked in both and give it an 'until' "
           "(docs/policies.md)\n";
  }
}

void note_variants_against_base(const std::vector<scenario::Scenario>& scenarios, const std::vector<std::string>& files,
                                std::ostream& err) {
  note_unchanged_variants(scenarios, files, err);
  note_payments_in_figures_differ(scenarios, files, err);
}

void note_few_replications(std::size_t replications, std::ostream& err) {
  if (replications >= kReplicationsToCompare) return;
  err << "note: " << replications << " replications: with fewer than " << kReplicationsToCompare
      << ", a difference's 95% interval covers less than 95% for counts that are skewed or mostly zero "
         "(docs/output-format.md, 'Reading the intervals'); use "
      << kReplicationsToCompare << " or more to compare policies\n";
}

}  // namespace wfsim::cli
