#include "cli/file_attributes.hpp"

#include <sstream>

#include "support/visible_text.hpp"

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
  return support::visible_text(text_attribute(where, name), false);
}

void print_listed(std::ostream& out, const std::string& label, const std::string& items) {
  std::istringstream lines(items);
  bool first = true;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    out << (first ? "  " + label + std::string(13 - label.size(), ' ') : std::string(15, ' ')) << line << "\n";
    first = false;
  }
}

}  // namespace wfsim::cli
