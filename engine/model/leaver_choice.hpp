#pragma once
// Where a permanent worker who gives notice means to go: out of councils' children's
// social work, to a permanent post at another council, or to agency work.
//
// The role's destination shares are the choice when no rule bars the leaver and pay is
// as at the start. Each option's utility then moves by the change in its inclusive
// value, the log of the sum over where it could be taken up of exp(utility) (a nested
// logit; docs/labour-market.md). Agency work: each council of the region at its pay
// rate under the caps of the day the leaver leaves and the leaver's travel, less the
// cost of waiting out any cooling-off bar it sets (a council whose bar outlasts the
// horizon is closed), and agency work outside the region. A permanent post: each other
// council at its pay on the day the leaver leaves. So a cooling-off rule or a cap makes fewer
// leavers choose agency work, and a neighbour's supplement draws more of them to its
// posts.

#include <cstdint>
#include <optional>
#include <vector>

#include "model/agency_prices.hpp"
#include "model/model_core.hpp"
#include "model/travel_weights.hpp"

namespace wfsim::model {

class EngagementRules;
class Levers;

class LeaverChoice {
 public:
  LeaverChoice(ModelCore& core, const EngagementRules& rules, const Levers& levers);
  // The inclusive values at the start's pay with nothing barred: the baseline the
  // shares describe. After the levers' pay at the start is set.
  void start();
  // The destination of a worker giving notice now who will leave at `leaves_at`, from
  // the uniform `u`; the worker's history (redundancy) is drawn already.
  Destination choose(std::uint32_t worker, double u, double leaves_at);

 private:
  double agency_value(std::uint32_t role, const WorkerHistory& leaver, double leaves_at);
  double permanent_value(std::uint32_t role, double leaves_at);
  // The span of the rule book's change times that `t` falls in (0 before the first).
  std::size_t span_of(double t) const;
  // The agency prices under the rules in force in `span` (`t` a time in it), worked out
  // when a leaver first expects to leave in it.
  const AgencyPrices& prices_in(std::size_t span, double t);
  // Per role and pay tier (RuleBook::pay_tier): exp(utility) of agency work at each
  // council of its market (pay and travel) at the prices of `span`.
  const std::vector<double>& agency_weights(std::uint32_t role, std::uint32_t tier, std::size_t span, double t);
  bool weighs_agency(std::uint32_t role) const;     // agency leavers reach the region's market
  bool weighs_permanent(std::uint32_t role) const;  // movers reach its pool, and other councils exist

  ModelCore& core_;
  const EngagementRules& rules_;
  const Levers& levers_;
  std::vector<double> agency_base_;     // per role
  std::vector<double> permanent_base_;  // per role
  struct Cache {
    // What the cache was worked out for: agency, the span of the rules' change times;
    // permanent, the span of the levers' dates (Levers::pay_span).
    std::uint64_t version = UINT64_MAX;
    std::vector<double> weights;  // agency: per council of the market
    double value = 0;             // permanent: the inclusive value
  };
  std::vector<Cache> agency_cache_;  // per role and pay tier (agency_weights)
  // Per span of the change times, the prices a leaver expecting to leave in it weighs:
  // a cap weighed at the prices of the day of notice reached leavers one notice late,
  // where the cooling-off rules they weigh are those of the day they leave (an audit).
  // Cleared at each replication's start, as the market's own prices are worked out.
  std::vector<std::optional<AgencyPrices>> prices_by_span_;
  std::vector<Cache> permanent_cache_;  // per role
  double outside_weight_;               // exp of the utility of agency work outside the region (fixed for the run)
  const TravelWeights travel_weights_;
  std::vector<double> bars_;  // per rule, reused
  // Which of the barring rules refuse a leaver from a role at each council of its
  // market, for a set of barring rules and a span of time in which no rule or
  // membership changes: the same for every such leaver (RuleTerms::keeps_from).
  struct Refusals {
    std::uint32_t barring;                  // a bit per rule whose bar outlasts the leaving
    std::size_t span;                       // index into the rule book's change times
    std::vector<std::uint32_t> by_council;  // a bit per rule refusing there
    // Per council, then per rule refusing there: when the rule, or the council's
    // membership of it, ends (RuleBook::refusal_ends of an endless bar). Fixed within
    // the span, so a leaver's wait at a council is their bar's end, or this if earlier,
    // without asking the rule book again for every council.
    std::vector<double> ends;
  };
  const Refusals& refusals(std::uint32_t role, std::uint32_t barring, const WorkerHistory& leaver, double leaves_at,
                           std::size_t span);
  std::vector<std::vector<Refusals>> refusals_;  // per role: those met so far, kept across replications
  std::vector<double> change_times_;
};

}  // namespace wfsim::model
