#include "model/workforce_store.hpp"

namespace wfsim::model {

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
