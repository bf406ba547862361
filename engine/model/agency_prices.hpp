#pragma once
// What agency work costs and pays, with the rules' caps applied: each role's charge
// rate and worker's pay rate (on and off the supplier contract, for each pay tier of
// workers), the lowest cap binding it, the pay term of a worker's utility there, and
// each market's posts-weighted mean pay rate. Worked out again whenever the rules
// change (AgencyMarket::reprice).

#include <cstdint>
#include <vector>

#include "model/role_table.hpp"
#include "model/rule_book.hpp"

namespace wfsim::model {

struct Priced {
  double charge;
  double pay;
};

// A booking's charge rate and the worker's pay rate at `own_charge`, with the caps
// applied: each cap is turned into a cap on the worker's pay, and the charge follows
// from the pay. Also what a scenario's notes weigh a cap with.
Priced price(const Pay& pay, double own_charge, const AgencyCaps& caps);

// What a permanent worker in the role is paid an hour: the salary over the hours of a
// year of 365.25 days (what a permanent-equivalent cap caps at).
double permanent_pay_per_hour(const Pay& pay);

class AgencyPrices {
 public:
  AgencyPrices(std::size_t roles, std::size_t markets);
  // Works the prices out again for the rules in force at `now`, for every pay tier the
  // rule book has (RuleBook::pay_tier: the caps that bind only workers who qualified
  // after a date).
  void update(const RoleTable& roles, const RuleBook& book, double now, double agency_pay_weight);

  double charge_rate(std::uint32_t role, bool off_contract, std::uint32_t tier = 0) const {
    return (off_contract ? off_contract_charge_ : charge_)[at(role, tier)];
  }
  double pay_rate(std::uint32_t role, bool off_contract, std::uint32_t tier = 0) const {
    return (off_contract ? off_contract_pay_ : pay_)[at(role, tier)];
  }
  // The cap binding every worker (tier 0); infinity if none.
  double charge_cap(std::uint32_t role) const { return charge_cap_[role]; }
  // exp of the pay term of an agency worker's utility at `role`: (pay / reference)^weight.
  double pay_weight(std::uint32_t role, bool off_contract, std::uint32_t tier = 0) const {
    return (off_contract ? off_contract_pay_weight_ : pay_weight_)[at(role, tier)];
  }
  // A market's posts-weighted mean pay rate for workers of a pay tier.
  double market_pay(std::uint32_t market, std::uint32_t tier = 0) const {
    return market_pay_[tier * markets_ + market];
  }
  // Whether the last update priced the role differently, for any pay tier or contract
  // (every role, at the first): a change of rules that prices nothing differently
  // gives idle workers nothing new to weigh.
  bool changed(std::uint32_t role) const { return changed_[role] != 0; }
  // Counts the updates, so a cache of pay weights knows when it is stale.
  std::uint64_t version() const { return version_; }

 private:
  std::size_t at(std::uint32_t role, std::uint32_t tier) const { return tier * roles_ + role; }
  std::size_t roles_ = 0;
  std::size_t markets_ = 0;
  // Indexed by at(role, tier): tier 0's roles first, then tier 1's, and so on.
  std::vector<double> charge_, pay_, off_contract_charge_, off_contract_pay_;
  std::vector<double> pay_weight_, off_contract_pay_weight_;
  std::vector<double> charge_cap_;  // per role, tier 0's
  std::vector<double> market_pay_;  // by tier, then market
  std::vector<char> changed_;       // per role, by the last update
  std::uint64_t version_ = 0;
};

}  // namespace wfsim::model
