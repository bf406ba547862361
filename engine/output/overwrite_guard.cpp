#include "output/overwrite_guard.hpp"

#include <H5Cpp.h>

#include <filesystem>
#include <fstream>

#include "output/hdf5_results_writer.hpp"

namespace wfsim::output {

namespace {

// The `format` attribute of an HDF5 file, or empty if it is not one or has none.
std::string hdf5_format(const std::string& path) {
  H5::Exception::dontPrint();
  try {
    if (H5Fis_hdf5(path.c_str()) <= 0) return "";
    H5::H5File file(path, H5F_ACC_RDONLY);
    if (!file.attrExists("format")) return "";
    H5::Attribute a = file.openAttribute("format");
    std::string value;
    a.read(a.getStrType(), value);
    return value;
  } catch (const H5::Exception&) {
    return "";
  }
}

bool contains(const std::string& path, const std::string& text) {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.find(text) != std::string::npos) return true;
  }
  return false;
}

bool looks_like_scenario(const std::string& path) {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("wfsim:", 0) == 0 || line.rfind("name:", 0) == 0) return true;
  }
  return false;
}

const char* describe(OutputKind kind) {
  switch (kind) {
    case OutputKind::results: return "a wfsim results file";
    case OutputKind::comparison: return "a wfsim comparison file";
    case OutputKind::sweep: return "a wfsim sweep file";
    case OutputKind::scenario: return "a scenario file";
    case OutputKind::schema: return "a JSON Schema";
  }
  return "";
}

bool is_kind(const std::string& path, OutputKind kind) {
  switch (kind) {
    case OutputKind::results: return hdf5_format(path) == "wfsim-results";
    case OutputKind::comparison: return hdf5_format(path) == "wfsim-comparison";
    case OutputKind::sweep: return hdf5_format(path) == "wfsim-sweep";
    case OutputKind::scenario: return looks_like_scenario(path);
    case OutputKind::schema: return contains(path, "\"$schema\"");
  }
  return false;
}

}  // namespace

void check_overwrite(const std::string& path, OutputKind kind, const std::vector<std::string>& inputs, bool force) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return;
  for (const std::string& input : inputs) {
    if (std::filesystem::equivalent(path, input, error)) {
      throw OutputError("refusing to write '" + path + "': it is one of this command's inputs (" + input +
                        "); choose another output file");
    }
  }
  if (std::filesystem::is_directory(path, error)) {
    throw OutputError("cannot write '" + path + "': it is a directory; give a file name");
  }
  if (force || is_kind(path, kind)) return;
  throw OutputError("refusing to replace '" + path + "': it exists and is not " + describe(kind) +
                    "; choose another output file, or give --force to replace it");
}

}  // namespace wfsim::output
