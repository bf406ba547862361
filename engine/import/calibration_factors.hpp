#pragma once
// The per-region factors of England's scenarios, fitted by tools/calibrate-england.py
// (data/england_calibration.yaml, data/README.md).

#include <map>
#include <string>
#include <vector>

namespace wfsim::import {

// A region's factors on councils' own applicants and on the market's agency joiners
// (1 each where not calibrated).
struct Calibration {
  double applicants = 1;
  double joiners = 1;
};
using CalibrationFactors = std::map<std::string, Calibration>;

// A calibration file: its factors by region, and the year they were fitted to (its
// `year`, 0 if it gives none).
struct CalibrationFile {
  CalibrationFactors factors;
  int year = 0;
};
// The file's factors by region ("" reads none). ImportError with the file and line for
// a region not among `regions`, an unknown key, a factor that is not a number above 0
// and at most 100, or a year that is not a whole number.
CalibrationFile read_calibration(const std::string& path, const std::vector<std::string>& regions);
// A region's factors, 1 each where the file leaves it out.
Calibration factors_of(const CalibrationFactors& calibration, const std::string& region);

}  // namespace wfsim::import
