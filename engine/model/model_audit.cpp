// The audit the tests switch on (ModelParameters::audit): at every period end, every
// worker is in exactly one place, and every count a component keeps agrees with a
// recount from the store.
#include <stdexcept>
#include <string>

#include "model/workforce_model.hpp"

namespace wfsim::model {

void WorkforceModel::audit() const {
  const auto fail = [&](const char* what) {
    throw std::logic_error("audit failed at day " + std::to_string(core_.now()) + ": " + what);
  };
  const WorkforceStore& store = core_.store;
  std::vector<double> permanent(core_.tallies.size(), 0), agency(core_.tallies.size(), 0);
  std::size_t live = 0, seeking = 0;
  for (std::uint32_t id = 0; id < store.worker_slots(); ++id) {
    const Worker& w = store.worker(id);
    switch (w.state) {
      case WorkerState::permanent:
        if (store.post(w.post).holder != id) fail("a permanent worker's post does not name them");
        permanent[core_.role_of(store.post(w.post)).authority] += 1;
        break;
      case WorkerState::agency:
        if (store.post(w.post).agency_worker != id) fail("an agency worker's post does not name them");
        agency[core_.role_of(store.post(w.post)).authority] += 1;
        break;
      case WorkerState::seeking: ++seeking; break;
      case WorkerState::agency_idle:
      case WorkerState::candidate: break;
      case WorkerState::gone: continue;
    }
    ++live;
  }
  if (seeking != seeking_.size() + recruitment_.trainees_waiting()) fail("seekers and the pools' lists disagree");
  if (live + store.free_slots() != store.worker_slots()) fail("a worker is both live and free");
  for (std::size_t a = 0; a < core_.tallies.size(); ++a) {
    if (permanent[a] != core_.tallies[a][Measure::permanent_headcount]) {
      fail("permanent headcount differs from a recount");
    }
    if (agency[a] != core_.tallies[a][Measure::agency_headcount]) fail("agency headcount differs from a recount");
  }
  market_.audit(fail);
  recruitment_.audit(fail);
  seeking_.audit(fail);
  rules_.audit(fail);
}

}  // namespace wfsim::model
