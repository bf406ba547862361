#include "model/pool_limit.hpp"

#include <string>

#include "model/runaway_error.hpp"

namespace wfsim::model {

std::size_t market_posts(const ModelParameters& parameters, const std::string& role, std::uint32_t region) {
  std::size_t posts = 0;
  for (const Authority& a : parameters.authorities) {
    if (a.region != region) continue;
    for (const Role& r : a.roles) {
      if (r.name == role) posts += static_cast<std::size_t>(r.permanent_posts + r.temporary_posts);
    }
  }
  return posts;
}

void throw_crowded_pool(const ModelParameters& parameters, const MarketInfo& market, PoolKind kind) {
  const std::string where = parameters.regions.empty() ? std::string("the scenario's region")
                                                       : "region '" + parameters.regions[market.region].name + "'";
  const bool idle = kind == PoolKind::idle_agency;
  throw RunawayError("the " + market.role + " market of " + where + " holds more than " +
                     std::to_string(pool_limit(market.posts)) + (idle ? " idle agency workers" : " seekers") + " (" +
                     std::to_string(kPoolFloor) + " plus " + std::to_string(kPoolPerPost) + " for each of its " +
                     std::to_string(market.posts) +
                     " posts): a rate makes workers without bound, far faster than posts take them (" +
                     (idle ? "agency_supply joining_per_year or available_at_start, supply_elasticity with "
                             "outside_pay_per_hour or the councils' agency pay?"
                           : "a labour pool's arrivals_per_year, returners_per_year or newly_qualified per_year, "
                             "with leaving_per_year?") +
                     ")");
}

}  // namespace wfsim::model
