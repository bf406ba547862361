// Rule kind `rate_cap`: the highest hourly agency rate a member may pay, per role: on
// the charge rate (what the council pays the agency), on the worker's pay rate (the
// London caps of 2016), or on pay plus the employer's costs on it (the 2024 national
// price caps: pay, employer national insurance and the apprenticeship levy).
#include <algorithm>
#include <utility>
#include <vector>

#include "scenario/kind_registry.hpp"

namespace wfsim::kinds {

namespace {

enum class Capped { charge, pay, pay_and_costs };

class RateCap final : public model::RuleTerms {
 public:
  std::vector<std::pair<std::string, double>> caps;  // by role name
  Capped applies_to = Capped::charge;

  void cap(std::string_view role, model::AgencyCaps& lowest) const override {
    double& slot = applies_to == Capped::charge ? lowest.charge
                   : applies_to == Capped::pay  ? lowest.pay
                                                : lowest.pay_and_costs;
    for (const auto& [name, value] : caps) {
      if (name == role) slot = std::min(slot, value);
    }
  }
};

std::shared_ptr<const model::RuleTerms> load(scenario::MapReader& map, const model::ModelParameters& p) {
  auto terms = std::make_shared<RateCap>();
  const scenario::Field caps = map.required("caps_per_hour");
  scenario::MapReader cap_map(caps);
  std::vector<std::string> roles;
  for (const auto& a : p.authorities) {
    for (const auto& r : a.roles) {
      if (std::find(roles.begin(), roles.end(), r.name) == roles.end()) roles.push_back(r.name);
    }
  }
  for (const auto& role : roles) {
    if (auto f = cap_map.optional(role)) terms->caps.emplace_back(role, f->non_negative());
  }
  cap_map.done();
  if (terms->caps.empty()) caps.fail("give a cap for at least one role");
  if (auto f = map.optional("applies_to")) {
    const std::string what = f->choice();
    terms->applies_to = what == "charge_rate" ? Capped::charge
                        : what == "pay_rate"  ? Capped::pay
                                              : Capped::pay_and_costs;
  }
  return terms;
}

const scenario::Registration<model::RuleTerms> registration({
    .name = "rate_cap",
    .keys = {{.name = "caps_per_hour",
              .type = scenario::format::Type::amounts_by_role,
              .required = true,
              .description = "the highest hourly agency rate for each role named",
              .unit = "GBP per hour"},
             {.name = "applies_to",
              .type = scenario::format::Type::choice,
              .description = "what the cap limits: the charge rate (the default), the worker's pay rate, or pay "
                             "plus the employer's costs",
              .choices = {"charge_rate", "pay_rate", "pay_and_employer_costs"}}},
    .load = &load,
});

}  // namespace

}  // namespace wfsim::kinds
