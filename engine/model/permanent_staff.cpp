#include "model/permanent_staff.hpp"

#include <algorithm>

#include "model/absences.hpp"
#include "model/agency_cover.hpp"
#include "model/agency_market.hpp"
#include "model/engagement_rules.hpp"
#include "model/leaver_choice.hpp"
#include "model/levers.hpp"
#include "model/recruitment.hpp"
#include "model/same_time_order.hpp"
#include "model/seeking_pool.hpp"

namespace wfsim::model {

PermanentStaff::PermanentStaff(ModelCore& core)
    : core_(core),
      notice_event_(core.routes.add<&PermanentStaff::on_notice>(*this, "a permanent worker's notice")),
      leave_event_(core.routes.add<&PermanentStaff::on_leave>(*this, "a permanent worker's leaving")),
      hazard_(core.roles.size()),
      in_post_(core.roles.size()) {}

void PermanentStaff::wire(Absences& absences, Recruitment& recruitment, AgencyCover& cover, AgencyMarket& market,
                          SeekingPool& seeking, EngagementRules& rules, Levers& levers, LeaverChoice& choice) {
  choice_ = &choice;
  absences_ = &absences;
  recruitment_ = &recruitment;
  cover_ = &cover;
  market_ = &market;
  seeking_ = &seeking;
  rules_ = &rules;
  levers_ = &levers;
}

void PermanentStaff::reset() {
  for (std::uint32_t r = 0; r < core_.roles.size(); ++r) hazard_[r] = core_.roles[r].notice_hazard;
  std::fill(in_post_.begin(), in_post_.end(), 0);
}

void PermanentStaff::hire(std::uint32_t post, std::uint32_t worker) {
  Worker& w = core_.store.worker(worker);
  w.state = WorkerState::permanent;
  w.post = post;
  w.absent = w.on_notice = false;
  w.failed_post = kNone;  // the offer that fell through is behind them once they hold a post
  const Post& p = core_.store.post(post);
  const RoleInfo& r = core_.role_of(p);
  w.home = r.authority;
  AuthorityTally& t = core_.tally_of(p);
  core_.store.change_post(post, t, [&](Post& changed) { changed.holder = worker; });
  t[Measure::permanent_headcount] += 1;
  t[Measure::permanent_fte] += r.role->fte_per_worker;
  t[Rate::permanent_cost] += r.permanent_cost_per_day;
  t[Rate::policy_cost] += levers_->premium_cost_per_day(p.role);
  t[Rate::sickness] += r.sickness_per_day;
  in_post_[p.role] += 1;
  schedule_notice(worker, p.role);
  absences_->schedule_next(worker, r);
  cover_->staffing_changed(r.authority);
}

void PermanentStaff::schedule_notice(std::uint32_t worker, std::uint32_t role) {
  Worker& w = core_.store.worker(worker);
  w.tenure_event = {};
  if (hazard_[role] <= 0) return;
  // A bonded trainee cannot resign from the council that trained them before the bond
  // ends; the hazard runs from then. Hired elsewhere (their offer there fell through and
  // another council took them from the pool), they owe that council nothing.
  const bool bound = w.bond_authority == core_.roles[role].authority;
  const double bond = bound ? std::max(0.0, w.bond_until - core_.now()) : 0.0;
  const double delay = bond + exponential_delay(core_.stream(core_.roles[role], Process::tenure), hazard_[role]);
  w.tenure_event = core_.sim.schedule_in(delay, kPriorityDecision, notice_event_, worker);
}

void PermanentStaff::retune(std::uint32_t role, double hazard_per_day) {
  if (hazard_per_day == hazard_[role]) return;  // unchanged: every draw stays where it was
  hazard_[role] = hazard_per_day;
  const RoleInfo& r = core_.roles[role];
  // Notices are memoryless, so a pending one can be redrawn at the new rate. Posts
  // not yet laid out (levers applied before the starting position) have no holders.
  const std::uint32_t end = std::min(r.first_post + r.permanent_posts, core_.store.post_count());
  for (std::uint32_t post = r.first_post; post < end; ++post) {
    const std::uint32_t holder = core_.store.post(post).holder;
    if (holder == kNone || core_.store.worker(holder).on_notice) continue;
    core_.sim.cancel(core_.store.worker(holder).tenure_event);
    schedule_notice(holder, role);
  }
}

double PermanentStaff::hire_at_start(std::uint32_t post, std::uint32_t worker, bool part_way) {
  hire(post, worker);
  const RoleInfo& r = core_.role_of(core_.store.post(post));
  const double notice = r.role->notice.mean();
  const double on_notice = hazard_[core_.store.post(post).role] * notice;
  if (!part_way || on_notice <= 0 ||
      !core_.stream(r, Process::starting_position).bernoulli(on_notice / (1 + on_notice))) {
    return -1;
  }
  core_.sim.cancel(core_.store.worker(worker).tenure_event);
  return give_notice(worker, true);
}

void PermanentStaff::on_notice(std::uint32_t worker) { give_notice(worker, false); }

double PermanentStaff::give_notice(std::uint32_t worker, bool part_way) {
  Worker& w = core_.store.worker(worker);
  const RoleInfo& r = core_.role_of(core_.store.post(w.post));
  kernel::RandomStream& s = core_.stream(r, Process::notice);
  w.on_notice = true;
  // Drawn only where redundancies happen, so other roles' draws stay where they were;
  // before the destination, since a redundant leaver is exempt from some rules.
  w.history.left_by_redundancy = r.role->redundancy_share > 0 && s.bernoulli(r.role->redundancy_share);
  const double u = s.uniform();  // the destination's draw, before the notice's as ever
  double served = 0, left = 0;
  if (part_way) {
    const kernel::Distribution::PartWay under_way =
        r.role->notice.sample_part_way(core_.stream(r, Process::starting_position));
    served = under_way.elapsed;
    left = under_way.remaining;
  } else {
    left = r.role->notice.sample(s);
  }
  // The leaver weighs where to go as of the day they will leave: a worker placed part-way
  // through their notice at a warm start was weighed at the end of a whole one, after
  // they had gone (a review), and a drawn notice at its mean.
  w.destination = choice_->choose(worker, u, core_.now() + left);
  w.tenure_event = core_.sim.schedule_in(left, kPriorityDeparture, leave_event_, worker);
  if (!part_way) recruitment_->notice_given(w.post);
  return served;
}

void PermanentStaff::on_leave(std::uint32_t worker) {
  Worker& w = core_.store.worker(worker);
  const std::uint32_t post = w.post;
  const Post& p = core_.store.post(post);
  const RoleInfo& r = core_.role_of(p);
  AuthorityTally& t = core_.tally_of(p);
  absences_->stop(worker);
  core_.store.change_post(post, t, [](Post& changed) { changed.holder = kNone; });
  t[Measure::permanent_headcount] -= 1;
  t[Measure::permanent_fte] -= r.role->fte_per_worker;
  t[Rate::permanent_cost] -= r.permanent_cost_per_day;
  t[Rate::policy_cost] -= levers_->premium_cost_per_day(p.role);
  in_post_[p.role] -= 1;
  if (!w.absent) t[Rate::sickness] -= r.sickness_per_day;
  t[Measure::leavers_permanent] += 1;
  constexpr Measure kByDestination[] = {Measure::leavers_to_outside, Measure::leavers_to_other_council,
                                        Measure::leavers_to_agency};
  t[kByDestination[static_cast<int>(w.destination)]] += 1;
  w.history.last_permanent_authority = static_cast<std::int32_t>(r.authority);
  w.history.left_permanent_at = core_.now();
  rules_->note_history(worker);
  w.absent = w.on_notice = false;
  send_on(worker, r.authority);
  recruitment_->post_vacated(post);
  cover_->vacancy_opened(post);
}

void PermanentStaff::send_on(std::uint32_t worker, std::uint32_t authority) {
  const Worker& w = core_.store.worker(worker);
  const std::uint32_t from = core_.flows.categories().permanent(authority);
  if (w.destination == Destination::agency && core_.roles.market(w.market).finite()) {
    core_.flows.move(from, core_.flows.categories().agency_pool(core_.roles.market(w.market).region));
    market_->make_available(worker);
  } else if (w.destination == Destination::other_council && core_.roles.market(w.market).pool &&
             seeking_->may_apply_somewhere(worker)) {
    // The same test as for a worker leaving agency work or moving region: not to a pool
    // whose only council is the one they left, where no post would take them.
    core_.flows.move(from, core_.flows.categories().seeking(core_.roles.market(w.market).region));
    seeking_->seek(worker);
  } else if (w.destination == Destination::outside || !seeking_->move_to_other_region(worker, from)) {
    // A leaver bound out leaves councils' work: the destinations' shares are the DfE's,
    // whose moves to another council already hold the moves to another region's
    // councils. Sending these leavers next door too counted those moves twice (45% of
    // England's leavers moved council, against the DfE's 27%). Only a leaver whose
    // destination has no place in their own region (agency work from an unlimited
    // supply, another council without a pool or with none but theirs) seeks next door.
    core_.flows.move(from, core_.flows.categories().outside());
    core_.store.retire(worker);
  }
}

}  // namespace wfsim::model
