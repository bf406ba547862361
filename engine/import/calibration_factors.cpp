#include "import/calibration_factors.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <limits>

#include "import/csww_data.hpp"
#include "import/data_file.hpp"
#include "scenario/suggest.hpp"

namespace wfsim::import {

namespace {

// A factor is a number above 0 and at most 100 (the fitted ones lie between 0.07 and
// 1.8); 1 where the region leaves it out. 'abc' once read as 1, -1.3 and .nan as no
// joiners at all, and 1e9 as 882 million joiners a year.
double calibration_factor(const YAML::Node& region, const char* key, const std::string& path, const std::string& name) {
  const YAML::Node value = region[key];
  if (!value.IsDefined()) return 1.0;
  double factor = std::numeric_limits<double>::quiet_NaN();
  if (value.IsNull()) {
    throw ImportError(path + ":" + std::to_string(region.Mark().line + 1) + ": region '" + name + "': " + key +
                      " has no value: give a number above 0 and at most 100, or leave the key out for 1");
  }
  if (value.IsScalar()) {
    try {
      factor = value.as<double>();
    } catch (const YAML::Exception&) {
      factor = std::numeric_limits<double>::quiet_NaN();
    }
  }
  if (!(factor > 0 && factor <= 100)) {
    const std::string line = value.Mark().is_null() ? "" : ":" + std::to_string(value.Mark().line + 1);
    throw ImportError(path + line + ": region '" + name + "': " + key + " must be a number above 0 and at most 100 " +
                      "(a factor on the assumed figure: 1 leaves it as assumed), got '" +
                      (value.IsScalar() ? value.Scalar() : std::string("a list or mapping")) + "'");
  }
  return factor;
}

}  // namespace

CalibrationFile read_calibration(const std::string& path, const std::vector<std::string>& regions) {
  CalibrationFile found;
  if (path.empty()) return found;
  return read_data_file(path, [&](const YAML::Node& root) {
    // IsDefined first: asking a missing key for its type throws in yaml-cpp.
    if (!root.IsMap() || !root["regions"].IsDefined() || !root["regions"].IsMap()) {
      layout_error(path, "expected a mapping 'regions' of region names to own_applicants and agency_joiners");
    }
    refuse_unknown_keys(root, path, {"regions", "year"});
    // The year the factors were fitted to: init says when it applies them to another.
    for (const auto& entry : root) {
      if (entry.first.Scalar() != "year") continue;
      int value = 0;
      const YAML::Node& year = entry.second;
      if (!year.IsScalar() || !YAML::convert<int>::decode(year, value) || value < 1900 || value > 2999) {
        // Said at the key: an empty value's own place is the next line.
        const std::string got = year.IsNull()     ? "nothing"
                                : year.IsScalar() ? "'" + year.Scalar() + "'"
                                                  : "a list or mapping";
        throw ImportError(path + ":" + std::to_string(entry.first.Mark().line + 1) +
                          ": year must be the year the factors were fitted to, such as 2023, got " + got);
      }
      found.year = value;
    }
    for (const auto& entry : root["regions"]) {
      // Each region a mapping of two numbers: anything else (a scenario given as the
      // calibration) is named with its line, not yaml-cpp's "invalid node".
      if (!entry.second.IsMap()) {
        const std::string line =
            entry.second.Mark().is_null() ? "" : ":" + std::to_string(entry.second.Mark().line + 1);
        throw ImportError(path + line + ": not laid out as expected: region '" + entry.first.as<std::string>() +
                          "' must be a mapping of own_applicants and agency_joiners (data/README.md describes the "
                          "file)");
      }
      const std::string name = entry.first.as<std::string>();
      const std::string line = entry.first.Mark().is_null() ? "" : ":" + std::to_string(entry.first.Mark().line + 1);
      // A misspelt region ('Londn') or factor ('own_aplicants') once left the region's
      // factors at 1 without a word.
      if (std::find(regions.begin(), regions.end(), name) == regions.end()) {
        throw ImportError(path + line + ": no region named '" + name + "'" + scenario::did_you_mean(name, regions) +
                          " (the regions are data/regions.yaml's, spelt as there)");
      }
      for (const auto& factor : entry.second) {
        const std::string key = factor.first.as<std::string>();
        if (key != "own_applicants" && key != "agency_joiners") {
          throw ImportError(path + line + ": region '" + name + "': unknown key '" + key + "'" +
                            scenario::did_you_mean(key, {"own_applicants", "agency_joiners"}) +
                            "; a region gives own_applicants and agency_joiners");
        }
      }
      Calibration c;
      c.applicants = calibration_factor(entry.second, "own_applicants", path, name);
      c.joiners = calibration_factor(entry.second, "agency_joiners", path, name);
      found.factors[name] = c;
    }
    return found;
  });
}

Calibration factors_of(const CalibrationFactors& calibration, const std::string& region) {
  const auto found = calibration.find(region);
  return found == calibration.end() ? Calibration{} : found->second;
}

}  // namespace wfsim::import
