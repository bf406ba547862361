#pragma once
// Dimension scales in every group, so each group of a results, comparison or sweep
// file opens in xarray (netCDF-4, with either the h5netcdf or the netcdf4 engine) with
// labelled coordinates. netCDF sees a group's own scales only: a summary dataset
// attached to the root's /time opens with a bare `time` dimension. So each group gets
// its own copy of the scales its datasets use (a few kB), and the datasets are
// attached to those.

#include <H5Cpp.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace wfsim::output {

class GroupScales {
 public:
  explicit GroupScales(H5::H5File& file) : file_(file) {}

  // A dimension of a dataset: the root scale it takes its values from, and the name
  // of the dimension (usually the same; "from" and "to" for a square matrix, which
  // netCDF cannot index by one dimension twice).
  struct Dimension {
    std::string scale;
    std::string name;
  };

  // Attaches each dimension of `dataset` to a scale in the dataset's own group: the
  // root scale itself for a root dataset, else a copy (values and the attributes
  // units, calendar, key and long_name) made the first time the group needs it.
  void attach(H5::DataSet& dataset, const std::vector<Dimension>& dimensions);

 private:
  H5::DataSet& scale_in(const std::string& group, const Dimension& dimension);

  H5::H5File& file_;
  std::map<std::pair<std::string, std::string>, H5::DataSet> copies_;
};

}  // namespace wfsim::output
