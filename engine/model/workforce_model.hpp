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
#include "model/agency_rules.hpp"
#include "model/departure_pool.hpp"
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

// Categories of the flow matrix: permanent and agency at each authority, then the
// region's agency pool, the pool seeking permanent posts, and outside the region.
struct FlowCategories {
  std::uint32_t authorities = 0;
  std::uint32_t permanent(std::uint32_t a) const { return a; }
  std::uint32_t agency(std::uint32_t a) const { return authorities + a; }
  std::uint32_t agency_pool() const { return 2 * authorities; }
  std::uint32_t seeking() const { return 2 * authorities + 1; }
  std::uint32_t outside() const { return 2 * authorities + 2; }
  std::uint32_t count() const { return 2 * authorities + 3; }
};

class WorkforceModel {
 public:
  explicit WorkforceModel(const ModelParameters& parameters);

  // Simulates replication `replication` of master seed `seed` into `out`, which must
  // have the shape series_shape() gives. Returns the number of events processed.
  std::uint64_t run(std::uint64_t seed, std::uint64_t replication, SeriesTable& out);

  // Rows of the series: one per authority, plus the region's total when there is more
  // than one authority.
  static std::size_t reported_rows(const ModelParameters& p) {
    return p.authorities.size() + (p.authorities.size() > 1 ? 1 : 0);
  }
  SeriesTable make_table() const {
    return SeriesTable(reported_rows(parameters_), periods(), parameters_.rules.size());
  }
  std::size_t periods() const { return period_ends_.size(); }
  const std::vector<std::int64_t>& period_end_days() const { return period_ends_; }
  const FlowCategories& flow_categories() const { return categories_; }
  // Moves between categories, summed over every replication this model has run:
  // [from][to][period]. Integers, so the sum does not depend on the order of runs.
  std::vector<std::int64_t> flow_totals() const;

  // The kernel calls this for every event.
  void handle(const kernel::Event& event);

 private:
  // Per authority and role: parameters converted to per-day rates, and the queues
  // that belong to that role.
  struct RoleRuntime {
    const Role* role = nullptr;
    std::uint32_t authority = 0;
    std::uint32_t market = 0;      // the role name's labour market
    double tenure_rate = 0;        // per day
    double absence_rate = 0;       // per day, all kinds
    double agency_leave_rate = 0;  // per day
    double conversion_rate = 0;    // per day
    double applicant_rate = 0;     // per day; infinite if unlimited
    double permanent_cost_per_day = 0;
    double sickness_per_day = 0;
    // A post in one of the role's queues, with the post's serial when it joined: an
    // entry whose post has since left the queue's stage, or rejoined it (a new serial),
    // is stale and skipped, so a post is served by its latest place in line only.
    struct QueuedPost {
      std::uint32_t post;
      std::uint32_t serial;
    };
    Fifo<QueuedPost> waiting_for_applicant;  // recruitments waiting for an applicant, oldest first
    kernel::EventHandle applicant_event;
    double agency_rate_per_hour = 0;  // what this council pays now, caps applied
    double base_tenure_rate = 0;      // before any policy
    double base_applicant_rate = 0;
    double premium_per_day = 0;         // supplements and retention payments, per worker
    double running_cost_per_day = 0;    // levers' running costs
    int permanent = 0;                  // permanent workers in post
    double induction_overlap_days = 0;  // agency kept beside a new starter (a lever)
    double max_agency_share = 1;        // a cap on the authority's agency share (a lever)
    double policy_tenure_factor = 1;    // levers' effect on the notice hazard
    double workload_factor = 1;         // workload feedback's effect on it
    std::uint32_t first_post = 0;       // this role's posts are first_post..+post_count
    std::uint32_t post_count = 0;
    Fifo<std::uint32_t> trainees;         // qualified trainees waiting for a post here
    Fifo<QueuedPost> waiting_for_agency;  // bookings the market could not fill, oldest first
  };
  // The region's labour market for one role name: agency workers available, bookings
  // waiting for one, and workers seeking a permanent post.
  struct Market {
    std::string role;
    const AgencySupply* supply = nullptr;  // null: agency supply is unlimited
    const LabourPool* pool = nullptr;      // null: no regional pool of seekers
    std::vector<std::uint32_t> roles;      // RoleRuntime indices of this role name
    double joining_rate = 0;               // per day
    double leaving_rate = 0;               // per idle worker per day
    DeparturePool idle;                    // agency workers, longest idle first
    // The roles (councils) in the order the ranking strategy serves them when rates
    // decide; refreshed when a rule changes the rates.
    std::vector<std::uint32_t> rate_order;
    // The roles by salary, highest first (ties in scenario order): the order in which
    // highest_rate_first offers a seeker the councils' waiting posts.
    std::vector<std::uint32_t> salary_order;
    std::size_t awaiting_supply = 0;      // bookings waiting for an agency worker
    std::size_t awaiting_applicants = 0;  // recruitments waiting for an applicant
    DeparturePool seeking;                // workers seeking permanent posts, longest first
    kernel::EventHandle join_event, pool_arrival_event, cohort_event;
    bool finite() const { return supply != nullptr; }
  };

  void reset(std::uint64_t seed, std::uint64_t replication);
  void set_up_initial_state();
  kernel::RandomStream& stream(std::uint32_t authority, Process process);
  kernel::RandomStream& market_stream(std::uint32_t market, Process process) {
    return stream(static_cast<std::uint32_t>(tallies_.size()) + market, process);
  }

  // Event handlers.
  void on_period_end();
  void on_notice(std::uint32_t worker);
  void on_leave(std::uint32_t worker);
  void on_absence_start(std::uint32_t worker);
  void on_absence_end(std::uint32_t worker);
  void on_offer_due(std::uint32_t post);
  void on_applicant(std::uint32_t role);
  void on_replacement_ready(std::uint32_t post);
  void on_agency_arrival(std::uint32_t post);
  void on_agency_assignment_end(std::uint32_t post);
  void on_conversion(std::uint32_t worker);
  void on_eligibility(std::uint32_t worker);
  void on_market_join(std::uint32_t market);
  void on_market_leave(std::uint32_t market);
  void on_pool_arrival(std::uint32_t market);
  void on_cohort(std::uint32_t market);
  void on_seeker_leave(std::uint32_t market);
  void on_rule_change();
  void on_policy_change();
  void on_warmup_end();
  void on_cohort_start(std::uint32_t policy);
  void on_trainee_qualified(std::uint32_t policy);

  // Workers.
  std::uint32_t new_worker(std::uint32_t market, double experience_days);
  void retire_worker(std::uint32_t worker);
  // Works out again what the rules make of a worker's history, after it changed.
  void note_history(std::uint32_t worker);
  const double* rule_bars(std::uint32_t worker) const { return rule_bars_.data() + worker * rule_book_.rules().size(); }

  // State changes; each keeps the tallies right.
  void hire_permanent(std::uint32_t post, std::uint32_t worker);
  void schedule_tenure_and_absence(std::uint32_t worker);
  void schedule_tenure(std::uint32_t worker);
  // Sets a role's notice hazard, redrawing pending notices only if it changed.
  void retune_tenure(std::uint32_t role, double rate);
  void apply_workload(std::uint32_t authority, double caseload_ratio);
  // Levers: recompute each role's rates and costs from the policies in force now,
  // redrawing pending notices and applicants whose rates changed.
  void apply_policies(bool pay_one_off_costs);
  bool in_force(const Policy& p) const { return p.from <= sim_.now() && sim_.now() < p.until; }
  void start_permanent(std::uint32_t post);
  void set_absent(std::uint32_t worker, bool absent);
  void begin_absence(std::uint32_t worker);
  void open_recruitment(std::uint32_t post);
  void seek_applicant(std::uint32_t post);
  void consider_applicant(std::uint32_t post, std::uint32_t candidate);
  void agency_arrives(std::uint32_t post, std::uint32_t worker);
  // Removes the agency worker from a post; returns who it was.
  std::uint32_t agency_departs(std::uint32_t post);
  void book_agency(std::uint32_t post);
  // Whether one more agency booking would take the authority's agency share, counting
  // bookings under way, above the cap on the post's role.
  bool over_agency_cap(const Post& p) const;
  // Books posts left uncovered by the cap, while the authority is under it.
  void book_capped_posts(std::uint32_t authority);
  void cancel_booking(std::uint32_t post);
  // Books or releases agency cover so that a post has cover exactly when it needs it.
  void review_cover(std::uint32_t post);
  bool needs_cover(const Post& p) const;
  CoverContribution contribution(const Post& p) const;
  AuthorityTally& tally_of(const Post& p) { return tallies_[roles_[p.role].authority]; }
  double agency_rate_per_hour(const Post& p) const;

  // The agency market and the rules on engagement.
  enum class Eligibility { eligible, refused };
  Eligibility screen(std::uint32_t worker, std::uint32_t post);
  std::uint32_t* refusal_marks(std::uint32_t worker);  // the worker's row of this period's flags
  void make_available(std::uint32_t worker);           // an agency worker free for bookings
  void add_idle(std::uint32_t worker);
  void remove_idle(std::uint32_t worker);
  // A pool (idle agency workers, seekers) whose members each leave at a constant hazard
  // `rate_each` a day; `type` is the event of its earliest departure, for `market`.
  void join_pool(DeparturePool& pool, std::uint32_t worker, double rate_each, kernel::RandomStream& stream,
                 std::uint32_t type, std::uint32_t market);
  void take_from_pool(DeparturePool& pool, std::size_t index, std::uint32_t type, std::uint32_t market);
  void leave_pool(DeparturePool& pool, std::uint32_t from, std::uint32_t type, std::uint32_t market);
  void schedule_pool_departure(DeparturePool& pool, std::uint32_t type, std::uint32_t market);
  void reprice();  // recompute every council's agency rate and the markets' rate order
  // Drop cancelled bookings, or recruitments no longer waiting, from the front of a
  // role's queue; true if a live one remains.
  bool has_waiting_booking(RoleRuntime& role);
  bool has_waiting_recruitment(RoleRuntime& role);

  // The pool of workers seeking permanent posts.
  void seek_permanent(std::uint32_t worker);
  bool take_seeker(std::uint32_t post);
  void add_seeker(std::uint32_t worker);

  void flow(std::uint32_t from, std::uint32_t to);
  void count_period_flows();  // adds the period's logged moves to its flow matrix
  std::uint32_t category_of(std::uint32_t worker) const;
  void record_period(std::size_t period);
  void record_row(std::size_t row, const AuthorityTally& t, int permanent_posts, double cap, std::size_t period);
  void audit() const;

  const ModelParameters& parameters_;
  std::vector<std::int64_t> period_ends_;  // days since 1970-01-01
  RuleBook rule_book_;
  std::vector<double> rule_changes_;
  std::size_t next_rule_change_ = 0;
  struct PolicyRef {
    const Policy* policy;
    std::uint32_t role;  // RoleRuntime index
  };
  std::vector<PolicyRef> policies_;
  std::vector<double> policy_changes_;
  std::size_t next_policy_change_ = 0;
  FlowCategories categories_;
  kernel::Simulator sim_;
  std::vector<RoleRuntime> roles_;
  std::vector<Market> markets_;
  std::vector<kernel::RandomStream> streams_;  // authority x process, plus the markets
  std::vector<Post> posts_;
  std::vector<Worker> workers_;
  std::vector<std::uint32_t> free_workers_;
  // Per worker, per rule: RuleBook::bar_end of their history, kept with it (see
  // note_history), so screening a worker under a bar does not work the bar out again.
  // Read and kept only while the worker's may_be_refused_until is above -infinity.
  std::vector<double> rule_bars_;
  std::vector<AuthorityTally> tallies_;
  std::vector<int> permanent_posts_;  // per authority
  std::vector<int> total_posts_;      // per authority, temporary establishment included
  // Kept [period][from][to]; flow_totals() gives the reporting order. A move is only
  // logged when it happens (from * categories + to) and counted into its period's
  // matrix at the period's end: in a region the matrix is 41 x 41 cells, and an
  // increment at random into it, at every move, missed the cache more often than not.
  std::vector<std::int64_t> flows_;
  std::vector<std::uint32_t> flow_log_;
  std::vector<double> refused_by_rule_;  // this period
  std::vector<std::uint32_t> scratch_roles_;
  // This period's refusals, one row per worker refused: the worker, then a flag per
  // rule and per council whose refusal of them has been counted. Emptied each period.
  std::vector<std::uint32_t> refusal_rows_;
  std::size_t candidates_ = 0;
  std::vector<std::vector<std::uint32_t>> capped_posts_;  // per authority: left uncovered by a cap
  bool setting_up_ = false;
  bool warming_up_ = false;  // workers from the pool in a recruitment pipeline
  std::size_t next_period_ = 0;
  SeriesTable* out_ = nullptr;
};

}  // namespace wfsim::model
