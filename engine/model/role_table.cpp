#include "model/role_table.hpp"

#include <algorithm>
#include <cmath>

#include "model/pool_limit.hpp"

namespace wfsim::model {

double notice_hazard_per_day(double turnover_per_year, double mean_notice_days) {
  // Turnover is leavers per year over headcount, and headcount includes those working
  // notice, who cannot resign again. Each post then cycles through a tenure of mean
  // 1/h and a notice of mean n, so leavers / headcount = 1 / (1/h + n); solving for h
  // gives a hazard that reproduces the reported turnover exactly.
  const double turnover_per_day = turnover_per_year / kDaysPerYear;
  return turnover_per_day / (1.0 - turnover_per_day * mean_notice_days);
}

std::uint32_t RoleTable::market_of(const ModelParameters& parameters, const std::string& name, std::uint32_t region) {
  // One labour market per role name and region, in order of first appearance.
  for (std::uint32_t m = 0; m < markets_.size(); ++m) {
    if (markets_[m].role == name && markets_[m].region == region) return m;
  }
  MarketInfo market;
  market.role = name;
  market.region = region;
  for (const AgencySupply& s : parameters.agency_supply) {
    // A market whose starting supply is unlimited never runs short.
    if (s.role == name && s.region == region && s.limited()) market.supply = &s;
  }
  for (const LabourPool& pool : parameters.labour_pool) {
    if (pool.role == name && pool.region == region) market.pool = &pool;
  }
  if (market.supply) {
    market.joining_rate = market.supply->joining_per_year / kDaysPerYear;
    market.leaving_rate = market.supply->leaving_per_year / kDaysPerYear;
  }
  markets_.push_back(std::move(market));
  return static_cast<std::uint32_t>(markets_.size() - 1);
}

void RoleTable::link_neighbouring_markets(const ModelParameters& parameters) {
  // Each market's counterparts, same role, in the neighbouring regions.
  for (MarketInfo& market : markets_) {
    if (parameters.regions.empty()) return;
    for (const std::uint32_t r : parameters.regions[market.region].neighbours) {
      for (std::uint32_t m = 0; m < markets_.size(); ++m) {
        if (markets_[m].region == r && markets_[m].role == market.role) market.neighbour_markets.push_back(m);
      }
    }
  }
}

// Each market's posts, where its newcomers live and its reference pay, from its roles.
void RoleTable::weigh_markets(const ModelParameters& parameters) {
  for (MarketInfo& market : markets_) {
    market.posts = market_posts(parameters, market.role, market.region);
    double posts = 0, salaries = 0, pay_rates = 0;
    for (const std::uint32_t r : market.roles) {
      const RoleInfo& role = roles_[r];
      const double weight = std::max(1u, role.permanent_posts);
      posts += weight;
      market.home_weights.push_back(posts);
      salaries += weight * role.salary;
      pay_rates += weight * agency_pay_rate(role.role->pay, role.role->pay.agency_rate_per_hour);
    }
    market.salary_reference = salaries / posts;
    market.agency_pay_reference = market.supply && market.supply->outside_pay_per_hour > 0
                                      ? market.supply->outside_pay_per_hour
                                      : pay_rates / posts;
  }
}

RoleTable::RoleTable(const ModelParameters& parameters)
    : regions_(std::max<std::uint32_t>(1, static_cast<std::uint32_t>(parameters.regions.size()))) {
  for (std::uint32_t a = 0; a < parameters.authorities.size(); ++a) {
    region_of_.push_back(parameters.authorities[a].region);
    int permanent = 0, all = 0;
    first_role_.push_back(static_cast<std::uint32_t>(roles_.size()));
    for (const Role& role : parameters.authorities[a].roles) {
      RoleInfo r;
      r.role = &role;
      r.authority = a;
      r.within_authority = static_cast<std::uint32_t>(roles_.size()) - first_role_.back();
      r.market = market_of(parameters, role.name, parameters.authorities[a].region);
      r.first_post = post_total_;
      r.permanent_posts = static_cast<std::uint32_t>(role.permanent_posts);
      post_total_ += static_cast<std::uint32_t>(role.permanent_posts + role.temporary_posts);
      r.notice_hazard = notice_hazard_per_day(role.turnover_per_year, role.notice.mean());
      for (const AbsenceKind& kind : role.absences) r.absence_rate += kind.starts_per_year / kDaysPerYear;
      r.agency_leave_rate = role.agency.leaving_per_year / kDaysPerYear;
      r.conversion_rate = role.agency.conversion_per_year / kDaysPerYear;
      r.applicant_rate = role.recruitment.applicants_per_year / kDaysPerYear;
      r.per_vacancy_rate = role.recruitment.applicants_per_vacancy_per_year / kDaysPerYear;
      r.seeker_appeal_factor = std::exp(role.recruitment.appeal_to_seekers);
      // Salaries and sickness are quoted per FTE; a worker costs and is off sick pro rata.
      r.permanent_cost_per_day =
          role.fte_per_worker * role.pay.salary_per_year * (1 + role.pay.on_cost_rate) / kDaysPerYear;
      r.sickness_per_day = role.fte_per_worker * role.short_sickness_days_per_year / kDaysPerYear;
      r.agency_hours_per_day = role.pay.hours_per_week / 7.0;
      r.salary = role.pay.salary_per_year;
      r.on_cost_factor = 1 + role.pay.on_cost_rate;
      markets_[r.market].roles.push_back(static_cast<std::uint32_t>(roles_.size()));
      markets_[r.market].authorities.push_back(a);
      roles_.push_back(r);
      permanent += role.permanent_posts;
      all += role.permanent_posts + role.temporary_posts;
    }
    permanent_posts_.push_back(permanent);
    all_posts_.push_back(all);
  }
  weigh_markets(parameters);
  link_neighbouring_markets(parameters);
  std::uint32_t next_group = authorities() + static_cast<std::uint32_t>(markets_.size()) + 1;
  for (RoleInfo& r : roles_) r.stream_group = r.within_authority == 0 ? r.authority : next_group++;
  const std::uint32_t n = authorities();
  travel_.assign(std::size_t{n} * n, static_cast<std::uint8_t>(Travel::region));
  for (std::uint32_t a = 0; a < n; ++a) {
    travel_[std::size_t{a} * n + a] = static_cast<std::uint8_t>(Travel::home);
    for (const std::uint32_t b : parameters.authorities[a].neighbours) {
      // Being neighbours is mutual, whichever of the two lists the other.
      travel_[std::size_t{a} * n + b] = travel_[std::size_t{b} * n + a] = static_cast<std::uint8_t>(Travel::neighbour);
    }
  }
}

}  // namespace wfsim::model
