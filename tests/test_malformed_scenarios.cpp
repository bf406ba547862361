// Malformed scenarios, bad overrides and bad output paths, checked through the
// command line exactly as a user meets them: exit code 2 and a message naming the
// file, line and column, the key path and the problem.
//
// Each file in tests/malformed/ is a minimal valid scenario with one defect, described
// in its first line (a comment, so line 2 is the scenario's first key). The
// expected positions are 1-based. yaml-cpp places a scalar at its first character, a
// block mapping at its first key and a block list at its first '-'; an unknown key is
// reported at the key, a missing required key at the mapping that lacks it.
//
// Needs WFSIM_TEST_DATA_DIR, the absolute path of this directory (tests/).

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "cli/commands.hpp"
#include "kernel/simulator.hpp"
#include "model/runaway_error.hpp"
#include "model/workforce_store.hpp"
#include "scenario/scenario.hpp"
#include "scenario/suggest.hpp"
#include "scratch_folder.hpp"
#include "support.hpp"

namespace {

using Catch::Matchers::Contains;

struct CliResult {
  int code = -1;
  std::string out;
  std::string err;
};

// `wfsim ARGS...` in-process, the program's name first as on a command line.
CliResult run_cli(std::vector<std::string> args) {
  args.erase(args.begin());  // test_support::run_cli puts it back
  CliResult result;
  result.code = test_support::run_cli(std::move(args), result.out, result.err);
  return result;
}

const std::string kDataDir = WFSIM_TEST_DATA_DIR;
const std::string kMalformedDir = kDataDir + "/malformed";
const std::string kValidScenario = WFSIM_TEST_DATA_DIR "/../scenarios/buckinghamshire-2015.yaml";

struct MalformedCase {
  const char* file;      // in tests/malformed/
  const char* location;  // "LINE:COLUMN", or "" when the message has no position
  const char* key_path;  // "" for an error that is not about one key (YAML syntax, root)
  const char* message;   // a distinctive part of the message, exactly as the engine words it
};

const std::vector<MalformedCase> kCases = {
    // YAML syntax: 'notice' at column 10 is neither inside leaving's mapping (column 11)
    // nor the role's (column 9). yaml-cpp reports it at the stray key.
    {"01-bad-indentation.yaml", "12:10", "", "not valid YAML: end of map not found"},
    // An unclosed '[' is only noticed at the end of the input: said at the end of the
    // last line, and as the end. yaml-cpp's own place, the line after the last (the file
    // ends with a newline), is a line no editor shows (a review).
    {"02-unclosed-bracket.yaml", "12:36", "",
     "not valid YAML: end of sequence flow not found (at the end of the file)"},
    {"03-empty.yaml", "", "", "the scenario is empty"},
    {"04-top-level-list.yaml", "2:1", "", "expected a mapping of keys, got a list"},
    // A misspelt required key is reported at the misspelling, with the key it should be.
    {"05-misspelt-required-top-level-key.yaml", "5:1", "authorites",
     "unknown key 'authorites' (did you mean 'authorities'?); 'authorities' is required"},
    {"06-misspelt-top-level-key.yaml", "3:1", "descripton", "unknown key 'descripton' (did you mean 'description'?)"},
    {"07-misspelt-required-nested-key.yaml", "11:11", "authorities[0].roles[0].leaving.turnover_per_yer",
     "unknown key 'turnover_per_yer' (did you mean 'turnover_per_year'?); 'turnover_per_year' is required"},
    {"08-misspelt-nested-key.yaml", "10:9", "authorities[0].roles[0].fte_per_workr",
     "unknown key 'fte_per_workr' (did you mean 'fte_per_worker'?)"},
    {"09-negative-rate.yaml", "11:30", "authorities[0].roles[0].leaving.turnover_per_year",
     "expected a number >= 0, got -0.1"},
    {"10-probability-above-one.yaml", "13:38", "authorities[0].roles[0].recruitment.offer_failure_probability",
     "expected a probability between 0 and 1, got 1.5"},
    {"11-destinations-not-summing-to-one.yaml", "13:13", "authorities[0].roles[0].leaving.destinations",
     "the shares of outside, other_council and agency must add up to 1, but add up to 0.8"},
    {"12-duration-without-unit.yaml", "12:19", "authorities[0].roles[0].leaving.notice",
     "expected a duration with a unit, such as '90 days' or '3 months', got '90'"},
    // No unit is close enough to 'fortnights' for a suggestion.
    {"13-unknown-time-unit.yaml", "12:19", "authorities[0].roles[0].leaving.notice",
     "unknown time unit 'fortnights' in '3 fortnights'; use days, weeks, months or years"},
    {"14-misspelt-choice.yaml", "13:21", "authorities[0].roles[0].recruitment.opens_at",
     "expected one of: notice, vacancy; got 'notise' (did you mean 'notice'?)"},
    {"15-unknown-distribution.yaml", "13:27", "authorities[0].roles[0].leaving.notice.distribution",
     "expected one of: fixed, exponential, lognormal, gamma, uniform, empirical; got 'weibull'"},
    {"16-missing-permanent-posts.yaml", "8:9", "authorities[0].roles[0]", "missing required key 'permanent_posts'"},
    {"17-in-post-above-permanent-posts.yaml", "11:20", "authorities[0].roles[0].initial.in_post",
     "cannot exceed permanent_posts (10)"},
    {"18-bad-date.yaml", "3:8", "start", "'2015-02-30' is not a date: February 2015 has 28 days"},
    // Reported at 'duration' (line 4), though 'end' is the line added (line 12).
    {"19-end-and-duration.yaml", "4:11", "duration", "give either 'end' or 'duration', not both"},
    {"20-non-integer-count.yaml", "9:26", "authorities[0].roles[0].permanent_posts",
     "expected a whole number >= 0, got 10.5"},
    // At the second authority's mapping, i.e. its first key.
    {"21-duplicate-authority.yaml", "12:5", "authorities[1]", "authority 'A' appears twice"},
    // At the list's first '-'.
    {"22-list-instead-of-mapping.yaml", "11:11", "authorities[0].roles[0].leaving",
     "expected a mapping of keys, got a list"},
    // At notice's mapping, i.e. its first key 'distribution'.
    {"23-gamma-without-shape.yaml", "13:13", "authorities[0].roles[0].leaving.notice", "missing required key 'shape'"},
    {"24-absent-above-in-post.yaml", "12:19", "authorities[0].roles[0].initial.absent", "cannot exceed in_post (8)"},
    // At the '}' that does not match the '['.
    {"25-mismatched-bracket.yaml", "12:70", "", "not valid YAML: illegal flow end"},
    {"26-agency-supply-unknown-role.yaml", "12:12", "agency_supply[0].role",
     "no authority has a role named 'social_workr' (did you mean 'social_worker'?)"},
    {"27-absent-without-absence-kinds.yaml", "8:9", "authorities[0].roles[0]",
     "initial.absent is 2, but no long_absences with starts_per_year > 0 say how long absences last"},
    {"28-duplicate-key.yaml", "12:11", "authorities[0].roles[0].leaving.turnover_per_year",
     "key 'turnover_per_year' appears twice in the same mapping"},
    {"29-rule-without-members.yaml", "12:85", "rules[0].members",
     "a rule needs members: 'all' or a list of authorities"},
    {"30-misspelt-duration.yaml", "4:1", "duraton", "unknown key 'duraton' (did you mean 'duration'?)"},
    {"31-overlapping-memberships.yaml", "13:71", "rules[0].members[2]",
     "authority 'B' is a member twice at once: this membership overlaps the one at members[1]"},
    {"32-tab-indent.yaml", "8:2", "",
     "not valid YAML: illegal block entry (line 8 is indented with a tab; YAML indents with spaces only)"},
    {"33-misspelt-absent.yaml", "10:31", "authorities[0].roles[0].initial.absnt",
     "unknown key 'absnt' (did you mean 'absent'?)"},
    {"34-zero-warmup.yaml", "5:9", "warmup", "a warm-up must last at least one day (or leave it out)"},
    {"35-lognormal-sd-overflows.yaml", "12:30", "authorities[0].roles[0].recruitment.approval_to_offer",
     "these values make no distribution to draw from: lognormal sd is too large against its mean"},
    {"36-uncertain-gamma-shape-reaches-zero.yaml", "12:71", "authorities[0].roles[0].recruitment.offer_to_start",
     "the uncertain inputs' spread reaches values at its low end"},
    {"37-empty-authority-name.yaml", "6:11", "authorities[0].name", "must not be empty: the authority's name"},
    {"38-latin-1.yaml", "2:13", "", "this character is not UTF-8 (the file was saved as Latin-1 or Windows-1252?)"},
    {"39-cr-line-endings.yaml", "", "", "its lines end with CR alone (old Mac line endings)"},
    {"40-year-out-of-range.yaml", "3:8", "start", "'9999-10-01' is outside the years a scenario may use, 1900 to 2200"},
    {"41-quoted-number.yaml", "9:26", "authorities[0].roles[0].permanent_posts",
     "expected a number, got the text '270' (YAML reads a value in quotes as text): write it without quotes"},
    {"42-non-breaking-space.yaml", "10:51", "authorities[0].roles[0].leaving.notice",
     "'3\u00a0months' holds a non-breaking space (as word processors type one) where a plain space belongs"},
    {"43-quoted-number-in-spread.yaml", "10:45", "authorities[0].roles[0].leaving.turnover_per_year.mean",
     "expected a number, got the text '0.17'"},
    {"44-blank-unicode-name.yaml", "6:11", "authorities[0].name",
     "must not be empty (it holds only spaces or characters that show nothing): the authority's name"},
    {"45-nested-too-deep.yaml", "5:10014", "", "not valid YAML here: lists or mappings nested 500 deep"},
    {"46-authorities-differing-in-case.yaml", "13:5", "authorities[1]",
     "authority 'a' differs from 'A' only in case, spacing or characters that show nothing, and the results find "
     "councils by name ignoring case"},
    {"47-key-too-long.yaml", "12:1119", "",
     "not valid YAML: illegal map value (a key of 1108 characters: YAML reads a key of at most 1,024"},
    {"48-authorities-differing-in-spacing.yaml", "13:5", "authorities[1]",
     "authority 'bracknell  forest' differs from 'Bracknell Forest' only in case, spacing or characters that show "
     "nothing"},
    {"49-name-ending-in-space.yaml", "7:11", "authorities[0].name",
     "must not start or end with a space, as 'Kent ' does: the authority's name"},
    {"51-authorities-differing-by-an-invisible-character.yaml", "13:5", "authorities[1]",
     "authority 'Kent\\u200B' differs from 'Kent' only in case, spacing or characters that show nothing"},
    {"50-invisible-name.yaml", "6:11", "authorities[0].name",
     "must not be empty (it holds only spaces or characters that show nothing): the authority's name"},
    {"52-value-within-itself.yaml", "11:18", "",
     "this value holds itself: a YAML alias (*name) inside the value its anchor (&name) marks"},
    // A missing key is not blamed on a key the mapping has of its own.
    {"53-cohort-without-its-route.yaml", "14:9", "authorities[0].policies[0]", "missing required key 'route'"},
    {"54-abbreviated-time-unit.yaml", "13:19", "authorities[0].roles[0].leaving.notice",
     "unknown time unit 'm' in '3m' (did you mean 'months'?)"},
};

}  // namespace

TEST_CASE("every malformed scenario is rejected with its position, key path and problem",
          "[scenario][cli][malformed]") {
  for (const MalformedCase& c : kCases) {
    DYNAMIC_SECTION(c.file) {
      const std::string path = kMalformedDir + "/" + c.file;
      const CliResult r = run_cli({"wfsim", "validate", path});
      INFO("stderr: " << r.err);
      CHECK(r.code == 2);
      CHECK(r.out.empty());
      CHECK_THAT(r.err, Catch::Matchers::StartsWith("error: "));
      const std::string location = std::string(c.location).empty() ? "" : ":" + std::string(c.location);
      // "FILE:LINE:COLUMN: " then "KEY.PATH: " then the message.
      CHECK_THAT(r.err, Contains(path + location + ": "));
      const std::string key_path = c.key_path;
      if (!key_path.empty()) CHECK_THAT(r.err, Contains(path + location + ": " + key_path + ": "));
      CHECK_THAT(r.err, Contains(c.message));
      CHECK_THAT(r.err, Contains(path + location + ": " + (key_path.empty() ? "" : key_path + ": ") + c.message));
    }
  }
}

TEST_CASE("every file in tests/malformed has a case, and every case a file", "[scenario][malformed]") {
  std::set<std::string> on_disk;
  for (const auto& entry : std::filesystem::directory_iterator(kMalformedDir)) {
    if (entry.path().extension() == ".yaml") on_disk.insert(entry.path().filename().string());
  }
  std::set<std::string> in_table;
  for (const MalformedCase& c : kCases) in_table.insert(c.file);
  CHECK(on_disk == in_table);
  CHECK(in_table.size() == kCases.size());  // no file listed twice
  CHECK(kCases.size() >= 18u);
}

TEST_CASE("the valid example scenario passes validation", "[scenario][cli]") {
  // Guards the cases below: their failures must come from the override or path alone.
  const CliResult r = run_cli({"wfsim", "validate", kValidScenario});
  INFO("stderr: " << r.err);
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK_THAT(r.out, Contains("valid scenario"));
}

TEST_CASE("a scenario file that does not exist is bad input", "[scenario][cli]") {
  const std::string path = kMalformedDir + "/no-such-scenario.yaml";
  const CliResult r = run_cli({"wfsim", "validate", path});
  INFO("stderr: " << r.err);
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains(path));
  CHECK_THAT(r.err, Contains("cannot read the scenario file: no such file"));
}

TEST_CASE("a results file, a binary or a CSV given as a scenario is told for what it is", "[scenario][cli]") {
  const test_support::ScratchFolder scratch("wfsim-not-a-scenario");
  const std::filesystem::path& dir = scratch.path;
  const auto write = [&](const std::string& name, const std::string& bytes) {
    const std::string path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  };
  // The HDF5 signature, as every results file begins; YAML's parser had said
  // "unknown escape character" at line 3.
  const std::string h5 = write("results.h5", std::string("\x89HDF\r\n\x1a\n\0\0\0\0", 12) + "rest");
  CliResult r = run_cli({"wfsim", "validate", h5});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains(h5 + ": this is an HDF5 file"));
  const std::string binary = write("binary.yaml", std::string("ELF\0\0\x01\x02", 7));
  r = run_cli({"wfsim", "run", binary, "-o", (dir / "out.h5").string()});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("this is not a text file"));
  CHECK_FALSE(std::filesystem::exists(dir / "out.h5"));
  // A CSV is one long scalar to YAML: the message quotes its start, not all of it.
  std::string csv = "measure,units,authority,date,statistic,value\n";
  for (int i = 0; i < 2000; ++i) csv += "agency_share,fraction,Buckinghamshire,2015-10-31,mean,0.25\n";
  r = run_cli({"wfsim", "validate", write("results.csv", csv)});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("expected a mapping of keys, got 'measure,units"));
  CHECK_THAT(r.err, Contains("characters)"));
  CHECK(r.err.size() < 400);
  // Cut between characters, never inside one, and counted in characters.
  r = run_cli({"wfsim", "validate",
               write(
                   "long.yaml", "a" + [] {
                     std::string e;
                     for (int i = 0; i < 40; ++i) e += "\xC3\xA9";  // é
                     return e;
                   }() + "\n")});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("\xC3\xA9...' (41 characters)"));
  // UTF-16 text with its byte-order mark is text, which yaml-cpp reads: not a binary.
  std::string wide = "\xFF\xFE";
  for (const char c : std::string("name: x\n")) wide += std::string{c, '\0'};
  r = run_cli({"wfsim", "validate", write("wide.yaml", wide)});
  CHECK_THAT(r.err, !Contains("not a text file"));
  // Without the mark, in either byte order, it was "not a text file", which says
  // nothing of the fix.
  for (const bool big_endian : {false, true}) {
    std::string unmarked;
    for (const char c : std::string("name: x\nstart: 2020-01-01\n")) {
      unmarked += big_endian ? std::string{'\0', c} : std::string{c, '\0'};
    }
    r = run_cli({"wfsim", "validate", write("unmarked.yaml", unmarked)});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("unmarked.yaml: this is UTF-16 text without the byte-order mark that says so: save "
                               "the scenario as UTF-8"));
  }
  // A surrogate without its pair (a damaged file) was read on, and the next character
  // lost: the authority's name in the results was bytes that are not UTF-8.
  auto utf16 = [](const std::vector<std::uint16_t>& units, bool big_endian) {
    std::string out;
    for (const std::uint16_t u : units) {
      const char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
      out += big_endian ? std::string{hi, lo} : std::string{lo, hi};
    }
    return out;
  };
  auto units_of = [](const std::string& text) { return std::vector<std::uint16_t>(text.begin(), text.end()); };
  for (const bool big_endian : {false, true}) {
    for (const std::uint16_t half : {std::uint16_t{0xD800}, std::uint16_t{0xDC00}}) {
      std::vector<std::uint16_t> units = {0xFEFF};
      for (const std::uint16_t u : units_of("name: x\nstart: 2020-01-01\nab")) units.push_back(u);
      units.push_back(half);
      for (const std::uint16_t u : units_of("cd: 1\n")) units.push_back(u);
      r = run_cli({"wfsim", "validate", write("half.yaml", utf16(units, big_endian))});
      INFO("big endian " << big_endian << ", unit " << half << ": " << r.err);
      CHECK(r.code == 2);
      CHECK_THAT(r.err, Contains("half.yaml:3:3: this character is not well-formed UTF-16 or UTF-32"));
    }
  }
  // A pair in its right order is one character (U+1F600), read on.
  std::vector<std::uint16_t> pair = {0xFEFF};
  for (const std::uint16_t u : units_of("name: \"x")) pair.push_back(u);
  pair.insert(pair.end(), {0xD83D, 0xDE00});
  for (const std::uint16_t u : units_of("\"\n")) pair.push_back(u);
  r = run_cli({"wfsim", "validate", write("pair.yaml", utf16(pair, false))});
  CHECK_THAT(r.err, !Contains("not well-formed"));
}

TEST_CASE("an override with a bad value is reported as coming from --set", "[scenario][cli][overrides]") {
  const std::string assignment = "authorities[0].roles[0].leaving.turnover_per_year=-1";
  const CliResult r = run_cli({"wfsim", "validate", kValidScenario, "--set", assignment});
  INFO("stderr: " << r.err);
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("error: --set " + assignment + ": "));
  CHECK_THAT(r.err, Contains("authorities[0].roles[0].leaving.turnover_per_year: expected a number >= 0, got -1"));
  // The value is not in the file, so the file's name must not be given as its place.
  CHECK_THAT(r.err, !Contains("buckinghamshire-2015.yaml"));
}

TEST_CASE("a key the file repeats is the file's fault, not that of a --set of it", "[scenario][cli][overrides]") {
  // The --set of the repeated key took the blame, and the file's line went unnamed.
  const std::string file = kMalformedDir + "/28-duplicate-key.yaml";
  for (const std::string option : {"--set", "--vary"}) {
    const std::string assignment = "authorities[0].roles[0].leaving.turnover_per_year=0.2";
    const CliResult r =
        option == "--set"
            ? run_cli({"wfsim", "validate", file, "--set", assignment})
            : run_cli({"wfsim", "sweep", file, "--vary", assignment + ",0.3", "-o", kDataDir + "/never-written.h5"});
    INFO(option << ": " << r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("28-duplicate-key.yaml:12:11: authorities[0].roles[0].leaving.turnover_per_year: key "
                               "'turnover_per_year' appears twice in the same mapping"));
    CHECK_THAT(r.err, !Contains("error: " + option));
  }
  CHECK_FALSE(std::filesystem::exists(kDataDir + "/never-written.h5"));
}

TEST_CASE("a key an override's value repeats is refused, as a file's is", "[scenario][cli][overrides]") {
  // A spread's repeated mean was lost unsaid: the uncertain input took the first and
  // replaced the mapping with a number before any reader could see the second.
  const std::string& file = kValidScenario;
  for (const std::string value :
       {"{mean: 0.1, mean: 0.2, sd: 0.01}", "{low: 0.1, high: 0.2, high: 0.9}", "{mean: 0.1, sd: 0.01, sd: 0.5}"}) {
    const std::string key = "authorities[0].roles[0].leaving.turnover_per_year";
    for (const std::string option : {"--set", "--vary"}) {
      const CliResult r = option == "--set" ? run_cli({"wfsim", "validate", file, "--set", key + "=" + value})
                                            : run_cli({"wfsim", "sweep", file, "--vary", key + "=" + value + ";0.3",
                                                       "-o", kDataDir + "/never-written.h5"});
      INFO(option << " " << value << ": " << r.err);
      CHECK(r.code == 2);
      CHECK_THAT(r.err, Contains("error: " + option + " " + key + "=" + value));
      CHECK_THAT(r.err, Contains("appears twice in the same mapping of the value"));
    }
  }
  const CliResult nested = run_cli(
      {"wfsim", "validate", file, "--set",
       "authorities[0].roles[0].agency.booking_delay={distribution: gamma, mean: 14 days, shape: 2, shape: 3}"});
  CHECK(nested.code == 2);
  CHECK_THAT(nested.err, Contains("authorities[0].roles[0].agency.booking_delay.shape: key 'shape' appears twice"));
  // A key holding a '.' is named whole, not by what follows its last dot.
  CHECK_THAT(
      run_cli({"wfsim", "validate", file, "--set", "authorities[0].roles[0].leaving.destinations={a.b: 1, a.b: 2}"})
          .err,
      Contains("key 'a.b' appears twice"));
  CHECK(run_cli({"wfsim", "validate", file, "--set",
                 "authorities[0].roles[0].leaving.turnover_per_year={mean: 0.1, "
                 "sd: 0.01}"})
            .code == 0);
  CHECK_FALSE(std::filesystem::exists(kDataDir + "/never-written.h5"));
}

TEST_CASE("a value that holds itself through an alias is refused, in a file, a base or --set",
          "[scenario][cli][overrides]") {
  // Each walk of the tree followed the loop until the stack ran out (a crash, exit 139).
  const CliResult set = run_cli({"wfsim", "validate", kValidScenario, "--set", "description=&a [*a]"});
  CHECK(set.code == 2);
  CHECK_THAT(set.err, Contains("--set description=&a [*a]: description: this value holds itself"));
  std::ifstream in(kValidScenario);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const test_support::ScratchFolder scratch("wfsim-loop");
  const std::filesystem::path& dir = scratch.path;
  std::ofstream(dir / "base.yaml") << text << "\nnote: &n {b: *n}\n";
  std::ofstream(dir / "variant.yaml") << "extends: base.yaml\nname: V\n";
  const std::string out = (dir / "never-written.h5").string();
  const CliResult compare =
      run_cli({"wfsim", "compare", kValidScenario, (dir / "variant.yaml").string(), "-o", out, "-n", "2"});
  INFO(compare.err);
  CHECK(compare.code == 2);
  CHECK_THAT(compare.err, Contains("base.yaml:"));
  CHECK_THAT(compare.err, Contains("this value holds itself"));
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("a loop behind aliases that stand for a million values is still found", "[scenario][cli][overrides]") {
  // The loop check gave up after as many values as the walks may visit, counting keys
  // too, and the walk for repeated keys that followed (counting values alone) went on
  // into the loop: exit 139 (a review of the loop check). Each value is now walked once.
  std::string text = "l0: &a0 {k0: 1, k1: 1, k2: 1, k3: 1, k4: 1, k5: 1, k6: 1, k7: 1, k8: 1, k9: 1}\n";
  for (int level = 1; level <= 5; ++level) {
    const std::string alias = "*a" + std::to_string(level - 1);
    text += "l" + std::to_string(level) + ": &a" + std::to_string(level) + " [" + alias;
    for (int i = 1; i < 10; ++i) text += ", " + alias;
    text += "]\n";
  }
  text += "z: &z [*z]\n";
  const test_support::ScratchFolder scratch("wfsim-far-loop");
  const std::string file = (scratch.path / "far-loop.yaml").string();
  std::ofstream(file) << text;
  const CliResult r = run_cli({"wfsim", "validate", file});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("far-loop.yaml:7:4: this value holds itself"));
}

TEST_CASE("a name given twice, or alike, is refused the same way for absence kinds, policies and rules",
          "[scenario][cli][overrides]") {
  // One check (scenario/unique_name) serves the three lists that wrote it by hand.
  const std::string absence = "{starts_per_year: 0.03, duration: 9 months}";
  const auto kinds = [&](const std::string& a, const std::string& b) {
    std::string one = absence, two = absence;
    return "authorities[0].roles[0].long_absences=[" + one.insert(1, "kind: " + a + ", ") + ", " +
           two.insert(1, "kind: " + b + ", ") + "]";
  };
  const std::string campaign = "kind: recruitment_campaign, role: social_worker, extra_applicants_per_year: 1}";
  const auto policies = [&](const std::string& a, const std::string& b) {
    return "authorities[0].policies=[{name: " + a + ", " + campaign + ", {name: " + b + ", " + campaign + "]";
  };
  const std::string cap = "kind: rate_cap, members: all, caps_per_hour: {social_worker: 40}}";
  const auto rules = [&](const std::string& a, const std::string& b) {
    return "rules=[{name: " + a + ", " + cap + ", {name: " + b + ", " + cap + "]";
  };
  const std::string alike = "' only in case, spacing or characters that show nothing";
  for (const auto& [set, says] : std::vector<std::pair<std::string, std::string>>{
           {kinds("sick", "sick"), "long_absences[1].kind: absence kind 'sick' appears twice"},
           {kinds("sick", "Sick"), "long_absences[1].kind: absence kind 'Sick' differs from 'sick" + alike +
                                       ", and the two would look alike in every table; give them names that "
                                       "differ otherwise"},
           {policies("c", "c"), "policies[1].name: policy 'c' appears twice in this authority"},
           {policies("c", "C"), "policies[1].name: policy 'C' differs from 'c" + alike +
                                    ": both would act (a variant changes a lever by its exact name); give them "
                                    "names that differ otherwise"},
           {rules("cap", "cap"), "rules[1].name: rule 'cap' appears twice"},
           {rules("cap", "Cap"), "rules[1].name: rule 'Cap' differs from 'cap" + alike +
                                     ": both would bind (a variant changes a rule by its exact name); give them "
                                     "names that differ otherwise"}}) {
    const CliResult r = run_cli({"wfsim", "validate", kValidScenario, "--set", set});
    INFO(set << "\n" << r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains(says + "\n"));
  }
}

TEST_CASE("existing_from is refused on a rule that refuses no engagement, and an exemption named twice",
          "[scenario][cli][overrides]") {
  // A rate cap took it without a word, and its date was only a moment when the idle
  // workers were offered the bookings again, which moved results by chance (an audit).
  const std::string cap = "rules=[{name: r, kind: rate_cap, caps_per_hour: {social_worker: 40}, from: 2016-06-01, " +
                          std::string("existing_from: 2017-01-01, members: all}]");
  const CliResult r = run_cli({"wfsim", "validate", kValidScenario, "--set", cap});
  INFO(r.err);
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("rules[0].existing_from: unknown key 'existing_from': it is for kind cooling_off or "
                             "experience, not 'rate_cap'"));
  // An exemption named twice was taken as once, without a word (an audit).
  const CliResult twice = run_cli({"wfsim", "validate", kValidScenario, "--set",
                                   "rules=[{name: c, kind: cooling_off, scope: same_authority, length: 6 months, "
                                   "exempt: [redundancy, redundancy], members: all}]"});
  CHECK(twice.code == 2);
  CHECK_THAT(twice.err, Contains("rules[0].exempt[1]: 'redundancy' is listed twice"));
  // The kinds that refuse take it, as before.
  const std::string experience = "rules=[{name: r, kind: experience, min_experience: 2 years, from: 2016-06-01, " +
                                 std::string("existing_from: 2017-01-01, members: all}]");
  const CliResult fine = run_cli({"wfsim", "validate", kValidScenario, "--set", experience});
  INFO(fine.err);
  CHECK(fine.code == 0);
}

TEST_CASE("values nested a thousand deep through aliases are refused before any walk recurses through them",
          "[scenario][cli][overrides]") {
  // Each line's list holds the line before's: 1,500 lines, 1,500 deep as the aliases
  // expand, though no line nests. Deeper still (40 lines of 489 brackets each) the walk
  // for repeated keys ran out of stack (a review). Each value is walked once, and its
  // height counts wherever another alias of it stands.
  std::string text = "a0: &a0 [1]\n";
  for (int i = 1; i < 1500; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" + std::to_string(i - 1) + "]\n";
  }
  const test_support::ScratchFolder scratch("wfsim-deep-aliases");
  const std::string file = (scratch.path / "deep.yaml").string();
  std::ofstream(file) << text;
  const CliResult r = run_cli({"wfsim", "validate", file});
  CHECK(r.code == 2);
  // Where the alias stands that takes a path past the thousandth level (counting the
  // file's own mapping as the first): a999's list, line 1000, holding *a998.
  CHECK_THAT(r.err, Contains("deep.yaml:1000:7: values nested more than 1000 deep through YAML aliases"));
}

TEST_CASE("a check across keys that an override breaks names the override beside the file's line",
          "[scenario][cli][overrides]") {
  // Shares that must add up are checked at their mapping, which is in the file; the
  // share that broke them came from --set.
  SECTION("a value inside the mapping checked") {
    const std::string assignment = "authorities[0].roles[0].leaving.destinations.outside=0.9";
    const CliResult r = run_cli({"wfsim", "validate", kValidScenario, "--set", "duration=2 years", "--set",
                                 "authorities[0].roles[0].pay.on_costs=0.25", "--set", assignment});
    INFO("stderr: " << r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("buckinghamshire-2015.yaml:40:13 (as changed by --set " + assignment +
                               "): authorities[0].roles[0].leaving.destinations: the shares"));
    CHECK_THAT(r.err, !Contains("on_costs"));  // only what lies inside the mapping
    CHECK_THAT(r.err, !Contains("duration"));
  }
  SECTION("a neighbouring key of the same role") {
    const std::string assignment = "authorities[0].roles[0].permanent_posts=100";
    const CliResult r =
        run_cli({"wfsim", "validate", kValidScenario, "--set", "duration=2 years", "--set", assignment});
    INFO("stderr: " << r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("(as changed by --set " + assignment +
                               "): authorities[0].roles[0].initial.in_post: cannot exceed permanent_posts (100)"));
    CHECK_THAT(r.err, !Contains("duration"));
  }
  SECTION("a top-level key") {
    const CliResult r = run_cli({"wfsim", "validate", kValidScenario, "--set", "end=2018-01-01"});
    INFO("stderr: " << r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("(as changed by --set end=2018-01-01): duration: give either 'end' or 'duration'"));
  }
  SECTION("a rename that breaks a reference elsewhere") {
    // The supply's role is far from the role's name: the error named no override.
    const CliResult r =
        run_cli({"wfsim", "validate", kValidScenario, "--set", "authorities[0].roles[0].name=team_manager"});
    INFO("stderr: " << r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("(as changed by --set authorities[0].roles[0].name=team_manager): "
                               "agency_supply[0].role: no authority has a role named 'social_worker'"));
  }
  SECTION("an error in a value's own text names no override, even one beside it") {
    // A negative turnover in the file, with the same role's permanent_posts overridden:
    // the override has nothing to do with it.
    const CliResult r = run_cli({"wfsim", "validate", kMalformedDir + "/09-negative-rate.yaml", "--set",
                                 "authorities[0].roles[0].permanent_posts=300"});
    INFO("stderr: " << r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("turnover_per_year: expected a number >= 0"));
    CHECK_THAT(r.err, !Contains("as changed by"));
  }
}

TEST_CASE("money past its limit is told by money's own limit", "[scenario][cli][overrides]") {
  // 2e9 is past both the bound every number has (1e9) and money's (1e8): money's is
  // the one that explains (once the general one was named, though values between the
  // two were refused by money's).
  const std::string assignment = "authorities[0].roles[0].pay.salary_per_year=2000000000";
  const CliResult r = run_cli({"wfsim", "validate", kValidScenario, "--set", assignment});
  INFO("stderr: " << r.err);
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("expected at most 1e+08 (GBP 100 million"));
  // A rule's caps by role were read with no bounds: a cap of £1e12 (or 1e300) an hour
  // validated (a review of the reference against the validator found it).
  const std::string every_feature = std::string(WFSIM_TEST_DATA_DIR) + "/scenarios/every-feature.yaml";
  const CliResult cap =
      run_cli({"wfsim", "validate", every_feature, "--set", "rules[3].caps_per_hour={social_worker: 1e12}"});
  CHECK(cap.code == 2);
  CHECK_THAT(cap.err, Contains("rules[3].caps_per_hour.social_worker: expected at most 1e+08 (GBP 100 million"));
  CHECK(run_cli({"wfsim", "validate", every_feature, "--set", "rules[3].caps_per_hour={social_worker: 1e8}"}).code ==
        0);
}

TEST_CASE("an override through a misspelt key suggests the right one", "[scenario][cli][overrides]") {
  SECTION("a misspelt key on the way to the value") {
    const std::string assignment = "authorities[0].roles[0].leavng.turnover_per_year=0.2";
    const CliResult r = run_cli({"wfsim", "validate", kValidScenario, "--set", assignment});
    INFO("stderr: " << r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("error: --set " + assignment + ": "));
    CHECK_THAT(r.err,
               Contains("authorities[0].roles[0].leavng: no such key in the scenario (did you mean 'leaving'?)"));
  }
  SECTION("a misspelt final key") {
    // The new key is added, then rejected by validation like an unknown key in the file.
    const std::string assignment = "authorities[0].roles[0].leaving.turnover_per_yer=0.2";
    const CliResult r = run_cli({"wfsim", "validate", kValidScenario, "--set", assignment});
    INFO("stderr: " << r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("error: --set " + assignment + ": "));
    CHECK_THAT(r.err, Contains("authorities[0].roles[0].leaving.turnover_per_yer: unknown key 'turnover_per_yer' "
                               "(did you mean 'turnover_per_year'?)"));
  }
  SECTION("a key cut short") {
    // 'turnover' is 9 edits from 'turnover_per_year', past a typo's reach: suggested as
    // the one key it begins.
    const std::string assignment = "authorities[0].roles[0].leaving.turnover=0.2";
    const CliResult r = run_cli({"wfsim", "validate", kValidScenario, "--set", assignment});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("unknown key 'turnover' (did you mean 'turnover_per_year'?)"));
  }
  SECTION("no suggestion where the word begins several keys, or is too short to say") {
    CHECK(wfsim::scenario::closest_match("agency", {"agency_rate_per_hour", "agency_share"}).empty());
    CHECK(wfsim::scenario::closest_match("pay", {"pay_weight"}) == "");
    CHECK(wfsim::scenario::closest_match("caps", {"caps_per_hour", "from"}) == "caps_per_hour");
  }
}

TEST_CASE("an override with a list index too large for a number is bad input", "[scenario][cli][overrides]") {
  // Once std::stoul's out_of_range, "internal error", exit 1 (found by tests/fuzz/fuzz_set).
  for (const std::string assignment :
       {"authorities[99999999999999999999999].name=x", "authorities.99999999999999999999999.name=x",
        "authorities[1000000000].name=x"}) {
    const CliResult r = run_cli({"wfsim", "validate", kValidScenario, "--set", assignment});
    INFO("stderr: " << r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("error: --set " + assignment + ": "));
    CHECK_THAT(r.err, Contains("is out of range"));
  }
  // Leading zeros do not count.
  const CliResult r = run_cli({"wfsim", "validate", kValidScenario, "--set",
                               "authorities[0000000000000].roles[0].leaving.turnover_per_year=0.2"});
  INFO("stderr: " << r.err);
  CHECK(r.code == 0);
}

TEST_CASE("run with an output path that cannot be created is bad input and writes nothing", "[cli][output]") {
  const std::string directory = "/nonexistent-dir";
  const std::string output = directory + "/x.h5";
  std::error_code ec;
  REQUIRE_FALSE(std::filesystem::exists(directory, ec));  // the test relies on the directory being absent
  const CliResult r = run_cli({"wfsim", "run", kValidScenario, "-o", output, "-n", "1", "-j", "1", "-q"});
  INFO("stderr: " << r.err);
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("cannot write '" + output + "': the folder"));
  CHECK_FALSE(std::filesystem::exists(output, ec));
  CHECK_FALSE(std::filesystem::exists(directory, ec));
  // A folder that may be written, to access(), but takes no new file (/proc, to root;
  // to anyone else access() refuses it first): found only when the results file was
  // created, and said as the machine's failure.
  if (::geteuid() == 0 && std::filesystem::is_directory("/proc/self", ec)) {
    const CliResult proc = run_cli({"wfsim", "run", kValidScenario, "-o", "/proc/x.h5", "-n", "1", "-q"});
    INFO("stderr: " << proc.err);
    CHECK(proc.code == 2);
    CHECK_THAT(proc.err, Contains("cannot write '/proc/x.h5': the folder '/proc' does not take a new file ("));
    CHECK_FALSE(std::filesystem::exists("/proc/x.h5", ec));
  }
  // A file where the folder should be was told the folder does not exist; a name that
  // fits the folder but not with the temporary's suffix failed late, with exit 1.
  const test_support::ScratchFolder outputs("wfsim-outputs");
  const std::string scratch = outputs.path.string();
  std::ofstream(scratch + "/notes.txt") << "a file\n";
  CliResult in_file = run_cli({"wfsim", "run", kValidScenario, "-o", scratch + "/notes.txt/x.h5", "-n", "1", "-q"});
  CHECK(in_file.code == 2);
  CHECK_THAT(in_file.err, Contains("'" + scratch + "/notes.txt' is a file, not a folder"));
  const std::string long_name = scratch + "/" + std::string(240, 'a') + ".h5";
  CliResult too_long = run_cli({"wfsim", "run", kValidScenario, "-o", long_name, "-n", "1", "-q"});
  CHECK(too_long.code == 2);
  CHECK_THAT(too_long.err,
             Contains("its name has 243 characters, and the temporary file written beside it first adds"));
  CHECK(std::distance(std::filesystem::directory_iterator(scratch), std::filesystem::directory_iterator()) == 1);
  // '' was called a folder; '-' (standard output, to many tools) became a file named '-'.
  const CliResult empty = run_cli({"wfsim", "run", kValidScenario, "-o", "", "-n", "1", "-q"});
  CHECK(empty.code == 2);
  CHECK_THAT(empty.err, Contains("the output file's name is empty; give a file name"));
  const CliResult dash = run_cli({"wfsim", "run", kValidScenario, "-o", "-", "-n", "1", "-q"});
  CHECK(dash.code == 2);
  CHECK_THAT(dash.err, Contains("cannot write to standard output ('-'): the output is a file"));
  CHECK_FALSE(std::filesystem::exists("-", ec));
  // A name pasted with a space at an end made a file 'wfsim info' could not find by it.
  for (const std::string name : {"o6.h5 ", " o6.h5"}) {
    const CliResult spaced = run_cli({"wfsim", "run", kValidScenario, "-o", scratch + "/" + name, "-n", "1", "-q"});
    CHECK(spaced.code == 2);
    CHECK_THAT(spaced.err, Contains("with a space, which no listing shows; give the name without it"));
  }
  CHECK(std::distance(std::filesystem::directory_iterator(scratch), std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("rates that make workers without bound stop the run as bad input, not after gigabytes", "[cli][output]") {
  // Each value within its bounds: a supply elasticity of 50 against agency pay 40
  // times the outside pay made joiners at a rate no post could take, and the run held
  // 4.7 GB within 30 s before anyone stopped it.
  const test_support::ScratchFolder scratch("wfsim-runaway");
  const std::string output = (scratch / "runaway.h5").string();
  const CliResult r =
      run_cli({"wfsim", "run", std::string(WFSIM_TEST_DATA_DIR) + "/../scenarios/south-east-moc-2016.yaml", "-o",
               output, "-n", "1", "-j", "1", "-q", "--set", "agency_supply[0].supply_elasticity=50", "--set",
               "agency_supply[0].outside_pay_per_hour=1"});
  INFO("stderr: " << r.err);
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("error: the social_worker market of the scenario's region holds more than 36295 idle "
                             "agency workers (10000 plus 5 for each of its 5259 posts)") &&
                        Contains("a rate makes workers without bound") && Contains("nothing was written"));
  std::error_code ec;
  CHECK_FALSE(std::filesystem::exists(output, ec));
  // Seekers arriving at 1e5 a year stayed short of the old limit of 50 a post (272,950
  // here) for the whole run, each event slower as the pool grew: 100 s for 2
  // replications, then exit 0. At 5 a post it stops at once (0.4 s here).
  const CliResult seekers =
      run_cli({"wfsim", "run", std::string(WFSIM_TEST_DATA_DIR) + "/../scenarios/south-east-moc-2016.yaml", "-o",
               output, "-n", "1", "-j", "1", "-q", "--set", "labour_pool[0].arrivals_per_year=1e5"});
  INFO("stderr: " << seekers.err);
  CHECK(seekers.code == 2);
  CHECK_THAT(seekers.err, Contains("holds more than 36295 seekers (10000 plus 5 for each of its 5259 posts)"));
  CHECK_FALSE(std::filesystem::exists(output, ec));
}

TEST_CASE("a sweep point or variant whose rates run away is named", "[cli][output]") {
  // "sweep --vary joining_per_year=65,1e8" said a market overflowed, not at which point.
  const test_support::ScratchFolder scratch("wfsim-point");
  const std::string output = (scratch / "point.h5").string();
  const std::string key = "authorities[0].roles[0].agency.conversion_per_year";
  const CliResult r =
      run_cli({"wfsim", "sweep", kValidScenario, "-o", output, "-n", "2", "-q", "--vary", key + "=1,1e9"});
  INFO("stderr: " << r.err);
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("error: '" + key + "=1e9' (") && Contains("buckinghamshire-2015.yaml): the run made") &&
                        Contains("nothing was written"));
  std::error_code ec;
  CHECK_FALSE(std::filesystem::exists(output, ec));
}

TEST_CASE("the store stops at 2 million workers at once, whatever made them", "[output]") {
  // The markets' pools stop a runaway rate first (next test), so no scenario in these
  // tests reaches the store's own limit: it is checked on the store itself (256 MB).
  wfsim::kernel::Simulator sim;
  wfsim::model::WorkforceStore store(sim);
  for (int i = 0; i < 2'000'000; ++i) store.add_worker(0, 0);
  CHECK(store.worker_slots() == 2'000'000u);
  CHECK_THROWS_WITH(store.add_worker(0, 0), Contains("the run holds more than 2000000 workers at once") &&
                                                Contains("a rate makes workers without bound"));
  store.retire(7);  // a freed slot is reused: the limit counts workers at once, not ever
  CHECK_NOTHROW(store.add_worker(0, 0));
}

TEST_CASE("the store refuses more posts than events can number", "[output]") {
  // Events carry a post's number in 24 bits. Input caps a role at 100,000 posts, but
  // enough councils and roles could pass 2^24 in all: the store says so as the posts
  // are laid out, before adding those that would pass it, rather than the event queue
  // part-way through a run.
  wfsim::kernel::Simulator sim;
  wfsim::model::WorkforceStore store(sim);
  constexpr int kMost = 1 << 24;
  CHECK_THROWS_WITH(store.add_posts(wfsim::model::Post{}, kMost + 1),
                    Contains("the scenario has more than 16777216 posts") && Contains("permanent_posts"));
  CHECK(store.post_count() == 0u);
  store.add_posts(wfsim::model::Post{}, 3);
  CHECK_THROWS(store.add_posts(wfsim::model::Post{}, kMost - 2));
  CHECK(store.post_count() == 3u);
}

TEST_CASE("a pool that grows far past its market's posts stops the run as bad input, not after hours",
          "[cli][output]") {
  // Well inside the store's limit of workers, a pool of tens of thousands made every
  // booking and departure scan it: 1e5 joiners a year took 10 s for 18 months of one
  // replication of this 104-post market, 1e6 more than 100 s; seekers likewise.
  const std::string scenario = std::string(WFSIM_TEST_DATA_DIR) + "/scenarios/every-feature.yaml";
  const test_support::ScratchFolder scratch("wfsim-crowded");
  const std::string output = (scratch / "crowded.h5").string();
  const struct {
    std::string set, pool;
  } cases[] = {{"agency_supply[0].joining_per_year=1e6", "idle agency workers"},
               {"labour_pool[0].arrivals_per_year=1e6", "seekers"}};
  for (const auto& c : cases) {
    const auto started = std::chrono::steady_clock::now();
    const CliResult r = run_cli({"wfsim", "run", scenario, "-o", output, "-n", "2", "-j", "1", "-q", "--set",
                                 "duration=18 months", "--set", c.set});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    INFO(c.set << ": stderr: " << r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("error: the social_worker market of the scenario's region holds more than 10520 " +
                               c.pool + " (10000 plus 5 for each of its 104 posts)") &&
                          Contains("nothing was written"));
    CHECK(seconds < 30);  // stopped within a second or so here, even under the sanitizers
    std::error_code ec;
    CHECK_FALSE(std::filesystem::exists(output, ec));
  }
  // A hundredth of the first case's rate, about 3,300 idle at its steady state: a big
  // market, not a runaway. It runs.
  const CliResult ok = run_cli({"wfsim", "run", scenario, "-o", output, "-n", "2", "-j", "1", "-q", "--set",
                                "duration=18 months", "--set", "agency_supply[0].joining_per_year=1e4"});
  INFO("stderr: " << ok.err);
  CHECK(ok.code == 0);
}

TEST_CASE("an override's value is read as a scenario's text is: UTF-8 and one document", "[scenario][cli][overrides]") {
  // A name not in UTF-8 ran, and made a results file the analysis package refused as
  // damaged; a second document after '---' was dropped unsaid.
  CliResult r = run_cli({"wfsim", "validate", kValidScenario, "--set", "authorities[0].name=caf\xe9"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("authorities[0].name: not UTF-8 text at byte 24"));
  r = run_cli({"wfsim", "validate", kValidScenario, "--set", "name=a\n---\nb"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("name: the value holds a second YAML document, from its line 2"));
  // Found by reading lines, not YAML::LoadAll, which on ', mon' never returned and took
  // 24 GB (fuzz_set; tests/fuzz/regressions/set/loadall-comma-runs-away).
  r = run_cli({"wfsim", "validate", kValidScenario, "--set", "duration=, mon"});
  CHECK(r.code == 2);
  r = run_cli({"wfsim", "validate", kValidScenario, "--set", "name=caf\xc3\xa9"});
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Contains("valid scenario 'caf\xc3\xa9'"));
}

TEST_CASE("an override's key path with a key missing at a dot is refused", "[scenario][cli][overrides]") {
  // "name.=x" set 'name' and "a..b" set 'a.b', as if the slip were not there.
  for (const std::string path : {"name.", "authorities..0.name", ".name"}) {
    const CliResult r = run_cli({"wfsim", "validate", kValidScenario, "--set", path + "=x"});
    INFO(path << ": " << r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains(path + ": a key is missing at a '.'"));
  }
  CHECK(run_cli({"wfsim", "validate", kValidScenario, "--set", "authorities[0].name=x"}).code == 0);
  CHECK(run_cli({"wfsim", "validate", kValidScenario, "--set", "authorities.0.name=x"}).code == 0);
}

TEST_CASE("a byte-order mark past the file's first bytes is said where it stands", "[scenario]") {
  // Saved twice, it was read into the first key: "unknown key '\xEF\xBB\xBFwfsim'", the
  // mark invisible between the quotes.
  const std::string text = "\xEF\xBB\xBF\xEF\xBB\xBFwfsim: 1\nname: x\n";
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_text(text, "bom.yaml"),
                    Contains("bom.yaml:1:4: an invisible byte-order mark (U+FEFF) stands here"));
  const std::string once =
      "\xEF\xBB\xBFname: x\nstart: 2016-01-01\nduration: 1 year\nauthorities:\n  - name: A\n"
      "    roles: [{name: social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1}}]\n";
  CHECK_NOTHROW(wfsim::scenario::load_scenario_text(once, "once.yaml"));  // Excel's and Notepad's one mark
}

TEST_CASE("an error at a file's end is said at the end of its last line", "[scenario]") {
  // yaml-cpp places it on the line after the last; the file's opening byte-order mark
  // is no column, as yaml-cpp counts (a review: 1:14 with the mark, 1:11 without).
  for (const std::string& opening : {std::string(), std::string("\xEF\xBB\xBF")}) {
    for (const std::string& end : {std::string("\n"), std::string("\r\n"), std::string(), std::string("\n\n  \n")}) {
      INFO("with" << (opening.empty() ? "out" : "") << " a mark, ending " << end.size() << " bytes");
      CHECK_THROWS_WITH(
          wfsim::scenario::load_scenario_text(opening + "bogus: [1," + end, "end.yaml"),
          Contains("end.yaml:1:11: not valid YAML: end of sequence flow not found (at the end of the file)"));
    }
  }
}

TEST_CASE("a key that is a list, a mapping or nothing is said to be no name", "[scenario]") {
  // Each was "unknown key ''", naming nothing.
  const std::string start = "name: x\nstart: 2016-01-01\nduration: 1 year\n";
  const std::string council =
      "authorities:\n  - name: A\n    roles: [{name: social_worker, permanent_posts: 10, leaving: "
      "{turnover_per_year: 0.1}}]\n";
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_text(start + "~: 3\n" + council, "k.yaml"),
                    Contains("k.yaml:4:1: a key here is nothing ('~', 'null' or nothing before the ':'); every key is "
                             "a name"));
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_text(start + "? [a, b]\n: 4\n" + council, "k.yaml"),
                    Contains("k.yaml:4:3: a key here is a list (written with '?'); every key is a name"));
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_text(start + council + "    ? {a: 1}\n    : 4\n", "k.yaml"),
                    Contains("authorities[0]: a key here is a mapping (written with '?'); every key is a name"));
  // Two of them in one mapping were "key '' appears twice".
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_text(start + "~: 3\n? [a]\n: 4\n" + council, "k.yaml"),
                    Contains("k.yaml:4:1: a key here is nothing"));
}

TEST_CASE("a variant's key that is nothing is said to be no name", "[scenario][extends]") {
  // Merged by name, it became "unknown key ''".
  const test_support::ScratchFolder scratch("wfsim-key");
  const std::filesystem::path& dir = scratch.path;
  std::ofstream(dir / "base.yaml")
      << "name: x\nstart: 2016-01-01\nduration: 1 year\nauthorities:\n  - name: A\n    roles: [{name: "
         "social_worker, permanent_posts: 10, leaving: {turnover_per_year: 0.1}}]\n";
  std::ofstream(dir / "v.yaml") << "extends: base.yaml\nname: v\n~: 5\n";
  CHECK_THROWS_WITH(wfsim::scenario::load_scenario_file((dir / "v.yaml").string()),
                    Contains("v.yaml:3:1: a key here is nothing ('~', 'null' or nothing before the ':')"));
}

TEST_CASE("rates that make events without bound stop the run as bad input, not after minutes", "[cli][output]") {
  // Each value within its bounds: offers that fail all but once in a billion, with no
  // time from approval to an offer, kept the run at one instant for ever; absences of
  // no length starting 100,000 times a year took 33 s for 2 replications, and at 1e9
  // a year the event queue overflowed in an "internal error", exit 1.
  const test_support::ScratchFolder scratch("wfsim-fast");
  const std::string output = (scratch / "fast.h5").string();
  const std::string bucks = std::string(WFSIM_TEST_DATA_DIR) + "/../scenarios/buckinghamshire-2015.yaml";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"authorities[0].roles[0].recruitment.offer_failure_probability=0.999999999", "an offer falling due"},
      {"authorities[0].roles[0].recruitment={applicants_per_year: unlimited, approval_to_offer: 0 days}", ""},
      {"authorities[0].roles[0].long_absences[0]={kind: maternity, starts_per_year: 1e5, duration: 0 days}",
       "a long absence"},
      {"authorities[0].roles[0].agency.conversion_per_year=1e9", "an agency worker taking a permanent post"}};
  for (const std::size_t k : {std::size_t{0}, std::size_t{2}, std::size_t{3}}) {
    std::vector<std::string> args = {"wfsim", "run", bucks, "-o", output,  "-n",
                                     "1",     "-j",  "1",   "-q", "--set", cases[k].first};
    if (k == 0) args.insert(args.end() - 2, {"--set", cases[1].first});  // before the failure probability
    std::error_code ec;
    std::filesystem::remove(output, ec);
    const CliResult r = run_cli(args);
    INFO(cases[k].first << ": stderr: " << r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err,
               Contains("error: the run made 1048576 events in") &&
                   Contains("(a scenario of 270 posts may make 12700 a day), the last of them " + cases[k].second) &&
                   Contains("a rate makes events without bound") && Contains("nothing was written"));
    CHECK_FALSE(std::filesystem::exists(output, ec));
  }
}

TEST_CASE("a key a mapping's kind no longer takes, after --set changed the kind, names the override",
          "[scenario][cli][overrides]") {
  // Which keys a rule or a distribution takes follows from its kind: the file's own
  // 'scope' of a cooling-off rule turned experience rule was blamed on the file alone.
  const std::string region = std::string(WFSIM_TEST_DATA_DIR) + "/../scenarios/south-east-moc-2016.yaml";
  CliResult r = run_cli({"wfsim", "validate", region, "--set", "rules[0].kind=experience"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err,
             Contains("south-east-moc-2016.yaml:") &&
                 Contains(" (as changed by --set rules[0].kind=experience): rules[0].scope: unknown key 'scope': "
                          "it is for kind cooling_off, not 'experience'"));
  // And a key some other kind takes, given where this kind is read, names the kinds that
  // take it: a campaign given a supplement's amount heard only "unknown key".
  const std::string campaign = std::string(WFSIM_TEST_DATA_DIR) + "/../scenarios/buckinghamshire-2015-campaign.yaml";
  r = run_cli({"wfsim", "validate", campaign, "--set", "authorities[0].policies[0].amount_per_worker_per_year=600"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("unknown key 'amount_per_worker_per_year': it is for kind market_supplement or "
                             "retention_payment, not 'recruitment_campaign'"));
  // Only where the kind is one: a kind given as a list, a mapping, ~ or misspelt said
  // "not ''" of a key the intended kind takes, ahead of the missing name.
  for (const std::string kind : {"[market_supplement]", "{a: 1}", "~", "market_suplement"}) {
    r = run_cli({"wfsim", "validate", campaign, "--set",
                 "authorities[0].policies=[{kind: " + kind + ", role: social_worker, amount_per_worker_per_year: 5}]"});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("authorities[0].policies[0]: missing required key 'name'") && !Contains("not ''"));
  }
  const std::string key = "authorities[0].roles[0].recruitment.offer_to_start.distribution";
  r = run_cli({"wfsim", "validate", kValidScenario, "--set", key + "=lognormal"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("(as changed by --set " + key + "=lognormal): ") && Contains("unknown key 'shape'"));
  // A key of no kind is the key's own slip, whatever else --set changed near it.
  r = run_cli({"wfsim", "validate", kValidScenario, "--set", "warmpu=3 months", "--set", "duration=2 years"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("--set warmpu=3 months: warmpu: unknown key 'warmpu' (did you mean 'warmup'?)"));
  std::ifstream in(kValidScenario);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const test_support::ScratchFolder scratch("wfsim-typo");
  const std::filesystem::path& dir = scratch.path;
  const std::string path = (dir / "typo.yaml").string();
  std::ofstream(path) << text << "warmpu: 3 months\n";
  r = run_cli({"wfsim", "validate", path, "--set", "duration=2 years"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("typo.yaml:") && Contains(": warmpu: unknown key 'warmpu' (did you mean 'warmup'?)") &&
                        !Contains("as changed by"));
}

TEST_CASE("a number with a leading 0 is refused, as other YAML readers take it for octal", "[scenario][cli]") {
  // permanent_posts: 017 was 17 posts here and 15 to PyYAML, which the analysis package
  // and the schema check read scenarios with (an audit).
  const std::string posts = "authorities[0].roles[0].permanent_posts";
  for (const auto& [given, says] :
       std::vector<std::pair<std::string, std::string>>{{"017", "got '017': write it without the leading 0, 17 ("},
                                                        {"-05", "got '-05': write it without the leading 0, -5 ("},
                                                        {"08",
                                                         "got '08': write it without the leading 0, 8 (other "
                                                         "YAML readers take 017 for octal, 15, and 08 for text)"},
                                                        {"000", "got '000': write it without the leading 0, 0 ("}}) {
    const CliResult r = run_cli({"wfsim", "validate", kValidScenario, "--set", posts + "=" + given});
    INFO(given << ": " << r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains(says));
  }
  // A decimal with leading zeros is read alike by every reader (a review): on a key of
  // real numbers, taken.
  const std::string turnover = "authorities[0].roles[0].leaving.turnover_per_year";
  const std::string applicants = "authorities[0].roles[0].recruitment.applicants_per_year";
  for (const std::string fine : {"0.5", "05.5", "00.5", "0e0"}) {
    const CliResult r = run_cli({"wfsim", "validate", kValidScenario, "--set", applicants + "=" + fine});
    INFO(fine << ": " << r.err);
    CHECK(r.code == 0);
  }
  // An uncertain input's numbers are read the same way: {low: 040} was 40 (a review).
  const CliResult spread = run_cli({"wfsim", "validate", kValidScenario, "--set", turnover + "={low: 010, high: 0.2}"});
  CHECK(spread.code == 2);
  CHECK_THAT(spread.err, Contains(turnover + ".low: expected a number, got '010': write it without the leading 0, 10"));
}

TEST_CASE("a value of megabytes is quoted cut short, in the file or in --set", "[scenario][cli][overrides]") {
  // A 5 MB opens_at gave a 5 MB message line; so did its --set, twice over.
  const std::string long_value(100'000, 'y');
  const std::string key = "authorities[0].roles[0].recruitment.opens_at";
  CliResult r = run_cli({"wfsim", "validate", kValidScenario, "--set", key + "=" + long_value});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("error: --set " + key + "='yyyy") && Contains("...' (100000 characters): " + key) &&
                        Contains("expected one of: notice, vacancy; got 'yyyy"));
  CHECK(r.err.size() < 500);
  // A number padded to megabytes, and an override with no '=' at all, are cut too.
  const std::string turnover = "authorities[0].roles[0].leaving.turnover_per_year";
  r = run_cli({"wfsim", "validate", kValidScenario, "--set", turnover + "=-0" + std::string(100'000, '0') + "1"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("expected a number, got '-000") && Contains("...' (100003 characters)") &&
                        Contains("without the leading 0, -1 ("));
  CHECK(r.err.size() < 600);
  r = run_cli({"wfsim", "validate", kValidScenario, "--set", turnover + "=0" + std::string(300, '5')});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("write it without the leading 0 (other YAML readers"));
  CHECK(r.err.size() < 600);
  r = run_cli({"wfsim", "validate", kValidScenario, "--set", long_value});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("error: --set 'yyyy") && Contains("...' (100000 characters): expected KEY.PATH=VALUE"));
  CHECK(r.err.size() < 500);
  std::ifstream in(kValidScenario);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t at = text.find("opens_at: notice");
  REQUIRE(at != std::string::npos);
  text.replace(at, 16, "opens_at: " + long_value);
  const test_support::ScratchFolder scratch("wfsim-long");
  const std::filesystem::path& dir = scratch.path;
  const std::string path = (dir / "long.yaml").string();
  std::ofstream(path) << text;
  r = run_cli({"wfsim", "validate", path});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("long.yaml:44:21: " + key + ": expected one of: notice, vacancy; got 'yyyy") &&
                        Contains("...' (100000 characters)"));
  CHECK(r.err.size() < 500);
}

TEST_CASE("a turnover written as a percentage that no notice allows says it is a percentage", "[scenario][cli]") {
  // A turnover of 25 (meaning 25%) against a notice of 3 months was refused only as
  // "nobody would ever be at work between notices", where 2 was noted as a percentage.
  const CliResult r =
      run_cli({"wfsim", "validate", kValidScenario, "--set", "authorities[0].roles[0].leaving.turnover_per_year=25"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("nobody would ever be at work between notices (a turnover of 25 a year is 2500%; a "
                             "share is written as a fraction, 0.25 for 25%)"));
  const CliResult fraction =
      run_cli({"wfsim", "validate", kValidScenario, "--set", "authorities[0].roles[0].leaving.turnover_per_year=0.5",
               "--set", "authorities[0].roles[0].leaving.notice=2 years"});
  CHECK(fraction.code == 2);
  CHECK_THAT(fraction.err, Contains("between notices") && !Contains("percent") && !Contains("%"));
}

TEST_CASE("a number written as a spreadsheet shows it says how to write it", "[scenario][cli]") {
  // '3,000' in quotes was told to lose its quotes, after which it was still no number;
  // {amount: 3,000} said only "unknown key '000'".
  const std::string supplement =
      std::string(WFSIM_TEST_DATA_DIR) + "/../scenarios/buckinghamshire-2015-supplement.yaml";
  const std::string key = "authorities[0].policies[0].amount_per_worker_per_year=";
  const std::pair<std::string, std::string> cases[] = {
      {"3,000", "got '3,000': write it as a plain number, 3000, without a currency sign or thousands separators"},
      {"\"3,000\"", "got the text '3,000': write it as a plain number, 3000,"},
      {"£3000", "got '£3000': write it as a plain number, 3000,"},
      {"\"25%\"", "got the text '25%': '%' is not read; a share is written as a fraction, 0.25 for 25%"},
      // A decimal comma is not a thousands separator: 44,50 was told to be 4450.
      {"44,50", "got '44,50': write the decimal with a point, 44.50"},
      {"1.234,56", "got '1.234,56': write it as a plain number, 1234.56, with a point for the decimal"},
      {"\"17,3%\"", "a share is written as a fraction, 0.173 for 17,3%"},
      {"\"abc\"", "got the text 'abc' (YAML reads a value in quotes as text): write it without quotes"},
      // A tag is no quote: the advice named quotes nobody wrote (a hostile-input review).
      {"!!str 3000", "got the text '3000' (tagged !!str, which YAML reads as text): write it without the tag"},
      {"!foo 3000", "got the text '3000' (tagged !foo, which wfsim does not read): write it without the tag"},
      {"!!binary NTA=", "got the text 'NTA=' (tagged !!binary, which wfsim does not read): write it without the tag"},
  };
  for (const auto& [value, message] : cases) {
    const CliResult r = run_cli({"wfsim", "validate", supplement, "--set", key + value});
    INFO(value);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains(message));
  }
  const CliResult flow = run_cli({"wfsim", "validate", supplement, "--set",
                                  "authorities[0].policies[0]={name: s, kind: market_supplement, role: social_worker, "
                                  "amount_per_worker_per_year: 3,000}"});
  CHECK(flow.code == 2);
  CHECK_THAT(flow.err, Contains("unknown key '000' (a number written with a thousands separator, such as 3,000, is "
                                "cut at its comma inside {...}: write 3000)"));
  // Only there: a key of digits in a block mapping is no number cut short.
  const test_support::ScratchFolder scratch("wfsim-digits");
  const std::filesystem::path& dir = scratch.path;
  std::ifstream in(kValidScenario);
  std::ofstream((dir / "digits.yaml").string())
      << std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()) << "2020: 70\n";
  const CliResult block = run_cli({"wfsim", "validate", (dir / "digits.yaml").string()});
  CHECK(block.code == 2);
  CHECK_THAT(block.err, Contains("unknown key '2020'") && !Contains("thousands"));
  // A variant's {...} merged into its base's block mapping keeps the hint: the merge
  // leaves it block-styled.
  std::ofstream((dir / "v.yaml").string())
      << "extends: digits.yaml\nname: v\nauthorities:\n  - name: Buckinghamshire\n    roles:\n"
         "      - {name: social_worker, pay: {salary_per_year: 33,000}}\n";
  std::ifstream in2(kValidScenario);
  std::ofstream((dir / "digits.yaml").string())
      << std::string((std::istreambuf_iterator<char>(in2)), std::istreambuf_iterator<char>());
  const CliResult variant = run_cli({"wfsim", "validate", (dir / "v.yaml").string()});
  CHECK(variant.code == 2);
  CHECK_THAT(variant.err, Contains("unknown key '000' (a number written with a thousands separator"));
  // Nor is a value that is no number asked to be written as one.
  const CliResult boolean =
      run_cli({"wfsim", "validate", supplement, "--set", "authorities[0].roles[0].agency.cover_vacancies=\"1,0\""});
  CHECK(boolean.code == 2);
  CHECK_THAT(boolean.err, Contains("expected true or false") && !Contains("plain number"));
}

TEST_CASE("a key in the wrong place, cut short, or under a key the scenario lacks says how to write it",
          "[scenario][cli]") {
  // Each heard only "unknown key" or "no such key in the scenario" (a walkthrough).
  const std::pair<std::string, std::string> cases[] = {
      {"policies=[]", "policies: unknown key 'policies' (it belongs at authorities[].policies)"},
      // An exact key of another section before a near spelling: 'roles' was offered 'rules'.
      {"roles=[]", "roles: unknown key 'roles' (it belongs at authorities[].roles; or did you mean 'rules'?)"},
      {"authorities[0].roles[0].authority=Kent", "unknown key 'authority' (it belongs at rules[].members[].authority)"},
      {"authorities[0].roles[0].applicants_per_year=3",
       "unknown key 'applicants_per_year' (it belongs at authorities[].roles[].recruitment.applicants_per_year)"},
      {"authorities[0].roles[0].recruitment.applicants=60",
       "unknown key 'applicants' (did you mean 'applicants_per_year' or 'applicants_per_vacancy_per_year'?)"},
      // A top-level key read "it belongs at duration".
      {"authorities[0].duration=2 years",
       "unknown key 'duration' (it belongs at the scenario's top level or "
       "authorities[].roles[].long_absences[].duration)"},
      // A policy's 'start' is its 'from'.
      {"authorities[0].policies=[{name: P, kind: recruitment_campaign, start: 2016-01-01}]",
       "unknown key 'start' (did you mean 'from'?)"},
      {"authorities[0].policies=[{name: P, kind: recruitment_campaign, end: 2016-01-01}]",
       "unknown key 'end' (did you mean 'until'?)"},
      // A value cut to its last word: 'campaign' heard the kinds, none suggested.
      {"authorities[0].policies=[{name: P, kind: campaign}]", "got 'campaign' (did you mean 'recruitment_campaign'?)"},
      {"authorities[0].policies[0].amount_per_worker_per_year=1000",
       "authorities[0].policies: no such key in the scenario; --set adds only a path's last key: give "
       "'authorities[0].policies' whole"},
  };
  for (const auto& [assignment, message] : cases) {
    const CliResult r = run_cli({"wfsim", "validate", kValidScenario, "--set", assignment});
    INFO(assignment);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains(message));
  }
}

TEST_CASE("a member named by half of a joint authority is pointed to the joint name", "[scenario][cli]") {
  // "North Northamptonshire" was told only that no authority has that name.
  const std::string england = std::string(WFSIM_TEST_DATA_DIR) + "/../scenarios/england-2023.yaml";
  const CliResult r = run_cli({"wfsim", "validate", england, "--set", "rules[0].members=[North Northamptonshire]"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("no authority named 'North Northamptonshire': it is part of the joint authority 'North "
                             "Northamptonshire / West Northamptonshire'"));
}
