#pragma once
// The recruitment and retention levers each council pulls (policies), and workload
// feedback: what they make of each role's notice hazard, applicant rate, pay premium,
// running costs, induction overlap and agency-share cap, applied when a lever starts
// or ends and, for workload, at each period end. Levers that act through events
// (trainee cohorts) are run here too.
//
// Events: a lever starts or ends; a lever's own step (a cohort starting, a trainee
// qualifying).

#include <cstdint>
#include <map>
#include <vector>

#include "model/lever.hpp"
#include "model/model_core.hpp"

namespace wfsim::model {

class AgencyCover;
class PermanentStaff;
class Recruitment;

class Levers final : private LeverSteps {
 public:
  explicit Levers(ModelCore& core);
  void wire(PermanentStaff& staff, Recruitment& recruitment, AgencyCover& cover);
  void reset();
  // The rates in force at the start, before anyone is hired.
  void apply_initial() { apply(true); }
  // At the end of the starting position: levers starting on day 0 pay their one-off
  // cost, and levers with steps of their own queue the first.
  void start();
  // Queues the first time a lever starts or ends.
  void queue_changes();
  double premium_per_day(std::uint32_t role) const { return premium_per_day_[role]; }
  // What the premiums a permanent worker of `role` receives cost a day: their pay and
  // the employer's on-costs on it (policy_cost).
  double premium_cost_per_day(std::uint32_t role) const;
  // exp of the pay term of a seeker's utility at `role`: (pay with premiums / the
  // market's reference salary)^weight; and a count of the times it may have changed.
  double pay_weight(std::uint32_t role) const { return pay_weight_[role]; }
  std::uint64_t pay_changes() const { return pay_changes_; }
  // The same pay weights as they will stand at a time `t`, after the run's end too: a
  // leaver weighs the councils' pay on the day they expect to leave, not the day of
  // notice. The levers' premiums follow their dates alone, so the table is worked out
  // once for the run, a vector per span between the times a premium may start or end.
  std::size_t pay_span(double t) const;
  double pay_weight_in(std::size_t span, std::uint32_t role) const { return pay_weight_by_span_[span][role]; }
  // Workload feedback at a period end: this period-end's staffing sets each council's
  // notice hazards for the next period.
  void workload_step();

 private:
  struct PolicyRef {
    const Policy* policy;
    std::uint32_t role;    // RoleInfo index
    std::uint32_t stream;  // its own stream's handle in core_.streams
  };
  void on_change(std::uint32_t);
  void on_step(std::uint32_t subject);
  // Recomputes each role's rates and costs from the levers in force now; at the start,
  // without one-off costs (start() pays day 0's, in a drawn order).
  void apply(bool at_start);
  LeverEffect apply_levers(std::uint32_t role);
  // The role's levers in force at `t` applied to `effect`, in the order they are listed;
  // their running cost a day.
  double shape_in_force(std::uint32_t role, double t, LeverEffect& effect) const;
  // No lever of the authority's roles pays a premium or a running cost now.
  bool pays_nothing(std::uint32_t authority) const;
  double relative_pay(std::uint32_t role) const;
  // exp of the pay term of a seeker's utility at `role` with `premium_per_day` a worker.
  double pay_weight_with(std::uint32_t role, double premium_per_day) const;
  // The pay weights of each span between the levers' dates (pay_span).
  void tabulate_pay_weights();
  void apply_pay(std::uint32_t role, const LeverEffect& effect);
  // LeverSteps
  double now() const override { return core_.now(); }
  std::int64_t start_day() const override { return core_.parameters.start_day; }
  const Policy& policy(std::uint32_t index) const override { return *policies_[index].policy; }
  void schedule_at(double time, std::uint32_t policy, std::uint32_t step) override;
  void schedule_in(double delay, std::uint32_t policy, std::uint32_t step) override;
  void schedule_qualifying_in(double delay, std::uint32_t policy, std::uint32_t step) override;
  kernel::RandomStream& stream(std::uint32_t policy) override;
  void pay(std::uint32_t policy, double amount) override;
  void trainee_qualifies(std::uint32_t policy, double bond_days) override;
  // The trainees gathered at this instant join their councils, in a drawn order where
  // two routes meet.
  void place_qualified();

  ModelCore& core_;
  PermanentStaff* staff_ = nullptr;
  Recruitment* recruitment_ = nullptr;
  AgencyCover* cover_ = nullptr;
  std::uint32_t change_event_, step_event_;
  std::vector<PolicyRef> policies_;
  std::vector<double> changes_;  // when a lever starts or ends within the run (pay_times_'s first)
  std::size_t next_change_ = 0;
  // Per role.
  std::vector<double> premium_per_day_;                      // per permanent worker
  std::vector<double> premium_already_paid_per_day_;         // paid when the figures were: pay's reference
  std::vector<double> running_cost_per_day_;                 // levers' running costs
  std::vector<double> policy_factor_;                        // levers' effect on the notice hazard
  std::vector<double> workload_factor_;                      // workload feedback's effect on it
  std::vector<std::vector<std::uint32_t>> neighbour_roles_;  // whose pay a role's is set against
  std::vector<LeverEffect> effects_;                         // reused by apply()
  std::vector<std::uint32_t> policy_order_;                  // reused by start(): policies in a drawn order
  std::vector<double> pay_weight_;
  std::vector<double> pay_times_;                        // when a lever may start or end, after the run's end too
  std::vector<std::vector<double>> pay_weight_by_span_;  // per span of pay_times_, per role
  std::uint64_t pay_changes_ = 0;
  struct Qualified {
    std::uint32_t policy;
    double bond_days;
  };
  std::vector<Qualified> qualified_;  // trainees qualifying at this instant, not yet placed
  // Trainees yet to qualify, by the instant they will: the instant's trainees are placed
  // once none is left to come (and no lever step is next: a cohort starting at the same
  // instant may queue more), however other events at that instant fall between them.
  std::map<double, std::uint32_t> qualifying_;
};

}  // namespace wfsim::model
