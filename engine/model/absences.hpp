#pragma once
// Long absences of permanent workers (maternity, long-term sickness, secondments):
// when one starts, which kind it is, how long it lasts. An absent worker keeps the
// post; the post may need agency cover meanwhile.
//
// Events: an absence starts; an absence ends.

#include <cstdint>

#include "model/model_core.hpp"

namespace wfsim::model {

class AgencyCover;

class Absences {
 public:
  explicit Absences(ModelCore& core);
  void wire(AgencyCover& cover) { cover_ = &cover; }

  // Queues a permanent worker's next absence, if their role has any.
  void schedule_next(std::uint32_t worker, const RoleInfo& role);
  // Starts an absence now: a kind drawn by rate and a full duration.
  void begin(std::uint32_t worker);
  // A worker absent on the first day. With `part_way`, the absence is one under way at a
  // random moment: a kind drawn by rate times mean duration (the share of absent time
  // each kind accounts for) and what is left of its duration; otherwise as begin().
  void begin_at_start(std::uint32_t worker, bool part_way);
  // The worker leaves their post: no absence will start or end.
  void stop(std::uint32_t worker) { core_.sim.cancel(core_.store.worker(worker).absence_event); }

 private:
  void on_start(std::uint32_t worker);
  void on_end(std::uint32_t worker);
  void set_absent(std::uint32_t worker, bool absent);

  ModelCore& core_;
  AgencyCover* cover_ = nullptr;
  std::uint32_t start_event_, end_event_;
};

}  // namespace wfsim::model
