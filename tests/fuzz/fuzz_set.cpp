// libFuzzer target: `--set KEY=VALUE` overrides (scenario/overrides.cpp) applied to a
// small valid scenario (tests/scenarios/every-feature.yaml) and validated with it, as
// `wfsim run --set` does. The input is one override per line (at most 8). A
// ScenarioError is the documented outcome of bad input (exit 2); any other exception,
// a crash or a sanitizer report is a finding.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"

namespace {

constexpr std::size_t kMaxOverrides = 8;

const std::string& base_text() {
  static const std::string text = wfsim::fuzz::source_file("tests/scenarios/every-feature.yaml");
  return text;
}

const std::string& label() {
  static const std::string path = (wfsim::fuzz::sandbox() / "every-feature.yaml").string();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // The base must load as it is, or every input would fail the same way.
  wfsim::scenario::load_scenario_text(base_text(), label());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> overrides;
  std::size_t start = 0;
  while (start <= input.size() && overrides.size() < kMaxOverrides) {
    const std::size_t end = std::min(input.find('\n', start), input.size());
    overrides.push_back(input.substr(start, end - start));
    start = end + 1;
  }
  try {
    wfsim::scenario::load_scenario_text(base_text(), label(), overrides);
  } catch (const wfsim::scenario::ScenarioError&) {
  } catch (const std::exception& e) {
    wfsim::fuzz::unexpected(e);
  }
  return 0;
}
