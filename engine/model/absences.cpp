#include "model/absences.hpp"

#include <stdexcept>

#include "model/agency_cover.hpp"
#include "model/same_time_order.hpp"

namespace wfsim::model {

namespace {

// The kind in whose share of the weights' total `u` falls (u in [0, total)): a draw in
// proportion to the weights. The last kind takes what rounding leaves past the others.
template <class Weight>
std::size_t kind_in_proportion(const std::vector<AbsenceKind>& kinds, double u, Weight weight) {
  std::size_t k = 0;
  while (k + 1 < kinds.size() && u >= weight(kinds[k])) u -= weight(kinds[k++]);
  return k;
}

}  // namespace

Absences::Absences(ModelCore& core)
    : core_(core),
      start_event_(core.routes.add<&Absences::on_start>(*this, "a long absence starting")),
      end_event_(core.routes.add<&Absences::on_end>(*this, "a long absence ending")) {}

void Absences::schedule_next(std::uint32_t worker, const RoleInfo& r) {
  if (r.absence_rate <= 0) return;
  core_.store.worker(worker).absence_event =
      core_.sim.schedule_in(exponential_delay(core_.stream(r, Process::absence_start), r.absence_rate),
                            kPriorityDecision, start_event_, worker);
}

void Absences::set_absent(std::uint32_t worker, bool absent) {
  Worker& w = core_.store.worker(worker);
  if (w.absent == absent) throw std::logic_error("absence state set twice");
  const Post& p = core_.store.post(w.post);
  const RoleInfo& r = core_.role_of(p);
  AuthorityTally& t = core_.tally_of(p);
  core_.store.change_post(w.post, t, [&](Post&) { w.absent = absent; });
  t[Rate::sickness] += absent ? -r.sickness_per_day : r.sickness_per_day;
}

void Absences::on_start(std::uint32_t worker) {
  begin(worker);
  cover_->review(core_.store.worker(worker).post);
}

void Absences::begin(std::uint32_t worker) {
  Worker& w = core_.store.worker(worker);
  const RoleInfo& r = core_.role_of(core_.store.post(w.post));
  // A new absence is of each kind as often as that kind starts.
  const auto& kinds = r.role->absences;
  kernel::RandomStream& s = core_.stream(r, Process::absence_start);
  const std::size_t k = kind_in_proportion(kinds, s.uniform() * r.absence_rate * kDaysPerYear,
                                           [](const AbsenceKind& kind) { return kind.starts_per_year; });
  core_.sim.cancel(w.absence_event);  // the pending start, when the absence is an initial one
  set_absent(worker, true);
  w.absence_event = core_.sim.schedule_in(kinds[k].duration.sample(core_.stream(r, Process::absence_length)),
                                          kPriorityDeparture, end_event_, worker);
}

void Absences::begin_at_start(std::uint32_t worker, bool part_way) {
  Worker& w = core_.store.worker(worker);
  const RoleInfo& r = core_.role_of(core_.store.post(w.post));
  const auto& kinds = r.role->absences;
  if (!part_way || kinds.empty()) {
    begin(worker);
    return;
  }
  // Absent time by kind is starts times mean length: pick the kind in that proportion.
  kernel::RandomStream& s = core_.stream(r, Process::starting_position);
  double total = 0;
  for (const AbsenceKind& kind : kinds) total += kind.starts_per_year * kind.duration.mean();
  if (total <= 0) {
    begin(worker);
    return;
  }
  const std::size_t k = kind_in_proportion(
      kinds, s.uniform() * total, [](const AbsenceKind& kind) { return kind.starts_per_year * kind.duration.mean(); });
  core_.sim.cancel(w.absence_event);
  set_absent(worker, true);
  w.absence_event = core_.sim.schedule_in(kinds[k].duration.sample_residual(s), kPriorityDeparture, end_event_, worker);
}

void Absences::on_end(std::uint32_t worker) {
  Worker& w = core_.store.worker(worker);
  const RoleInfo& r = core_.role_of(core_.store.post(w.post));
  set_absent(worker, false);
  schedule_next(worker, r);
  cover_->review(w.post);
}

}  // namespace wfsim::model
