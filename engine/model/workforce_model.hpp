#pragma once
// The workforce model: permanent and agency workers moving through posts of one or
// more authorities, driven by the discrete-event kernel.
//
// The model is a set of components over a shared store of posts and workers
// (model_core.hpp), each owning its own state and handling its own events:
//
//   PermanentStaff  notices and leaving          Recruitment    the pipeline to a starter
//   Absences        long absences                AgencyCover    each post's agency cover
//   AgencyMarket    the region's agency workers  SeekingPool    seekers of permanent posts
//   EngagementRules cooling-off, caps, refusals  Levers         policies, workload feedback
//   LeaverChoice    where a leaver means to go
//   PeriodReport    the period-end snapshot (observes only)
//
// This class builds and wires them, sets up each replication's starting position, and
// runs the period-end cycle: report, then start the next period, then workload
// feedback. docs/development.md maps who owns what.
//
// One WorkforceModel is built per thread and reused for many replications: run()
// resets its state (keeping allocated memory) and simulates one replication.

#include <cstdint>
#include <memory>
#include <vector>

#include "model/absences.hpp"
#include "model/agency_cover.hpp"
#include "model/agency_market.hpp"
#include "model/engagement_rules.hpp"
#include "model/leaver_choice.hpp"
#include "model/levers.hpp"
#include "model/model_core.hpp"
#include "model/period_report.hpp"
#include "model/permanent_staff.hpp"
#include "model/recruitment.hpp"
#include "model/seeking_pool.hpp"
#include "model/series_table.hpp"

namespace wfsim::model {

class WorkforceModel {
 public:
  explicit WorkforceModel(const ModelParameters& parameters);
  WorkforceModel(const WorkforceModel&) = delete;
  WorkforceModel& operator=(const WorkforceModel&) = delete;

  // Simulates replication `replication` of master seed `seed` into `out`, which must
  // have the shape make_table() gives. Returns the number of events processed.
  std::uint64_t run(std::uint64_t seed, std::uint64_t replication, SeriesTable& out);
  // A flag that, raised, ends run() between two events with kernel::Stopped.
  void set_stop(const std::atomic<bool>* stop) { core_.sim.set_stop(stop); }

  // Rows of the series: one per authority, plus the region's total when there is more
  // than one authority.
  static std::size_t reported_rows(const ModelParameters& p) { return PeriodReport::rows(p); }
  // A table of this model's shape, its storage left to run() (SeriesTable::Deferred).
  SeriesTable make_table() const;
  std::size_t periods() const { return core_.period_ends.size(); }
  const std::vector<std::int64_t>& period_end_days() const { return core_.period_ends; }
  const FlowCategories& flow_categories() const { return core_.flows.categories(); }
  // Moves between categories, summed over every replication this model has run:
  // [from][to][period]. Integers, so the sum does not depend on the order of runs.
  std::vector<std::int64_t> flow_totals() const { return core_.flows.totals(); }

  // The kernel calls this for every event: the component that owns it handles it.
  void handle(const kernel::Event& event);

 private:
  void reset(std::uint64_t seed, std::uint64_t replication);
  // Everything run() does before its events: the starting position and the first
  // events queued, with `out` to record into. (Apart, so a test can stop a run part-way.)
  void start(std::uint64_t seed, std::uint64_t replication, SeriesTable& out);
  void set_up_starting_position();
  void run_to_end();
  void place_role(std::uint32_t role);
  // The role's initial agency workers, in the posts of place_role from `first` on.
  void place_agency_at_start(std::uint32_t role, std::uint32_t first);
  // With a warm start: opens the first day's recruitments and bookings part-way through.
  void open_part_way();
  void date_waiting_vacancies();  // backdates the openings of vacancies waiting for an applicant
  void on_period_end(std::uint32_t);
  void on_warmup_month_end(std::uint32_t);
  void on_warmup_end(std::uint32_t);
  // How much of a month a warm-up's month end closes: a whole calendar month (its
  // leavers and headcount count towards turnover_12m), part of one (the run started
  // part-way through it), or a month the warm-up's end cuts short (reporting starts
  // part-way through it: no feedback step, as the month has not ended).
  enum class WarmupMonth { whole, part, cut_short };
  // A warm-up month ends as a reported period does, but for the snapshot.
  void close_warmup_month(WarmupMonth month);
  void audit() const;
  // tests/test_region.cpp: breaks a tally and a link after a run, to show the audit the
  // other tests rely on can fail.
  friend struct AuditProbe;

  ModelCore core_;
  PermanentStaff staff_;
  Absences absences_;
  Recruitment recruitment_;
  AgencyCover cover_;
  AgencyMarket market_;
  SeekingPool seeking_;
  EngagementRules rules_;
  Levers levers_;
  LeaverChoice choice_;
  PeriodReport report_;
  std::uint32_t period_end_event_, warmup_month_end_event_, warmup_end_event_;
  std::size_t next_period_ = 0;
  // The warm-up's month ends (the 1sts after the start and before reporting starts).
  std::vector<std::int64_t> warmup_month_ends_;
  std::size_t next_warmup_month_ = 0;
  std::uint32_t handling_ = 0;  // the event type being handled, for errors
  SeriesTable* out_ = nullptr;
  std::vector<std::uint32_t> post_order_;     // the set-up's drawn order of posts
  std::vector<std::uint64_t> post_keys_;      // each post's draw for that order, with the post
  std::vector<bool> starts_absent_;           // the set-up's, without the warm start: per post, holder absent
  std::vector<std::uint32_t> serving_order_;  // the set-up's: posts whose holder serves notice
  std::vector<std::uint32_t> vacant_order_;   // the set-up's: vacant posts, in the order they opened
  std::vector<double> notice_served_;         // the set-up's: per post, days of the holder's notice served, or -1
};

}  // namespace wfsim::model
