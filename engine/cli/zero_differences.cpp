#include "cli/zero_differences.hpp"

#include <H5Cpp.h>

#include <cmath>

namespace wfsim::cli {

std::vector<std::size_t> variants_with_no_difference(const std::string& comparison_file) {
  H5::H5File file(comparison_file, H5F_ACC_RDONLY);
  const H5::Group differences = file.openGroup("difference");
  std::vector<char> same, defined;
  for (hsize_t i = 0; i < differences.getNumObjs(); ++i) {
    H5::DataSet ds = differences.openDataSet(differences.getObjnameByIdx(i));
    hsize_t dims[4];
    if (ds.getSpace().getSimpleExtentNdims() != 4) continue;
    ds.getSpace().getSimpleExtentDims(dims);  // variant, difference statistic, authority, time
    std::vector<double> values(dims[0] * dims[1] * dims[2] * dims[3]);
    ds.read(values.data(), H5::PredType::NATIVE_DOUBLE);
    same.resize(dims[0], 1);
    defined.resize(dims[0], 0);
    const std::size_t cells = dims[2] * dims[3];
    for (std::size_t v = 1; v < dims[0]; ++v) {
      // The mean and the sd (statistics 0 and 1) of the paired differences.
      for (std::size_t statistic = 0; statistic < 2 && statistic < dims[1]; ++statistic) {
        const double* at = values.data() + (v * dims[1] + statistic) * cells;
        for (std::size_t c = 0; c < cells; ++c) {
          if (std::isnan(at[c])) continue;
          defined[v] = 1;
          if (at[c] != 0) same[v] = 0;
        }
      }
    }
  }
  std::vector<std::size_t> found;
  for (std::size_t v = 1; v < same.size(); ++v) {
    if (same[v] && defined[v]) found.push_back(v);
  }
  return found;
}

}  // namespace wfsim::cli
