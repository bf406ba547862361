#pragma once
// Small HDF5 conveniences shared by the results and comparison writers: UTF-8
// strings, scalar attributes, string vectors, and the time a file is completed.

#include <H5Cpp.h>

#include <memory>
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

// A transfer of `strings` values holding variable-length strings, `element_bytes` each as
// stored (16 for a string alone: its reference). HDF5 converts them through a buffer it
// allocates and zero-fills at 1 MiB a read or write by default; sized to the values
// instead, a short run of wf1 faulted in about 1,580 pages where it had 3,430
// (docs/performance.md). 64 bytes a value at least, and twice its size, hold what HDF5
// converts (a memory pointer and a file reference for a string).
H5::DSetMemXferPropList string_transfer(std::size_t strings, std::size_t element_bytes = 16);
H5::DataSet write_string_vector(H5::H5File& file, const std::string& name, const std::vector<std::string>& values);
// A dataset of one UTF-8 string (a scenario's text).
H5::DataSet write_string_scalar(H5::H5File& file, const std::string& name, const std::string& value);
// `values` one per line, as attributes that list files ("extends") hold them.
std::string one_per_line(const std::vector<std::string>& values);
std::vector<std::string> read_string_vector(const H5::DataSet& dataset);

// Creates a new HDF5 file at `path`, failing if anything (a file, a planted link) is
// there: HDF5 opens it with O_CREAT|O_EXCL.
std::unique_ptr<H5::H5File> create_exclusive(const std::string& path,
                                             const H5::FileAccPropList& access = H5::FileAccPropList::DEFAULT);

// Closes `file` once. If closing fails (a full disk), the object is released without
// its destructor, which would close the same file again and crash inside HDF5; the
// error is rethrown.
void close_once(std::unique_ptr<H5::H5File>& file);

// True once a close_once has failed. HDF5 then still holds the broken file, and its
// clean-up at exit crashes closing it again, so the process must end without running
// exit handlers (main() does).
bool hdf5_close_failed();

// Opens the closed file at `path` read-only and checks that HDF5 reads it whole (its
// end-of-file check catches a truncated write) and that its `format` attribute is
// `format`. Throws OutputError naming `target`, the file it is to become.
void verify_hdf5_file(const std::string& path, const std::string& format, const std::string& target);

// Now, as ISO 8601 UTC: "2026-11-24T22:10:43Z".
std::string utc_now();

}  // namespace wfsim::output
