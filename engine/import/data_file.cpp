#include "import/data_file.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <vector>

#include "scenario/alias_cycle.hpp"
#include "scenario/repeated_keys.hpp"
#include "scenario/suggest.hpp"
#include "scenario/yaml_error_place.hpp"
#include "support/input_file.hpp"
#include "support/utf8.hpp"
#include "support/visible_text.hpp"

namespace wfsim::import {

namespace {

// The option of wfsim init that names a data file, known by the file's usual name.
std::string option_for(const std::string& path) {
  const std::string name = std::filesystem::path(path).filename().string();
  if (name == "regions.yaml") return "--regions-data";
  if (name == "regional_agreements.yaml") return "--agreements-data";
  if (name == "england_calibration.yaml") return "--calibration";
  return "--regions-data, --agreements-data or --calibration";
}

}  // namespace

YAML::Node load_yaml(const std::string& path) {
  std::string text;
  try {
    text = support::read_input_file(path, std::size_t{16} << 20);
  } catch (const support::InputFileError& e) {
    const bool factors = std::filesystem::path(path).filename() == "england_calibration.yaml";
    throw ImportError("cannot read " + path + ": " + e.what() +
                      " (it ships in the repository's data/; wfsim init looks for it beside the CSV, unless " +
                      option_for(path) + " gives its path" +
                      (factors ? ", or --calibration none asks for no factors)" : ")"));
  }
  // A results file or another binary given by mistake: said as such, not as what the
  // YAML parser makes of its bytes ("unknown escape character: " and a byte the
  // terminal does not show).
  if (text.starts_with("\x89HDF\r\n\x1a\n") || text.find('\0') != std::string::npos) {
    throw ImportError(
        path + ": this is " +
        (text.starts_with("\x89HDF") ? std::string("an HDF5 file (a results file?)") : "not a text file") +
        ", not YAML: give the data file (" + option_for(path) + ", data/README.md)");
  }
  // The checks a scenario's text has as it is read: a byte that is not UTF-8 came out
  // as a name no table could match; a value that holds itself crashed the checks below;
  // a key written twice kept its first value, and an appended correction went unread.
  if (const std::size_t bad = support::first_non_utf8(text); bad != std::string::npos) {
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
    throw ImportError(path + ":" + std::to_string(line) +
                      ": this character is not UTF-8 (the file was saved as Latin-1 or Windows-1252?): save it "
                      "as UTF-8 (data/README.md describes the file)");
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    const scenario::YamlErrorPlace place = scenario::yaml_error_place(text, e.mark);
    throw ImportError(path + ":" + std::to_string(place.line) + ": " + support::visible_text(e.msg) +
                      (place.at_end ? " (at the end of the file)" : ""));
  }
  if (const std::optional<scenario::AliasTrouble> trouble = scenario::alias_trouble(root)) {
    throw ImportError(path + ":" + std::to_string(trouble->mark.line + 1) + ": " + trouble->message +
                      " (data/README.md describes the file)");
  }
  if (const std::optional<scenario::KeyProblem> problem = scenario::first_key_problem(root, "")) {
    switch (problem->kind) {
      case scenario::KeyProblem::Kind::repeated:
        entry_error(path, problem->node,
                    "key '" + problem->key + "' appears twice in the same mapping" +
                        (problem->path == problem->key ? "" : " (at " + problem->path + ")") + "; give it once");
      case scenario::KeyProblem::Kind::not_a_name:
        entry_error(path, problem->node, "a key here is a list or a mapping, not a name");
      case scenario::KeyProblem::Kind::beyond_walk:
        entry_error(path, problem->node,
                    "the file stands for more values than any data file holds (YAML aliases within aliases?)");
    }
  }
  return root;
}

void refuse_unknown_keys(const YAML::Node& root, const std::string& path, std::initializer_list<const char*> known) {
  if (!root.IsMap()) return;  // the reader says what it expected
  std::vector<std::string> names(known.begin(), known.end());
  for (const auto& entry : root) {
    const std::string key = entry.first.Scalar();
    if (std::find(names.begin(), names.end(), key) != names.end()) continue;
    std::string listed;
    for (std::size_t i = 0; i < names.size(); ++i) {
      listed += std::string(i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + "'" + names[i] + "'";
    }
    entry_error(path, entry.first,
                "unknown key '" + key + "' at the top level" + scenario::did_you_mean(key, names) +
                    "; the file's keys are " + listed);
  }
}

// The data files ship in data/, but --regions-data, --agreements-data and --calibration
// take a user's own: one laid out otherwise is an input error that names the file and
// what is wrong (and where, when yaml-cpp knows), never an internal error or a scenario
// silently written without its contents.
[[noreturn]] void layout_error(const std::string& path, const std::string& what) {
  throw ImportError(path + ": " + what + " (data/README.md describes the file)");
}

YAML::Node list_at(const YAML::Node& root, const std::string& path, const char* key, bool required) {
  const YAML::Node list = root[key];
  if (!list) {
    if (required) layout_error(path, std::string("expected a list '") + key + "' at the top level");
    return YAML::Node(YAML::NodeType::Sequence);
  }
  if (!list.IsSequence()) layout_error(path, std::string("'") + key + "' must be a list");
  return list;
}

// An error at a node of a data file: the file, the node's line when yaml-cpp knows it.
[[noreturn]] void entry_error(const std::string& path, const YAML::Node& node, const std::string& what) {
  const std::string line = node.Mark().is_null() ? "" : ":" + std::to_string(node.Mark().line + 1);
  throw ImportError(path + line + ": " + what + " (data/README.md describes the file)");
}

}  // namespace wfsim::import
