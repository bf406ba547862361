#include "scenario/scenario_text.hpp"

#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <sstream>

#include "scenario/alias_cycle.hpp"
#include "scenario/name_characters.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/wide_text.hpp"
#include "scenario/yaml_error_place.hpp"

namespace wfsim::scenario {

namespace {

// YAML indents with spaces only, and a tab (an editor's, or a paste) gives messages
// such as "end of sequence not found" that do not say so: name the first such line.
std::string tab_hint(const std::string& text) {
  std::istringstream lines(text);
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    const std::size_t indent = line.find_first_not_of(' ');
    if (indent != std::string::npos && line[indent] == '\t') {
      return " (line " + std::to_string(number) + " is indented with a tab; YAML indents with spaces only)";
    }
  }
  return "";
}

// YAML takes a plain key of at most 1,024 characters, and yaml-cpp calls a longer one
// "illegal map value" at its colon: say so where the error's line has a key that long.
std::string long_key_hint(const std::string& text, int line_number) {
  std::istringstream lines(text);
  std::string line;
  for (int number = 0; number < line_number && std::getline(lines, line);) ++number;
  const std::size_t colon = line.find(':');
  const std::size_t start = line.find_first_not_of(" -");
  if (colon == std::string::npos || start == std::string::npos || colon <= start || colon - start <= 1024) return "";
  return " (a key of " + std::to_string(colon - start) +
         " characters: YAML reads a key of at most 1,024, and no scenario key is longer than 40)";
}

// yaml-cpp's syntax error, said where an editor shows it, with what may explain it.
ScenarioError syntax_error(const std::string& text, const std::string& file_label, const YAML::ParserException& e) {
  // UTF-16 or UTF-32 text's bytes are not its characters, which yaml-cpp's mark counts:
  // its place is taken as it stands.
  const YamlErrorPlace place =
      is_wide_text(text) ? YamlErrorPlace{e.mark.line + 1, e.mark.column + 1, false} : yaml_error_place(text, e.mark);
  return ScenarioError(SourceLocation{file_label, place.line, place.column}, "",
                       "not valid YAML: " + e.msg + (place.at_end ? " (at the end of the file)" : "") +
                           long_key_hint(text, place.line) + tab_hint(text));
}

// The line and column of byte `offset` of `text`.
SourceLocation location_of(const std::string& text, std::size_t offset, const std::string& file_label) {
  const std::string before = text.substr(0, offset);
  const std::size_t line_start = before.rfind('\n') == std::string::npos ? 0 : before.rfind('\n') + 1;
  return SourceLocation{file_label, 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n')),
                        1 + static_cast<int>(offset - line_start)};
}

// A byte-order mark past the file's first bytes (saved twice, or pasted in) is
// invisible: "unknown key 'wfsim'" showed nothing wrong with the key.
void refuse_inner_byte_order_mark(const std::string& text, const std::string& file_label) {
  const std::size_t mark = text.find(kByteOrderMark, text.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0);
  if (mark == std::string::npos) return;
  throw ScenarioError(location_of(text, mark, file_label), "",
                      "an invisible byte-order mark (U+FEFF) stands here, which no scenario holds: delete it (a "
                      "file saved with one twice, or text pasted with one, has it)");
}

}  // namespace

// The line of a second document, or 0: a "---" once the first document has begun, or
// anything but comments after a "..." end marker. Found by reading lines rather than
// with YAML::LoadAll, which on some malformed input (tests/fuzz/regressions/scenario/)
// never returns and takes all the memory there is.
int second_document_line(const std::string& text) {
  std::istringstream lines(text);
  bool content = false, ended = false;
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto marker = [&](const char* m) {
      return line.rfind(m, 0) == 0 && (line.size() == 3 || line[3] == ' ' || line[3] == '\t');
    };
    if (marker("---")) {
      if (content || ended) return number;
      content = true;  // an explicit start of the first document
      continue;
    }
    if (marker("...")) {
      ended = true;
      continue;
    }
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#' || line[0] == '%') continue;
    if (ended) return number;
    content = true;
  }
  return 0;
}

YAML::Node parse_single_document(const std::string& text, const std::string& file_label) {
  // A results file or another binary given by mistake: say what it is, not what the
  // YAML parser makes of its bytes.
  if (text.starts_with("\x89HDF\r\n\x1a\n")) {
    throw ScenarioError(SourceLocation{file_label, 0, 0}, "",
                        "this is an HDF5 file (wfsim's results, comparisons and sweeps are HDF5), not a scenario: "
                        "give the scenario's YAML file (`wfsim info` shows the scenario a results file was run from)");
  }
  // UTF-16 and UTF-32 text, which yaml-cpp reads by its byte-order mark, is full of zero
  // bytes: only a file without such a mark is taken for a binary.
  const bool wide_text = is_wide_text(text);
  if (looks_like_utf16_without_mark(text)) {
    throw ScenarioError(SourceLocation{file_label, 0, 0}, "",
                        "this is UTF-16 text without the byte-order mark that says so: save the scenario as UTF-8");
  }
  if (!wide_text && text.find('\0') != std::string::npos) {
    throw ScenarioError(SourceLocation{file_label, 0, 0}, "",
                        "this is not a text file, so not a scenario: a scenario is a YAML text file");
  }
  // A file saved in Latin-1 or Windows-1252 ('é', '£' as one byte) was read as it came,
  // and its names written to the results as text that is not UTF-8.
  if (const std::size_t bad = wide_text ? std::string::npos : first_non_utf8(text); bad != std::string::npos) {
    throw ScenarioError(location_of(text, bad, file_label), "",
                        "this character is not UTF-8 (the file was saved as Latin-1 or Windows-1252?): save the "
                        "scenario as UTF-8");
  }
  if (const WidePosition bad = wide_text ? first_ill_formed_wide(text) : WidePosition{}; bad.line > 0) {
    throw ScenarioError(SourceLocation{file_label, bad.line, bad.column}, "",
                        "this character is not well-formed UTF-16 or UTF-32 (half of a pair, or a value that is no "
                        "character: the file is damaged?): save the scenario as UTF-8");
  }
  refuse_inner_byte_order_mark(text, file_label);
  // Lines ended by CR alone (old Mac files) are one line to YAML, all of it a comment
  // if the first line is one: "the scenario is empty" said nothing of why.
  if (text.find('\r') != std::string::npos && text.find('\n') == std::string::npos) {
    throw ScenarioError(SourceLocation{file_label, 0, 0}, "",
                        "its lines end with CR alone (old Mac line endings), which YAML does not read as line "
                        "ends: save it with LF (or CRLF) line endings");
  }
  if (const int second = second_document_line(text); second > 0) {
    throw ScenarioError(SourceLocation{file_label, second, 1}, "",
                        "a scenario file holds one YAML document, and a second starts here");
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own words for its depth limit are "bad file".
    throw ScenarioError(SourceLocation{file_label, e.mark.line + 1, e.mark.column + 1}, "",
                        "not valid YAML here: lists or mappings nested " + std::to_string(e.depth()) +
                            " deep, far deeper than any scenario (which nests fewer than 10)");
  } catch (const YAML::ParserException& e) {
    throw syntax_error(text, file_label, e);
  }
  if (const std::optional<AliasTrouble> trouble = alias_trouble(root)) {
    throw ScenarioError(SourceLocation{file_label, trouble->mark.line + 1, trouble->mark.column + 1}, "",
                        trouble->message);
  }
  return root;
}

}  // namespace wfsim::scenario
