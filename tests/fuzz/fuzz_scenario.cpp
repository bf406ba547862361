// libFuzzer target: a scenario's text, as `wfsim validate` and `run` load it
// (scenario::load_scenario_text). A ScenarioError is the documented outcome of bad
// input (exit 2); any other exception, a crash or a sanitizer report is a finding.
//
// `extends:` makes the loader read another file, by any path (docs: relative to the
// scenario). So that fuzzed text can never read an arbitrary file (/dev/zero, a FIFO,
// /etc/...), the scenario is loaded as if it were DIR/s/fuzz.yaml, where DIR is this
// process's empty temporary directory holding only copies of two shipped bases
// (s/buckinghamshire-2015.yaml and south-east-moc-2016.yaml, which the seeds extend),
// and text whose `extends:` would lead outside DIR is skipped.

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"

namespace {

namespace fs = std::filesystem;
using wfsim::fuzz::sandbox;

const fs::path& scenario_dir() {
  static const fs::path dir = sandbox() / "s";
  return dir;
}

// Whether the loader may follow this text's `extends:` (if any): the same test the
// loader makes (a scalar at the top of a mapping), then the path it would open,
// which must stay inside the sandbox.
bool extends_stays_inside(const std::string& text) {
  // Only a text holding "extends", or a backslash (an escape could spell it), can have
  // the key; most inputs skip parsing twice.
  if (text.find("extends") == std::string::npos && text.find('\\') == std::string::npos) return true;
  YAML::Node parsed;
  try {
    parsed = YAML::Load(text);
  } catch (const YAML::Exception&) {
    return true;  // the loader fails the same way, before it looks at `extends:`
  }
  const YAML::Node& root = parsed;
  if (!root.IsMap() || !root["extends"].IsDefined()) return true;
  const YAML::Node reference = root["extends"];
  if (!reference.IsScalar() || reference.Scalar().empty()) return true;  // refused before any file is opened
  const std::string& path = reference.Scalar();
  if (path.find('\0') != std::string::npos) return false;  // the open would stop at the NUL
  const fs::path relative = (scenario_dir() / path).lexically_normal().lexically_relative(sandbox());
  return !relative.empty() && *relative.begin() != "..";
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fs::create_directory(scenario_dir());
  wfsim::fuzz::write_file(scenario_dir() / "buckinghamshire-2015.yaml",
                          wfsim::fuzz::source_file("scenarios/buckinghamshire-2015.yaml"));
  wfsim::fuzz::write_file(sandbox() / "south-east-moc-2016.yaml",
                          wfsim::fuzz::source_file("scenarios/south-east-moc-2016.yaml"));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (!extends_stays_inside(text)) return 0;
  try {
    wfsim::scenario::load_scenario_text(text, (scenario_dir() / "fuzz.yaml").string());
  } catch (const wfsim::scenario::ScenarioError&) {
  } catch (const std::exception& e) {
    wfsim::fuzz::unexpected(e);
  }
  return 0;
}
