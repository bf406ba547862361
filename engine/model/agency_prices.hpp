#pragma once
// What agency work costs and pays, with the rules' caps applied: each role's charge
// rate and worker's pay rate (on and off the supplier contract), the lowest cap binding
// it, the pay term of a worker's utility there, and each market's posts-weighted mean
// pay rate. Worked out again whenever the rules change (AgencyMarket::reprice).

#include <cstdint>
#include <vector>

#include "model/role_table.hpp"
#include "model/rule_book.hpp"

namespace wfsim::model {

class AgencyPrices {
 public:
  AgencyPrices(std::size_t roles, std::size_t markets);
  void update(const RoleTable& roles, const RuleBook& book, double now, double agency_pay_weight);

  double charge_rate(std::uint32_t role, bool off_contract) const {
    return off_contract ? off_contract_charge_[role] : charge_[role];
  }
  double pay_rate(std::uint32_t role, bool off_contract) const {
    return off_contract ? off_contract_pay_[role] : pay_[role];
  }
  double charge_cap(std::uint32_t role) const { return charge_cap_[role]; }  // infinity if none
  // exp of the pay term of an agency worker's utility at `role`: (pay / reference)^weight.
  double pay_weight(std::uint32_t role, bool off_contract) const {
    return off_contract ? off_contract_pay_weight_[role] : pay_weight_[role];
  }
  double market_pay(std::uint32_t market) const { return market_pay_[market]; }
  // Counts the updates, so a cache of pay weights knows when it is stale.
  std::uint64_t version() const { return version_; }

 private:
  std::vector<double> charge_, pay_, off_contract_charge_, off_contract_pay_, charge_cap_;
  std::vector<double> pay_weight_, off_contract_pay_weight_;
  std::vector<double> market_pay_;
  std::uint64_t version_ = 0;
};

}  // namespace wfsim::model
