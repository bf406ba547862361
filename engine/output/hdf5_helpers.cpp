#include "output/hdf5_helpers.hpp"

#include <chrono>
#include <ctime>

namespace wfsim::output {

H5::StrType utf8_string() {
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);
  return type;
}

H5::DataSet write_string_vector(H5::H5File& file, const std::string& name, const std::vector<std::string>& values) {
  const hsize_t dims[1] = {values.size()};
  const H5::StrType type = utf8_string();
  H5::DataSet dataset = file.createDataSet(name, type, H5::DataSpace(1, dims));
  std::vector<const char*> pointers;
  for (const auto& v : values) pointers.push_back(v.c_str());
  if (!pointers.empty()) dataset.write(pointers.data(), type);
  return dataset;
}

std::vector<std::string> read_string_vector(const H5::DataSet& dataset) {
  const auto n = static_cast<std::size_t>(dataset.getSpace().getSimpleExtentNpoints());
  std::vector<char*> raw(n);
  const H5::StrType type = utf8_string();
  dataset.read(raw.data(), type);
  std::vector<std::string> out(raw.begin(), raw.end());
  H5::DataSet::vlenReclaim(raw.data(), type, dataset.getSpace());
  return out;
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace wfsim::output
