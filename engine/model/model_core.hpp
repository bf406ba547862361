#pragma once
// What every component of the workforce model shares: the scenario, the clock and
// its event routes, the random streams, the store of posts and workers, each
// authority's tallies and the flow matrix. Components own everything else.

#include <cstdint>
#include <vector>

#include "kernel/simulator.hpp"
#include "model/authority_tally.hpp"
#include "model/event_routes.hpp"
#include "model/flow_matrix.hpp"
#include "model/model_streams.hpp"
#include "model/parameters.hpp"
#include "model/role_table.hpp"
#include "model/workforce_store.hpp"

namespace wfsim::model {

class EngagementRules;

// Reporting periods: calendar months from the start date to the end date.
std::vector<std::int64_t> period_end_days(std::int64_t start_day, std::int64_t end_day);
// Each authority's region index (0 for all when the scenario lists no regions).
std::vector<std::uint32_t> region_of_authorities(const ModelParameters& parameters);

struct ModelCore {
  explicit ModelCore(const ModelParameters& parameters);

  const ModelParameters& parameters;
  const RoleTable roles;
  const std::vector<std::int64_t> period_ends;  // days since 1970-01-01
  kernel::Simulator sim;
  EventRoutes routes;
  ModelStreams streams;
  WorkforceStore store;
  std::vector<AuthorityTally> tallies;
  FlowMatrix flows;
  // Set when the model is wired: a new worker's history is handed to the rules.
  EngagementRules* rules = nullptr;
  // Per authority: exp of the workload term of workers' utility, from the staffing at
  // the last period end (workers know a council's workload by reputation, not by the
  // day). 1 until the first period end.
  std::vector<double> workload_weight;
  // Counts the changes of workload_weight (never reset), so a cache of weights built
  // from them knows when it is stale.
  std::uint64_t workload_changes = 0;
  void refresh_workload_weights();
  void reset_workload_weights();  // 1 everywhere, as at the start

  double now() const { return sim.now(); }
  const RoleInfo& role_of(const Post& p) const { return roles[p.role]; }
  AuthorityTally& tally_of(const Post& p) { return tallies[roles[p.role].authority]; }
  kernel::RandomStream& stream(const RoleInfo& role, Process process) { return streams.role(role, process); }
  // Queues the worker's next look at the vacancies (an event of `type`) at `time`,
  // unless one is due sooner: when a rule stops refusing them, or when they next review
  // what is on offer.
  void review_at(std::uint32_t worker, double time, std::uint32_t type);
  // Where a worker new to the region's labour market `market` lives: an authority of
  // the market in proportion to its permanent posts, drawn from `stream` (the stream of
  // the inflow that brings them, or of the market a mover comes from: random_processes.hpp).
  std::uint32_t draw_home(std::uint32_t market, kernel::RandomStream& stream);
  // A worker new to the region, in labour market `market`, qualified
  // `experience_days` ago. (Defined in engagement_rules.hpp, which every component
  // that creates workers includes, so the rules' common case stays inline.)
  inline std::uint32_t new_worker(std::uint32_t market, double experience_days);
};

}  // namespace wfsim::model
