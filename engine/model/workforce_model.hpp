#pragma once
// The workforce model: permanent and agency workers moving through posts of one or
// more authorities, driven by the discrete-event kernel.
//
// One WorkforceModel is built per thread and reused for many replications: run()
// resets its state (keeping allocated memory) and simulates one replication.

#include <cstdint>
#include <vector>

#include "kernel/random_stream.hpp"
#include "kernel/simulator.hpp"
#include "model/fifo.hpp"
#include "model/parameters.hpp"
#include "model/random_processes.hpp"
#include "model/series_table.hpp"
#include "model/workforce_state.hpp"

namespace wfsim::model {

// Reporting periods: calendar months from the start date to the end date.
std::vector<std::int64_t> period_end_days(std::int64_t start_day, std::int64_t end_day);

// The hazard of giving notice (per day) that makes leavers per year over headcount
// equal `turnover_per_year` when notices last `mean_notice_days` on average.
double notice_hazard_per_day(double turnover_per_year, double mean_notice_days);

class WorkforceModel {
 public:
  explicit WorkforceModel(const ModelParameters& parameters);

  // Simulates replication `replication` of master seed `seed` into `out`, which must
  // have shape (authorities, periods()). Returns the number of events processed.
  std::uint64_t run(std::uint64_t seed, std::uint64_t replication, SeriesTable& out);

  std::size_t periods() const { return period_ends_.size(); }
  const std::vector<std::int64_t>& period_end_days() const { return period_ends_; }

  // The kernel calls this for every event.
  void handle(const kernel::Event& event);

 private:
  // Per authority and role: parameters converted to per-day rates, and the queues
  // that belong to that role.
  struct RoleRuntime {
    const Role* role = nullptr;
    std::uint32_t authority = 0;
    std::uint32_t market = kNone;  // index into markets_, or kNone for unlimited supply
    double tenure_rate = 0;        // per day
    double absence_rate = 0;       // per day, all kinds
    double agency_leave_rate = 0;  // per day
    double applicant_rate = 0;     // per day; infinite if unlimited
    double permanent_cost_per_day = 0;
    double agency_cost_per_day = 0;
    double sickness_per_day = 0;
    Fifo<std::uint32_t> waiting_for_applicant;  // posts
    kernel::EventHandle applicant_event;
  };
  struct Market {
    const AgencySupply* supply = nullptr;
    double joining_rate = 0;  // per day
    double leaving_rate = 0;  // per idle worker per day
    long idle = 0;
    struct Waiting {
      std::uint32_t post;
      std::uint32_t serial;
    };
    Fifo<Waiting> waiting;
    kernel::EventHandle join_event;
    kernel::EventHandle leave_event;
  };

  void reset(std::uint64_t seed, std::uint64_t replication);
  void set_up_initial_state();
  kernel::RandomStream& stream(std::uint32_t authority, Process process);
  kernel::RandomStream& market_stream(std::uint32_t market) {
    return stream(static_cast<std::uint32_t>(tallies_.size()) + market, Process::agency_market);
  }

  // Event handlers.
  void on_period_end();
  void on_notice(std::uint32_t worker);
  void on_leave(std::uint32_t worker);
  void on_absence_start(std::uint32_t worker);
  void on_absence_end(std::uint32_t worker);
  void on_offer_due(std::uint32_t post);
  void on_applicant(std::uint32_t role);
  void seek_applicant(std::uint32_t post);
  void consider_applicant(std::uint32_t post);
  void on_replacement_ready(std::uint32_t post);
  void on_agency_arrival(std::uint32_t post);
  void on_agency_assignment_end(std::uint32_t post);
  void on_market_join(std::uint32_t market);
  void on_market_leave(std::uint32_t market);

  // State changes; each keeps the tallies right.
  std::uint32_t hire_permanent(std::uint32_t post);
  void schedule_tenure_and_absence(std::uint32_t worker);
  void start_permanent(std::uint32_t post);
  void set_absent(std::uint32_t worker, bool absent);
  void begin_absence(std::uint32_t worker);
  void agency_arrives(std::uint32_t post);
  void agency_departs(std::uint32_t post, bool back_to_market);
  void open_recruitment(std::uint32_t post);
  void book_agency(std::uint32_t post);
  void cancel_booking(std::uint32_t post);
  // Books or releases agency cover so that a post has cover exactly when it needs it.
  void review_cover(std::uint32_t post);
  bool needs_cover(const Post& p) const;
  CoverContribution contribution(const Post& p) const;
  AuthorityTally& tally_of(const Post& p) { return tallies_[roles_[p.role].authority]; }

  // Agency market.
  bool take_from_market(std::uint32_t post);
  void return_to_market(std::uint32_t role);
  void reschedule_market_leaving(std::uint32_t market);

  void record_period(std::size_t period);

  const ModelParameters& parameters_;
  std::vector<std::int64_t> period_ends_;  // days since 1970-01-01
  kernel::Simulator sim_;
  std::vector<RoleRuntime> roles_;
  std::vector<Market> markets_;
  std::vector<kernel::RandomStream> streams_;  // authority x process, plus the markets
  std::vector<Post> posts_;
  std::vector<Worker> workers_;
  std::vector<std::uint32_t> free_workers_;
  std::vector<AuthorityTally> tallies_;
  std::vector<int> permanent_posts_;  // per authority
  std::size_t next_period_ = 0;
  SeriesTable* out_ = nullptr;
};

}  // namespace wfsim::model
