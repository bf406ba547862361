// libFuzzer target: the workforce indicators CSV as `wfsim init --from-csww` reads it.
// The bytes are parsed as a CSV table (import::CsvTable::parse), then written to a file
// in this process's temporary directory and read as the indicators
// (import::CswwData::read_file, which takes a path). For the first council row, the
// steps of `init` follow: the council and its region looked up, the scenario of
// `--la` (baseline_scenario) and of `--region` (market_scenario, with the shipped
// data/*.yaml) written, and each written scenario loaded back.
//
// CsvError, ImportError and ScenarioError are the documented outcomes of bad input
// (exit 2); any other exception, a crash or a sanitizer report is a finding.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <sstream>
#include <string>

#include "fuzz_support.hpp"
#include "import/baseline_scenario.hpp"
#include "import/csv_table.hpp"
#include "import/csww_data.hpp"
#include "import/market_scenario.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_error.hpp"

namespace {

namespace fs = std::filesystem;
using namespace wfsim;

// time_period as CswwData reads it; nothing if it is not a number within an int.
std::optional<int> year_of(const std::string& cell) {
  std::istringstream in(cell);
  in.imbue(std::locale::classic());
  double value = 0;
  in >> value;
  if (in.fail() || !in.eof() || !std::isfinite(value)) return std::nullopt;
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) return std::nullopt;
  return static_cast<int>(value);
}

// The first council row's name, region and year.
struct FirstCouncil {
  std::string name, region;
  int year = 0;
};

std::optional<FirstCouncil> first_council(const import::CsvTable& table) {
  const std::size_t level = table.column("geographic_level");
  const std::size_t name = table.column("la_name");
  const std::size_t region = table.column("region_name");
  const std::size_t year = table.column("time_period");
  for (std::size_t r = 0; r < table.rows(); ++r) {
    if (table.cell(r, level) != "Local authority") continue;
    const auto y = year_of(table.cell(r, year));
    if (!y) return std::nullopt;
    return FirstCouncil{table.cell(r, name), table.cell(r, region), *y};
  }
  return std::nullopt;
}

void load_back(const import::Baseline& written, const std::string& name) {
  scenario::load_scenario_text(written.yaml, (fuzz::sandbox() / name).string());
}

void import_csv(const std::string& text) {
  const import::CsvTable table = import::CsvTable::parse(text, "fuzz.csv");
  const fs::path path = fuzz::sandbox() / "csww.csv";
  fuzz::write_file(path, text);
  const import::CswwData data = import::CswwData::read_file(path.string());
  const auto council = first_council(table);
  if (!council) return;

  const import::CswwRow& row = data.council(council->name, council->year);
  data.regional_row(council->region, council->year);
  data.national_row(council->year);
  import::BaselineOptions la;
  la.engine_version = "fuzz";
  la.command_line = "wfsim init --la";
  load_back(import::baseline_scenario(data, {&row}, council->year, la), "la.yaml");

  data.region(council->region, council->year);
  import::MarketScenarioOptions region;
  region.regions_file = std::string(WFSIM_SOURCE_DIR) + "/data/regions.yaml";
  region.agreements_file = std::string(WFSIM_SOURCE_DIR) + "/data/regional_agreements.yaml";
  region.calibration_file = std::string(WFSIM_SOURCE_DIR) + "/data/england_calibration.yaml";
  region.engine_version = "fuzz";
  region.command_line = "wfsim init --region";
  load_back(import::market_scenario(data, {council->region}, council->year, region), "region.yaml");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    import_csv(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const import::CsvError&) {
  } catch (const import::ImportError&) {
  } catch (const scenario::ScenarioError&) {
  } catch (const std::exception& e) {
    fuzz::unexpected(e);
  }
  return 0;
}
