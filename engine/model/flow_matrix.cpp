#include "model/flow_matrix.hpp"

namespace wfsim::model {

std::vector<std::string> FlowCategories::labels(const std::vector<std::string>& authority_names) {
  std::vector<std::string> labels;
  for (const auto& name : authority_names) labels.push_back("permanent: " + name);
  for (const auto& name : authority_names) labels.push_back("agency: " + name);
  labels.insert(labels.end(), {"agency pool", "seeking permanent", "outside"});
  return labels;
}

FlowMatrix::FlowMatrix(std::uint32_t authorities, std::size_t periods) : periods_(periods) {
  categories_.authorities = authorities;
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
