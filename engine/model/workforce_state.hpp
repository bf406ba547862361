#pragma once
// The entities of the workforce model and the per-authority tallies kept up to date
// as they change.

#include <cstddef>
#include <cstdint>

#include "kernel/event_queue.hpp"
#include "model/agency_rules.hpp"

namespace wfsim::model {

constexpr std::uint32_t kNone = UINT32_MAX;

enum class Destination : std::uint8_t { outside, other_council, agency };

enum class RecruitmentStage : std::uint8_t {
  closed,
  awaiting_applicant,  // advertised, waiting for a suitable applicant
  approving,           // an applicant is being assessed, until the offer
  offer_accepted,      // the new hire is working their own notice
  ready,               // the new hire could start, but the leaver is still working notice
};

enum class BookingStage : std::uint8_t {
  none,
  booked,           // the agency is looking: arrival event pending
  awaiting_supply,  // the market had nobody: waiting for the next available worker
};

// A region holds thousands of posts and workers, too many for the first-level cache,
// so each event's visit to one is likely a miss. The fields most events use come first
// and fill one 64-byte line, and the struct is aligned to lines: an event that needs
// only those (an agency worker arriving or leaving, an absence) loads one line, not the
// two or three an unaligned 88-byte struct spans. The rest (times a recruitment
// records) sit on a second line that only recruitment events load.
struct alignas(64) Post {
  // First line.
  double agency_cost_per_day = 0;  // what the agency worker in the post costs
  double booked_at = 0;
  kernel::EventHandle agency_event;  // pending arrival while booked, or assignment end
  kernel::EventHandle recruitment_event;
  std::uint32_t role = 0;                // index into the model's flattened authority-role table
  std::uint32_t holder = kNone;          // permanent worker
  std::uint32_t agency_worker = kNone;   // agency worker in the post
  std::uint32_t candidate = kNone;       // the applicant, if they came from the region's pool
  std::uint32_t booking_serial = 0;      // tells stale market-queue entries apart
  std::uint32_t recruitment_serial = 0;  // tells stale applicant-queue entries apart
  BookingStage booking = BookingStage::none;
  RecruitmentStage recruitment = RecruitmentStage::closed;
  bool temporary = false;  // temporary establishment: covered by agency only
  bool induction_event_pending = false;
  // Second line.
  double recruitment_opened_at = 0;
  double applicant_at = 0;     // when the current applicant came forward
  double inducting_until = 0;  // agency cover stays beside a new starter until then
};

enum class WorkerState : std::uint8_t {
  permanent,    // holds a post (working, on notice or absent)
  agency,       // covering a post as agency
  agency_idle,  // in the agency market, available
  seeking,      // in the region's pool, seeking a permanent post
  candidate,    // in a recruitment pipeline, from the pool
  gone,         // left the region or the profession; the slot is free
};

// Aligned and ordered like Post: the first line holds what every event on a worker
// uses; the history (read only when a rule might bar them, written when they leave a
// post) and the eligibility recheck of a barred idle worker are on the second.
struct alignas(64) Worker {
  // First line.
  kernel::EventHandle tenure_event;         // notice, then leaving
  kernel::EventHandle absence_event;        // next absence start, or the current one's end
  kernel::EventHandle conversion_event;     // agency: taking a permanent post
  double may_be_refused_until = -kForever;  // RuleBook::may_refuse_until(history), kept with it
  double bond_until = 0;                    // no resignation before this (a trainee's bond)
  std::uint32_t post = kNone;               // held (permanent), covered (agency) or applied for (candidate)
  std::uint32_t market = 0;                 // the role name's labour market
  std::uint32_t failed_post = kNone;        // the post whose offer to them last fell through
  std::uint32_t refusal_row = kNone;        // the worker's row in this period's refusal flags, if any
  WorkerState state = WorkerState::gone;
  Destination destination = Destination::outside;
  bool absent = false;
  bool on_notice = false;
  // Second line.
  WorkerHistory history;
  double eligibility_at = 0;              // when eligibility_event is due
  kernel::EventHandle eligibility_event;  // idle agency: a rule stops refusing them
};

static_assert(sizeof(Post) == 128 && offsetof(Post, recruitment_opened_at) == 64, "Post's first line is full");
static_assert(sizeof(Worker) == 128 && offsetof(Worker, history) == 64, "Worker's first line is full");

// What one post contributes to its authority's cover tallies.
struct CoverContribution {
  int vacant = 0;  // permanent establishment without a permanent worker
  int unfilled_temporary = 0;
  int absent = 0;
  int agency_vacancy = 0;
  int agency_absence = 0;
};

// Running tallies for one authority: snapshots kept current, flows since the last
// period end, and cost integrals over time.
struct AuthorityTally {
  // snapshots
  int permanent_headcount = 0;
  double permanent_fte = 0;
  int agency_headcount = 0;
  int vacancies = 0;
  int unfilled_temporary = 0;
  int absences = 0;
  int agency_covering_vacancies = 0;
  int agency_covering_absences = 0;
  int recruitments_open = 0;
  int bookings_waiting = 0;
  // flows
  int starters_permanent = 0;
  int starters_agency = 0;
  int leavers_permanent = 0;
  int leavers_by_destination[3] = {0, 0, 0};
  int leavers_agency = 0;
  int offers_failed = 0;
  int engagements_refused = 0;
  int leakage = 0;
  int conversions = 0;
  int starters_from_pool = 0;
  double offer_days_sum = 0;
  int offers_accepted = 0;
  double start_days_sum = 0;
  double fill_days_sum = 0;
  double agency_hire_days_sum = 0;
  // integrals: rates (per day) and their accumulated areas since the last period end
  double permanent_cost_rate = 0;
  double agency_cost_rate = 0;
  double agency_hours_rate = 0;
  double policy_cost_rate = 0;  // GBP a day: supplements, running costs of levers
  double policy_cost = 0;       // since the last period end, one-off costs included
  double sickness_rate = 0;
  double permanent_cost = 0;
  double agency_cost = 0;
  double agency_hours = 0;
  double sickness_expected = 0;
  double accrued_until = 0;

  void accrue(double now) {
    const double dt = now - accrued_until;
    permanent_cost += permanent_cost_rate * dt;
    agency_cost += agency_cost_rate * dt;
    agency_hours += agency_hours_rate * dt;
    policy_cost += policy_cost_rate * dt;
    sickness_expected += sickness_rate * dt;
    accrued_until = now;
  }

  void apply(const CoverContribution& c, int sign) {
    vacancies += sign * c.vacant;
    unfilled_temporary += sign * c.unfilled_temporary;
    absences += sign * c.absent;
    agency_covering_vacancies += sign * c.agency_vacancy;
    agency_covering_absences += sign * c.agency_absence;
  }

  void reset_flows() {
    starters_permanent = starters_agency = leavers_permanent = leavers_agency = 0;
    leavers_by_destination[0] = leavers_by_destination[1] = leavers_by_destination[2] = 0;
    offers_failed = offers_accepted = 0;
    engagements_refused = leakage = conversions = starters_from_pool = 0;
    offer_days_sum = start_days_sum = fill_days_sum = agency_hire_days_sum = 0;
    permanent_cost = agency_cost = agency_hours = sickness_expected = policy_cost = 0;
  }

  // Adds another authority's tallies: the region's row is the sum of its authorities'.
  AuthorityTally& operator+=(const AuthorityTally& o);
};

}  // namespace wfsim::model
