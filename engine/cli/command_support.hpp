#pragma once
// What every wfsim command shares: option parsing that turns mistakes into usage
// errors, the command line as run (recorded in outputs), --set overrides, sizes.

#include <boost/program_options.hpp>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "output/comparison_writer.hpp"
#include "scenario/scenario.hpp"

namespace wfsim::cli {

namespace po = boost::program_options;

// A command-line mistake: reported with the command's name and a pointer to --help.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The command line as one shell-quoted string, as outputs record it.
std::string joined_command_line(int argc, const char* const* argv);

// The process's peak resident memory so far.
double peak_memory_mib();

// Parses a command's arguments; a Boost.Program_options error becomes a UsageError.
po::variables_map parse(const po::options_description& visible, const po::positional_options_description& positional,
                        const std::vector<std::string>& args);

// The options for --help: those given by position (the scenario files) are left out,
// as the usage line names them.
std::string help_options(const po::options_description& options, const po::positional_options_description& positional);

// The --set KEY.PATH=VALUE overrides given.
std::vector<std::string> overrides_of(const po::variables_map& vm);

// Permanent and temporary posts over all authorities and roles (64 bits: a scenario
// of many large councils must not wrap).
std::int64_t count_posts(const scenario::Scenario& s);

// A whole number option (replications, seeds, threads): digits only, so "-1" is an
// error instead of 2^64 - 1. Declare with po::value<WholeNumber>(); read with
// whole_option, which also checks its range.
inline constexpr std::uint64_t kMaxReplications = 10000000;
inline constexpr const char* kWhyMaxReplications =
    "a run past ten million would take days; the interval narrows "
    "only with the square root";
inline constexpr std::uint64_t kMaxThreads = 1024;
struct WholeNumber {
  std::uint64_t value = 0;
};
void validate(boost::any& value, const std::vector<std::string>& texts, WholeNumber*, int);
std::uint64_t whole_option(const po::variables_map& vm, const char* name, std::uint64_t minimum, std::uint64_t maximum,
                           const char* why = "");

// The files a scenario was read from: its own and those it extends.
std::vector<std::string> input_files(const scenario::Scenario& s);

// What a comparison or sweep file keeps of a variant: its label, file and text, and
// the files it extends with their texts.
output::VariantInfo variant_info(const std::string& label, const scenario::Scenario& s);

// "1 month", "12 months": a count with its noun, plural but for one.
std::string periods_text(std::size_t count, const std::string& noun);

// "wrote PATH", and whether it replaced a file there, taken before the writing: a run of
// 300 replications, or an init for another year, replaced the file of that name without
// a word (a file of another kind needs --force; one of its own kind is replaced, as a
// rerun should be).
std::string wrote_line(const std::string& output_path);

// The scenario's notes (scenario_notes.hpp), each with its line "note: FILE: ...\n",
// FILE the file or --set that wrote the value it weighs.
struct NoteLine {
  std::string note;
  std::string line;
};
std::vector<NoteLine> note_lines(const scenario::Scenario& s);
// Prints them on `err`; each once where `printed` is given: a compare's variants share
// their base's values, and its notes. The commands keep what they print in their files
// too (run_notes.hpp).
void print_notes(const scenario::Scenario& s, std::ostream& err, std::set<std::string>* printed = nullptr);

// A note on `err` for each variant after the first that simulates what the first does
// but for its name (scenario/same_simulation.hpp): compare runs it, as the user may
// mean it, but its differences will all be 0.
void note_unchanged_variants(const std::vector<scenario::Scenario>& scenarios, const std::vector<std::string>& files,
                             std::ostream& err);

// A note on `err` for each variant (or sweep point) whose payments marked already_paid
// say another amount was paid when the figures were measured than the first's do, by
// council and role (a payment dropped, unmarked or changed; not one renamed): that moves
// the pay the figures are set against, not what is paid, where the user most likely
// meant to stop it ('until'). `labels` name the variants, as `files` above.
void note_payments_in_figures_differ(const std::vector<scenario::Scenario>& scenarios,
                                     const std::vector<std::string>& labels, std::ostream& err);

// Both notes above, for compare's variants against its baseline.
void note_variants_against_base(const std::vector<scenario::Scenario>& scenarios, const std::vector<std::string>& files,
                                std::ostream& err);

// Below this many replications a paired difference's 95% interval covers less than 95%
// for skewed counts and counts that are mostly zero (docs/output-format.md, "Reading the
// intervals", gives the resampled coverage).
constexpr std::size_t kReplicationsToCompare = 100;
// A note on `err` when a compare or sweep runs fewer: the file's intervals then look as
// sure as those of a run long enough to trust, so the user is told once, as it starts.
void note_few_replications(std::size_t replications, std::ostream& err);

}  // namespace wfsim::cli
