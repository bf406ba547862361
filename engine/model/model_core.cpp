#include "model/model_core.hpp"

#include <algorithm>
#include <cmath>

#include "kernel/calendar.hpp"
#include "model/same_time_order.hpp"

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

std::vector<std::uint32_t> region_of_authorities(const ModelParameters& p) {
  std::vector<std::uint32_t> regions;
  for (const Authority& a : p.authorities) regions.push_back(a.region);
  return regions;
}

ModelCore::ModelCore(const ModelParameters& p)
    : parameters(p),
      roles(p),
      period_ends(period_end_days(p.report_start_day, p.end_day)),
      streams(roles),
      store(sim),
      tallies(p.authorities.size()),
      flows(FlowCategories::of(region_of_authorities(p), roles.regions()), period_ends.size()) {}

void ModelCore::review_at(std::uint32_t worker, double time, std::uint32_t type) {
  Worker& w = store.worker(worker);
  if (sim.pending(w.review_event) && w.review_at <= time) return;
  sim.cancel(w.review_event);
  w.review_event = sim.schedule_at(time, kPriorityReview, type, worker);
  w.review_at = time;
}

void ModelCore::refresh_workload_weights() {
  workload_weight.resize(tallies.size());
  for (std::uint32_t a = 0; a < tallies.size(); ++a) {
    workload_weight[a] =
        workload_factor(posts_per_worker_at_work(tallies[a], roles.all_posts(a)), parameters.market.workload);
  }
  ++workload_changes;
}

void ModelCore::reset_workload_weights() {
  workload_weight.assign(tallies.size(), 1.0);
  ++workload_changes;
}

std::uint32_t ModelCore::draw_home(std::uint32_t m, kernel::RandomStream& stream) {
  const MarketInfo& market = roles.market(m);
  const double u = stream.uniform() * market.home_weights.back();
  std::size_t i = 0;
  while (i + 1 < market.home_weights.size() && u >= market.home_weights[i]) ++i;
  return roles[market.roles[i]].authority;
}

}  // namespace wfsim::model
