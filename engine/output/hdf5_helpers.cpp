#include "output/hdf5_helpers.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>

#include "output/hdf5_results_writer.hpp"

namespace wfsim::output {

H5::StrType utf8_string() {
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);
  return type;
}

std::string one_per_line(const std::vector<std::string>& values) {
  std::string lines;
  for (const auto& v : values) lines += (lines.empty() ? "" : "\n") + v;
  return lines;
}

H5::DSetMemXferPropList string_transfer(std::size_t strings, std::size_t element_bytes) {
  H5::DSetMemXferPropList transfer;
  const std::size_t per_string = std::max<std::size_t>(64, 2 * element_bytes);
  transfer.setBuffer(std::max<std::size_t>(4096, per_string * std::max<std::size_t>(strings, 1)), nullptr, nullptr);
  return transfer;
}

H5::DataSet write_string_vector(H5::H5File& file, const std::string& name, const std::vector<std::string>& values) {
  const hsize_t dims[1] = {values.size()};
  const H5::StrType type = utf8_string();
  H5::DataSet dataset = file.createDataSet(name, type, H5::DataSpace(1, dims));
  std::vector<const char*> pointers;
  for (const auto& v : values) pointers.push_back(v.c_str());
  if (pointers.empty()) return dataset;
  dataset.write(pointers.data(), type, H5::DataSpace::ALL, H5::DataSpace::ALL, string_transfer(pointers.size()));
  return dataset;
}

H5::DataSet write_string_scalar(H5::H5File& file, const std::string& name, const std::string& value) {
  const H5::StrType type = utf8_string();
  H5::DataSet dataset = file.createDataSet(name, type, H5::DataSpace(H5S_SCALAR));
  dataset.write(value, type, H5::DataSpace::ALL, H5::DataSpace::ALL, string_transfer(1));
  return dataset;
}

std::vector<std::string> read_string_vector(const H5::DataSet& dataset) {
  const auto n = static_cast<std::size_t>(dataset.getSpace().getSimpleExtentNpoints());
  std::vector<char*> raw(n);
  const H5::StrType type = utf8_string();
  dataset.read(raw.data(), type, H5::DataSpace::ALL, H5::DataSpace::ALL,
               string_transfer(n, dataset.getDataType().getSize()));
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

std::unique_ptr<H5::H5File> create_exclusive(const std::string& path, const H5::FileAccPropList& access) {
  // H5F_CLOSE_SEMI: closing the file while an object in it is open fails at once,
  // rather than deferring the real close, and its errors, to a destructor.
  H5::FileAccPropList semi(access.getId());  // a copy of its own, closed with it
  H5Pset_fclose_degree(semi.getId(), H5F_CLOSE_SEMI);
  return std::make_unique<H5::H5File>(path, H5F_ACC_EXCL, H5::FileCreatPropList::DEFAULT, semi);
}

namespace {
std::atomic<bool> g_close_failed{false};
}  // namespace

void close_once(std::unique_ptr<H5::H5File>& file) {
  if (!file) return;
  try {
    file->close();
  } catch (const H5::Exception&) {
    // Deliberately leaked: see the header. The process is failing anyway.
    static_cast<void>(file.release());
    g_close_failed.store(true);
    throw;
  }
  file.reset();
}

bool hdf5_close_failed() { return g_close_failed.load(); }

void verify_hdf5_file(const std::string& path, const std::string& format, const std::string& target) {
  std::string found;
  try {
    H5::H5File file(path, H5F_ACC_RDONLY);
    if (file.attrExists("format")) {
      H5::Attribute attribute = file.openAttribute("format");
      attribute.read(attribute.getStrType(), found);
    }
  } catch (const H5::Exception& e) {
    throw OutputError("the finished '" + target + "' does not read back (" + e.getDetailMsg() +
                      "); it was not saved, and any earlier file there is untouched");
  }
  if (found != format) {
    throw OutputError("the finished '" + target + "' reads back without its format '" + format +
                      "'; it was not saved, and any earlier file there is untouched");
  }
}

}  // namespace wfsim::output
