#include "model/model_core.hpp"

#include "kernel/calendar.hpp"

namespace wfsim::model {

std::vector<std::int64_t> period_end_days(std::int64_t start_day, std::int64_t end_day) {
  std::vector<std::int64_t> ends;
  for (std::int64_t day = kernel::first_of_next_month(start_day); day < end_day;
       day = kernel::first_of_next_month(day)) {
    ends.push_back(day);
  }
  ends.push_back(end_day);  // the last period ends with the run, whole month or not
  return ends;
}

ModelCore::ModelCore(const ModelParameters& p)
    : parameters(p),
      roles(p),
      period_ends(period_end_days(p.report_start_day, p.end_day)),
      streams(p.authorities.size(), roles.markets().size()),
      store(sim),
      tallies(p.authorities.size()),
      flows(static_cast<std::uint32_t>(p.authorities.size()), period_ends.size()) {}

}  // namespace wfsim::model
