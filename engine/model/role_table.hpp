#pragma once
// What the model derives once from the scenario for each authority's role and each
// labour market: rates per day, costs, where the role's posts lie in the store, and
// which roles share a market. Read-only while replications run.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/parameters.hpp"

namespace wfsim::model {

// The hazard of giving notice (per day) that makes leavers per year over headcount
// equal `turnover_per_year` when notices last `mean_notice_days` on average.
double notice_hazard_per_day(double turnover_per_year, double mean_notice_days);

struct RoleInfo {
  const Role* role = nullptr;
  std::uint32_t authority = 0;
  std::uint32_t within_authority = 0;  // its place among its authority's roles, 0 for the first
  // Its group of random streams in ModelStreams' layout (its authority's for the
  // authority's first role; else after the authorities', markets' and model's groups,
  // in role order), held here so that a draw finds its stream without a lookup.
  std::uint32_t stream_group = 0;
  std::uint32_t market = 0;      // the role name's labour market
  std::uint32_t first_post = 0;  // permanent posts first_post..+permanent_posts, then temporary
  std::uint32_t permanent_posts = 0;
  double notice_hazard = 0;  // per day, before any lever or workload feedback
  double absence_rate = 0;   // per day, all kinds
  double agency_leave_rate = 0;
  double conversion_rate = 0;
  double applicant_rate = 0;        // per day, before any lever; infinite if unlimited
  double per_vacancy_rate = 0;      // applicants per day per post waiting for one
  double seeker_appeal_factor = 1;  // e^appeal_to_seekers: a factor on its posts' weight for pool seekers
  double permanent_cost_per_day = 0;
  double sickness_per_day = 0;
  double agency_hours_per_day = 0;
  double salary = 0;  // a full-time salary before any lever (GBP a year)
  // What a pound of pay costs the employer: 1 + on-costs. A supplement or retention
  // payment is pay, and costs this much more than the worker receives.
  double on_cost_factor = 1;
};

// How far a worker travels from their home authority to work at another: the same
// authority, a neighbouring one, or elsewhere in the region.
enum class Travel : std::uint8_t { home, neighbour, region };

// One role name's labour market across the authorities.
struct MarketInfo {
  std::string role;
  std::uint32_t region = 0;
  const AgencySupply* supply = nullptr;    // null: agency supply is unlimited
  const LabourPool* pool = nullptr;        // null: no regional pool of seekers
  std::vector<std::uint32_t> roles;        // RoleInfo indices of this role name, in scenario order
  std::vector<std::uint32_t> authorities;  // each of `roles`' authority, so a choice among them reads one array
  std::size_t posts = 0;                   // permanent and temporary, over its authorities
  double joining_rate = 0;                 // agency workers per day, at the reference pay
  double leaving_rate = 0;                 // per idle agency worker per day
  // Where a worker new to the region lives: each authority of the market in proportion
  // to its permanent posts (cumulative, in the order of `roles`).
  std::vector<double> home_weights;
  double salary_reference = 0;      // the market's posts-weighted mean salary at the start
  double agency_pay_reference = 0;  // what agency work pays outside the region (GBP an hour)
  // The same role's markets in the neighbouring regions, where a worker leaving this
  // one may go (none in a scenario of one region).
  std::vector<std::uint32_t> neighbour_markets;
  bool finite() const { return supply != nullptr; }
  // Whether this market's permanent leavers have another council's posts to weigh (the
  // leaver's choice): a seeker never applies to the council they left, so in a market of
  // one council another council is outside the model (SeekingPool::may_apply_somewhere
  // is the same test for one worker, where they are sent on).
  bool movers_stay() const { return pool != nullptr && roles.size() > 1; }
};

class RoleTable {
 public:
  explicit RoleTable(const ModelParameters& parameters);

  std::uint32_t size() const { return static_cast<std::uint32_t>(roles_.size()); }
  const RoleInfo& operator[](std::uint32_t role) const { return roles_[role]; }
  const std::vector<RoleInfo>& roles() const { return roles_; }
  const std::vector<MarketInfo>& markets() const { return markets_; }
  const MarketInfo& market(std::uint32_t m) const { return markets_[m]; }
  std::uint32_t authorities() const { return static_cast<std::uint32_t>(permanent_posts_.size()); }
  std::uint32_t regions() const { return regions_; }
  std::uint32_t region_of(std::uint32_t authority) const { return region_of_[authority]; }
  int permanent_posts(std::uint32_t authority) const { return permanent_posts_[authority]; }
  std::uint32_t first_role(std::uint32_t authority) const { return first_role_[authority]; }
  int all_posts(std::uint32_t authority) const { return all_posts_[authority]; }  // temporary included
  std::uint32_t post_total() const { return post_total_; }
  Travel travel(std::uint32_t from, std::uint32_t to) const {
    return static_cast<Travel>(travel_[std::size_t{from} * authorities() + to]);
  }
  // An agency worker's pay rate for a charge rate of the role (before any cap).
  static double agency_pay_rate(const Pay& pay, double charge_rate) {
    return (charge_rate - pay.agency_margin_per_hour) / (1 + pay.agency_employer_costs);
  }

 private:
  std::uint32_t regions_ = 1;
  std::vector<std::uint32_t> region_of_;  // per authority
  std::uint32_t market_of(const ModelParameters& parameters, const std::string& name, std::uint32_t region);
  void link_neighbouring_markets(const ModelParameters& parameters);
  void weigh_markets(const ModelParameters& parameters);
  std::vector<RoleInfo> roles_;
  std::vector<MarketInfo> markets_;
  std::vector<int> permanent_posts_;
  std::vector<int> all_posts_;
  std::vector<std::uint32_t> first_role_;  // per authority: its roles follow on from here
  std::vector<std::uint8_t> travel_;       // authorities x authorities
  std::uint32_t post_total_ = 0;
};

}  // namespace wfsim::model
