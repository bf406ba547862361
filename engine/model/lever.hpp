#pragma once
// What a recruitment or retention lever does. Each kind of lever (a campaign, a market
// supplement, a trainee cohort...) is a Lever type in engine/kinds/, registered by name
// with its scenario keys and loader (scenario/kind_registry.hpp); a Policy is one
// authority's use of a lever, for one role, between two dates. See docs/policies.md.

#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "kernel/random_stream.hpp"

namespace wfsim::model {

// A role's rates under the levers in force, built up lever by lever in the order the
// authority lists them, from the role's own rates.
struct LeverEffect {
  double applicants_per_day = 0;
  double notice_hazard_per_day = 0;
  double premium_per_worker_per_day = 0;  // supplements and retention payments (GBP)
  // The part of it already paid when the role's turnover and applicants were measured
  // (`already_paid`): pay is set against the salary with it, not against salary alone.
  double premium_already_paid_per_worker_per_day = 0;
  double induction_overlap_days = 0;  // agency kept beside a new starter
  double max_agency_share = 1;        // no booking that would take the share above it
};

// What a lever that acts through events (a trainee cohort) may do in the model. Steps
// are numbered by the lever; each is delivered back to it with its policy's index.
struct Policy;
struct Role;

class LeverSteps {
 public:
  virtual ~LeverSteps() = default;
  virtual double now() const = 0;
  virtual const Policy& policy(std::uint32_t index) const = 0;
  virtual std::int64_t start_day() const = 0;  // days since 1970-01-01 of simulated day 0
  virtual void schedule_at(double time, std::uint32_t policy, std::uint32_t step) = 0;
  virtual void schedule_in(double delay, std::uint32_t policy, std::uint32_t step) = 0;
  // As schedule_in, for a step at which a trainee will qualify (trainee_qualifies): the
  // trainees qualifying at one instant are placed together after the last of them.
  virtual void schedule_qualifying_in(double delay, std::uint32_t policy, std::uint32_t step) = 0;
  // The policy's own random stream, keyed by its authority and name (so no other
  // policy's presence or change moves its draws).
  virtual kernel::RandomStream& stream(std::uint32_t policy) = 0;
  // A cost to the policy's authority now (GBP).
  virtual void pay(std::uint32_t policy, double amount) = 0;
  // A trainee of the policy's role qualifies today, bound to stay `bond_days` at its council.
  virtual void trainee_qualifies(std::uint32_t policy, double bond_days) = 0;
};

class Lever {
 public:
  virtual ~Lever() = default;
  // While in force: how the lever changes its role's rates.
  virtual void shape(LeverEffect&) const {}
  // At the start of each replication: schedule the lever's first step, if it has any.
  virtual void start(LeverSteps&, std::uint32_t /*policy*/) const {}
  virtual void step(LeverSteps&, std::uint32_t /*policy*/, std::uint32_t /*step*/) const {}
  // What is valid but probably a slip in this lever's own keys, for a scenario's notes
  // (empty if nothing): `role` is the role it acts on, `start_day` simulated day 0,
  // `reported_from` the simulated day the results start (after any warm-up), `run_days`
  // the run's length.
  virtual std::string note(const Policy&, const Role& /*role*/, std::int64_t /*start_day*/, double /*reported_from*/,
                           double /*run_days*/) const {
    return "";
  }
  // The key by which this lever says it was in force before the start (a payment
  // already paid), which only a lever paid before the start may say; null if none.
  virtual const char* key_needing_the_start() const { return nullptr; }
};

struct Policy {
  std::string name;
  std::string kind;  // the registered kind's name
  std::string role;
  double from = -std::numeric_limits<double>::infinity();  // in force from..until (simulated days)
  double until = std::numeric_limits<double>::infinity();
  double one_off_cost = 0;   // paid when the policy starts (GBP)
  double cost_per_year = 0;  // running cost while in force (GBP a year)
  std::shared_ptr<const Lever> lever;
  bool in_force(double t) const { return from <= t && t < until; }
  // In force before the first day and on it: what a council was doing when the figures
  // a scenario starts from were measured, and still does at the start. (One that stopped
  // on the first day would leave the starting position, drawn at the rates in force
  // then, as if it had never been paid.)
  bool paid_before_start() const { return from < 0 && in_force(0); }
};

}  // namespace wfsim::model
