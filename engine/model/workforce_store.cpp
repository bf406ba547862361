#include "model/workforce_store.hpp"

#include <string>

#include "model/runaway_error.hpp"

namespace wfsim::model {

void WorkforceStore::throw_runaway() {
  throw RunawayError("the run holds more than " + std::to_string(kMostWorkers) +
                     " workers at once: a rate makes workers without bound, far faster than posts take them "
                     "(agency_supply joining_per_year, supply_elasticity with outside_pay_per_hour, a labour pool's "
                     "arrivals_per_year or newly_qualified per_year, a cohort policy's per_year?), or posts near that "
                     "many, with workers on notice beside their successors (a scenario whose posts alone pass it "
                     "is refused when it is read)");
}

void WorkforceStore::throw_too_many_posts() {
  throw RunawayError("the scenario has more than " + std::to_string(kMostPosts) +
                     " posts (permanent_posts and temporary_posts over every council and role), more than a run "
                     "can number");
}

void WorkforceStore::clear() {
  posts_.clear();
  workers_.clear();
  free_workers_.clear();
}

void WorkforceStore::retire(std::uint32_t worker) {
  Worker& w = workers_[worker];
  sim_.cancel(w.tenure_event);
  sim_.cancel(w.absence_event);
  sim_.cancel(w.conversion_event);
  sim_.cancel(w.review_event);
  w.state = WorkerState::gone;
  free_workers_.push_back(worker);
}

}  // namespace wfsim::model
