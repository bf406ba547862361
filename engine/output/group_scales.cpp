#include "output/group_scales.hpp"

#include <H5DSpublic.h>

#include <vector>

#include "output/hdf5_helpers.hpp"

namespace wfsim::output {

namespace {

std::string group_of(const H5::DataSet& dataset) {
  const std::string path = dataset.getObjName();  // "/summary/agency_share"
  const std::size_t slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

void copy_string_attribute(const H5::DataSet& from, H5::DataSet& to, const char* name) {
  if (!from.attrExists(name)) return;
  H5::Attribute attribute = from.openAttribute(name);
  std::string value;
  attribute.read(attribute.getStrType(), value);
  set_string_attribute(to, name, value);
}

// A new dataset at `target` in `file` holding `source`'s values (its type and shape,
// stored contiguously: a scale is a few kB).
H5::DataSet copy_values(H5::H5File& file, const H5::DataSet& source, const std::string& target) {
  const H5::DataType type = source.getDataType();
  const H5::DataSpace space = source.getSpace();
  const auto count = static_cast<std::size_t>(space.getSimpleExtentNpoints());
  std::vector<unsigned char> values(count * type.getSize());
  // Scales of names are variable-length strings, which HDF5 converts through a buffer
  // (string_transfer); sized by the element, so that a scale of any type fits it.
  const H5::DSetMemXferPropList transfer = string_transfer(count, type.getSize());
  source.read(values.data(), type, H5::DataSpace::ALL, H5::DataSpace::ALL, transfer);
  // Variable-length values are read as memory HDF5 allocated: freed however the write ends.
  struct Reclaim {
    const H5::DataType& type;
    const H5::DataSpace& space;
    void* values;
    ~Reclaim() {
      if (H5Tdetect_class(type.getId(), H5T_VLEN) > 0 || H5Tis_variable_str(type.getId()) > 0) {
        H5Dvlen_reclaim(type.getId(), space.getId(), H5P_DEFAULT, values);
      }
    }
  } reclaim{type, space, values.data()};
  H5::DataSet copy = file.createDataSet(target, type, space);
  copy.write(values.data(), type, H5::DataSpace::ALL, H5::DataSpace::ALL, transfer);
  return copy;
}

}  // namespace

H5::DataSet& GroupScales::scale_in(const std::string& group, const Dimension& dimension) {
  const auto key = std::make_pair(group, dimension.name);
  if (auto found = copies_.find(key); found != copies_.end()) return found->second;
  const H5::DataSet source = file_.openDataSet("/" + dimension.scale);
  H5::DataSet scale;
  if (group == "/" && dimension.scale == dimension.name) {
    scale = source;
  } else {
    // The values without the attributes (a copied REFERENCE_LIST would point at the
    // root scale's datasets), read and written again rather than by H5Ocopy: on a disk
    // that filled during the file's set-up, HDF5's copy crashed in its own clean-up.
    const std::string target = (group == "/" ? "" : group) + "/" + dimension.name;
    scale = copy_values(file_, source, target);
    for (const char* name : {"units", "calendar", "key", "long_name"}) copy_string_attribute(source, scale, name);
  }
  if (!H5DSis_scale(scale.getId())) H5DSset_scale(scale.getId(), dimension.name.c_str());
  return copies_.emplace(key, scale).first->second;
}

void GroupScales::attach(H5::DataSet& dataset, const std::vector<Dimension>& dimensions) {
  const std::string group = group_of(dataset);
  for (unsigned i = 0; i < dimensions.size(); ++i) {
    H5::DataSet& scale = scale_in(group, dimensions[i]);
    H5DSattach_scale(dataset.getId(), scale.getId(), i);
    H5DSset_label(dataset.getId(), i, dimensions[i].name.c_str());
  }
}

}  // namespace wfsim::output
