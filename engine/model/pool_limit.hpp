#pragma once
// How many members a market's pool (its idle agency workers, its seekers of permanent
// posts) may hold before the run is stopped as one whose rates make workers without
// bound.
//
// Every booking weighs each idle worker, and each departure from a pool looks for the
// earliest among its members, so a pool's cost per event grows with its size and a
// run's cost with its square. A joining rate of 100,000 a year into a market of 104
// posts built a pool of 33,000 idle workers and took 10 s for 18 months of two
// replications, 1e6 a year more than 100 s, well short of the store's limit of workers
// in all (workforce_store.hpp). No real scenario comes near the limit: in every
// shipped scenario the workers in all states peak at 1.16 per post (10 years). At 50
// a post, the South East's 5,259 posts allowed 272,950 seekers, and seekers arriving
// at 1e5 a year took 100 s for two replications before they passed it; at 5 a post
// the run stops within a second.

#include <cstddef>

#include "model/parameters.hpp"
#include "model/role_table.hpp"

namespace wfsim::model {

enum class PoolKind { idle_agency, seeking };

// The most members a pool of a market with `posts` posts (permanent and temporary,
// every authority's) may hold.
inline constexpr std::size_t kPoolFloor = 10'000;
inline constexpr std::size_t kPoolPerPost = 5;
constexpr std::size_t pool_limit(std::size_t posts) { return kPoolFloor + kPoolPerPost * posts; }

// The posts, permanent and temporary, of every role named `role` in region `region`:
// the size of that role's market there. The run bounds the market's pools by it
// (MarketInfo::posts), and the loader checks a scenario's start against the same figure.
std::size_t market_posts(const ModelParameters& parameters, const std::string& role, std::uint32_t region);

// Throws RunawayError, naming the market, its limit and the inputs that can cause it.
[[noreturn]] void throw_crowded_pool(const ModelParameters& parameters, const MarketInfo& market, PoolKind kind);

// Throws as throw_crowded_pool does if `size` is past the market's limit.
inline void check_pool_size(const ModelParameters& parameters, const MarketInfo& market, std::size_t size,
                            PoolKind kind) {
  if (size > pool_limit(market.posts)) throw_crowded_pool(parameters, market, kind);
}

}  // namespace wfsim::model
