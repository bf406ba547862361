#include "model/agency_prices.hpp"

#include <algorithm>

#include "model/weighted_draw.hpp"

namespace wfsim::model {

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

double permanent_pay_per_hour(const Pay& pay) {
  return pay.hours_per_week > 0 ? pay.salary_per_year / (pay.hours_per_week * 365.25 / 7) : 0;
}

AgencyPrices::AgencyPrices(std::size_t roles, std::size_t markets)
    : roles_(roles), markets_(markets), charge_cap_(roles), market_pay_(markets) {}

void AgencyPrices::update(const RoleTable& roles, const RuleBook& book, double now, double agency_pay_weight) {
  const std::size_t slots = roles_ * book.pay_tiers();
  // Every role is new at the first update, whose vectors were empty.
  const bool first = charge_.size() != slots;
  changed_.assign(roles_, first ? 1 : 0);
  for (auto* v :
       {&charge_, &pay_, &off_contract_charge_, &off_contract_pay_, &pay_weight_, &off_contract_pay_weight_}) {
    v->resize(slots);
  }
  for (std::uint32_t tier = 0; tier < book.pay_tiers(); ++tier) {
    for (std::uint32_t r = 0; r < roles.size(); ++r) {
      const RoleInfo& role = roles[r];
      const Pay& pay = role.role->pay;
      const AgencyCaps caps = book.caps(role.role->name, permanent_pay_per_hour(pay), role.authority, now, tier);
      const Priced on = price(pay, pay.agency_rate_per_hour, caps);
      const double off_rate = role.role->agency.off_contract_rate_per_hour;
      const Priced off = price(pay, off_rate > 0 ? off_rate : pay.agency_rate_per_hour, caps);
      const std::size_t i = at(r, tier);
      if (charge_[i] != on.charge || pay_[i] != on.pay || off_contract_charge_[i] != off.charge ||
          off_contract_pay_[i] != off.pay) {
        changed_[r] = 1;
      }
      charge_[i] = on.charge;
      pay_[i] = on.pay;
      off_contract_charge_[i] = off.charge;
      off_contract_pay_[i] = off.pay;
      const double reference = roles.market(role.market).agency_pay_reference;
      pay_weight_[i] = pay_factor(on.pay, reference, agency_pay_weight);
      off_contract_pay_weight_[i] = pay_factor(off.pay, reference, agency_pay_weight);
      if (tier == 0) {
        const double costs = 1 + pay.agency_employer_costs;
        charge_cap_[r] = std::min({caps.charge, caps.pay * costs + pay.agency_margin_per_hour,
                                   caps.pay_and_costs + pay.agency_margin_per_hour});
      }
    }
  }
  ++version_;
  // Each market's mean pay rate, weighted by posts, for each tier: what joiners and idle
  // workers choosing between regions compare, each at their own tier's.
  market_pay_.resize(markets_ * book.pay_tiers());
  for (std::uint32_t tier = 0; tier < book.pay_tiers(); ++tier) {
    for (std::uint32_t m = 0; m < markets_; ++m) {
      double posts = 0, pay = 0;
      for (const std::uint32_t r : roles.market(m).roles) {
        const double weight = std::max(1u, roles[r].permanent_posts);
        posts += weight;
        pay += weight * pay_[at(r, tier)];
      }
      market_pay_[tier * markets_ + m] = posts > 0 ? pay / posts : 0;
    }
  }
}

}  // namespace wfsim::model
