#include "output/group_scales.hpp"

#include <H5DSpublic.h>

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

}  // namespace

H5::DataSet& GroupScales::scale_in(const std::string& group, const Dimension& dimension) {
  const auto key = std::make_pair(group, dimension.name);
  if (auto found = copies_.find(key); found != copies_.end()) return found->second;
  const H5::DataSet source = file_.openDataSet("/" + dimension.scale);
  H5::DataSet scale;
  if (group == "/" && dimension.scale == dimension.name) {
    scale = source;
  } else {
    // The values without the attributes: a copied REFERENCE_LIST would point at the
    // root scale's datasets.
    const hid_t copy = H5Pcreate(H5P_OBJECT_COPY);
    H5Pset_copy_object(copy, H5O_COPY_WITHOUT_ATTR_FLAG);
    const std::string target = (group == "/" ? "" : group) + "/" + dimension.name;
    const herr_t status =
        H5Ocopy(file_.getId(), ("/" + dimension.scale).c_str(), file_.getId(), target.c_str(), copy, H5P_DEFAULT);
    H5Pclose(copy);
    if (status < 0) throw H5::DataSetIException("GroupScales", "cannot copy the scale " + dimension.scale);
    scale = file_.openDataSet(target);
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
