#include "model/agency_prices.hpp"

#include <algorithm>

#include "model/weighted_draw.hpp"

namespace wfsim::model {

namespace {

struct Priced {
  double charge;
  double pay;
};

// A booking's charge rate and the worker's pay rate, with the caps applied: each cap is
// turned into a cap on the worker's pay, and the charge follows from the pay.
Priced price(const Pay& pay, double own_charge, const AgencyCaps& caps) {
  const double costs = 1 + pay.agency_employer_costs;
  const double margin = pay.agency_margin_per_hour;
  double worker = RoleTable::agency_pay_rate(pay, own_charge);
  worker = std::min(worker, caps.pay);
  worker = std::min(worker, caps.pay_and_costs / costs);
  worker = std::min(worker, (caps.charge - margin) / costs);
  // A charge cap below the agency's margin leaves nothing to pay: nobody takes the work.
  worker = std::max(0.0, worker);
  return {worker * costs + margin, worker};
}

}  // namespace

AgencyPrices::AgencyPrices(std::size_t roles, std::size_t markets)
    : charge_(roles),
      pay_(roles),
      off_contract_charge_(roles),
      off_contract_pay_(roles),
      charge_cap_(roles),
      pay_weight_(roles),
      off_contract_pay_weight_(roles),
      market_pay_(markets) {}

void AgencyPrices::update(const RoleTable& roles, const RuleBook& book, double now, double agency_pay_weight) {
  for (std::uint32_t r = 0; r < roles.size(); ++r) {
    const RoleInfo& role = roles[r];
    const Pay& pay = role.role->pay;
    const AgencyCaps caps = book.caps(role.role->name, role.authority, now);
    const Priced on = price(pay, pay.agency_rate_per_hour, caps);
    const double off_rate = role.role->agency.off_contract_rate_per_hour;
    const Priced off = price(pay, off_rate > 0 ? off_rate : pay.agency_rate_per_hour, caps);
    charge_[r] = on.charge;
    pay_[r] = on.pay;
    off_contract_charge_[r] = off.charge;
    off_contract_pay_[r] = off.pay;
    const double costs = 1 + pay.agency_employer_costs;
    charge_cap_[r] = std::min(
        {caps.charge, caps.pay * costs + pay.agency_margin_per_hour, caps.pay_and_costs + pay.agency_margin_per_hour});
    const double reference = roles.market(role.market).agency_pay_reference;
    pay_weight_[r] = pay_factor(on.pay, reference, agency_pay_weight);
    off_contract_pay_weight_[r] = pay_factor(off.pay, reference, agency_pay_weight);
  }
  ++version_;
  // Each market's mean pay rate, weighted by posts: what joiners and workers choosing
  // between regions compare.
  for (std::uint32_t m = 0; m < market_pay_.size(); ++m) {
    double posts = 0, pay = 0;
    for (const std::uint32_t r : roles.market(m).roles) {
      const double weight = std::max(1u, roles[r].permanent_posts);
      posts += weight;
      pay += weight * pay_[r];
    }
    market_pay_[m] = posts > 0 ? pay / posts : 0;
  }
}

}  // namespace wfsim::model
