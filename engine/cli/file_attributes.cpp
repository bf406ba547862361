#include "cli/file_attributes.hpp"

#include "kernel/visible_text.hpp"

namespace wfsim::cli {

std::string text_attribute(const H5::H5Object& where, const std::string& name) {
  if (!where.attrExists(name)) return "";
  H5::Attribute a = where.openAttribute(name);
  if (a.getTypeClass() != H5T_STRING) return "";
  std::string value;
  a.read(a.getStrType(), value);
  return value;
}

std::uint64_t whole_attribute(const H5::H5Object& where, const std::string& name) {
  std::uint64_t value = 0;
  if (where.attrExists(name)) where.openAttribute(name).read(H5::PredType::NATIVE_UINT64, &value);
  return value;
}

std::string one_line_attribute(const H5::H5Object& where, const std::string& name) {
  return kernel::visible_text(text_attribute(where, name), false);
}

}  // namespace wfsim::cli
