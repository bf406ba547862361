#include "model/flow_matrix.hpp"

namespace wfsim::model {

FlowCategories FlowCategories::of(const std::vector<std::uint32_t>& region_of_authority, std::uint32_t regions) {
  FlowCategories c;
  c.regions = std::max<std::uint32_t>(1, regions);
  if (c.regions == 1) {
    for (std::uint32_t a = 0; a < region_of_authority.size(); ++a) c.group_of.push_back(a);
    c.groups = static_cast<std::uint32_t>(region_of_authority.size());
  } else {
    c.group_of = region_of_authority;
    c.groups = c.regions;
  }
  return c;
}

std::vector<std::string> FlowCategories::labels(const std::vector<std::string>& authority_names,
                                                const std::vector<std::string>& region_names) const {
  const std::vector<std::string>& names = regions == 1 ? authority_names : region_names;
  std::vector<std::string> labels;
  for (const auto& name : names) labels.push_back("permanent: " + name);
  for (const auto& name : names) labels.push_back("agency: " + name);
  if (regions == 1) {
    labels.insert(labels.end(), {"agency pool", "seeking permanent"});
  } else {
    for (const auto& name : region_names) {
      labels.push_back("agency pool: " + name);
      labels.push_back("seeking permanent: " + name);
    }
  }
  labels.push_back("outside");
  return labels;
}

FlowMatrix::FlowMatrix(FlowCategories categories, std::size_t periods)
    : categories_(std::move(categories)), periods_(periods) {
  flows_.assign(std::size_t{categories_.count()} * categories_.count() * periods, 0);
}

void FlowMatrix::close_period() {
  const std::size_t c = categories_.count();
  std::int64_t* matrix = flows_.data() + period_ * c * c;
  for (const std::uint32_t from_to : log_) ++matrix[from_to];
  log_.clear();
  ++period_;
  if (period_ >= periods_) counting_ = false;
}

std::vector<std::int64_t> FlowMatrix::totals() const {
  const std::size_t c = categories_.count();
  std::vector<std::int64_t> totals(flows_.size());
  for (std::size_t period = 0; period < periods_; ++period) {
    for (std::size_t from_to = 0; from_to < c * c; ++from_to) {
      totals[from_to * periods_ + period] = flows_[period * c * c + from_to];
    }
  }
  return totals;
}

}  // namespace wfsim::model
