#pragma once
// Small HDF5 conveniences shared by the results and comparison writers: UTF-8
// strings, scalar attributes, string vectors, and the time a file is completed.

#include <H5Cpp.h>

#include <string>
#include <vector>

namespace wfsim::output {

H5::StrType utf8_string();

template <class Location>
void set_string_attribute(Location& where, const std::string& name, const std::string& value) {
  const H5::StrType type = utf8_string();
  H5::Attribute attribute = where.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
  attribute.write(type, value);
}

template <class Location, class T>
void set_number_attribute(Location& where, const std::string& name, const H5::PredType& type, T value) {
  H5::Attribute attribute = where.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
  attribute.write(type, &value);
}

H5::DataSet write_string_vector(H5::H5File& file, const std::string& name, const std::vector<std::string>& values);
std::vector<std::string> read_string_vector(const H5::DataSet& dataset);

// Now, as ISO 8601 UTC: "2026-11-24T22:10:43Z".
std::string utc_now();

}  // namespace wfsim::output
