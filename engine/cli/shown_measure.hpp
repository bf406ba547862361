#pragma once
// How `wfsim info` shows one measure: its values times `scale`, in `unit`, to
// `decimals` places (a results file's overview and a comparison's or sweep's).

namespace wfsim::cli {

struct ShownMeasure {
  const char* measure;
  double scale;
  const char* unit;
  int decimals = 1;
};

}  // namespace wfsim::cli
