// Rule kind `rate_cap`: the highest hourly agency rate a member may pay, per role: on
// the charge rate (what the council pays the agency), on the worker's pay rate (the
// London caps of 2016), or on pay plus the employer's costs on it (the 2024 national
// price caps: pay, employer national insurance and the apprenticeship levy). Or, with
// `permanent_equivalent`, on the worker's pay at what the council pays a permanent
// worker in the role an hour; and with `qualified_after`, only for workers who
// qualified on or after a date (the West Midlands' rule: those who finished their
// first year after January 2015 are paid no more than the permanent equivalent).
#include <algorithm>
#include <cmath>
#include <optional>
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
  bool permanent_equivalent = false;         // the worker's pay, at the permanent pay an hour
  double qualified_from = -model::kForever;  // binds workers qualified from this day on

  void cap(std::string_view role, double permanent_pay_per_hour, model::AgencyCaps& lowest) const override {
    if (permanent_equivalent) {
      lowest.pay = std::min(lowest.pay, permanent_pay_per_hour);
      return;
    }
    double& slot = applies_to == Capped::charge ? lowest.charge
                   : applies_to == Capped::pay  ? lowest.pay
                                                : lowest.pay_and_costs;
    for (const auto& [name, value] : caps) {
      if (name == role) slot = std::min(slot, value);
    }
  }
  double caps_qualified_from() const override { return qualified_from; }
  bool caps_at_permanent_pay() const override { return permanent_equivalent; }
};

std::shared_ptr<const model::RuleTerms> load(scenario::MapReader& map, const model::ModelParameters& p) {
  auto terms = std::make_shared<RateCap>();
  if (auto f = map.optional("qualified_after"))
    terms->qualified_from = static_cast<double>(f->date_days() - p.start_day);
  if (auto f = map.optional("permanent_equivalent")) terms->permanent_equivalent = f->boolean();
  if (terms->permanent_equivalent) {
    // The cap is the permanent pay itself: a cap of its own, or on the charge, would
    // leave unclear which binds.
    if (auto f = map.optional("caps_per_hour")) {
      f->fail_across(
          "give either caps_per_hour or permanent_equivalent: true, not both (the permanent "
          "equivalent caps the worker's pay at each council's salary for the role, by the hour); a variant "
          "over a base's caps_per_hour writes 'caps_per_hour: ~' to drop it");
    }
    if (auto f = map.optional("applies_to"); f && f->choice() != "pay_rate") {
      f->fail_across(
          "permanent_equivalent caps the worker's pay rate: applies_to must be pay_rate or left out (a variant "
          "over a base's applies_to writes 'applies_to: ~' to drop it)");
    }
    return terms;
  }
  const std::optional<scenario::Field> given = map.optional("caps_per_hour");
  if (!given) {
    map.refuse_misspelling_of({"caps_per_hour", "permanent_equivalent"});
    map.field().fail_across(
        "a rate_cap needs caps_per_hour (the highest rate for each role), or permanent_equivalent: "
        "true (each council's permanent pay for the role, by the hour)");
  }
  const scenario::Field caps = *given;
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
              .description = "the highest hourly agency rate for each role named (required unless "
                             "permanent_equivalent is true)",
              .unit = "GBP per hour",
              .element = scenario::format::Type::non_negative},
             {.name = "permanent_equivalent",
              .type = scenario::format::Type::boolean,
              .description = "cap the worker's pay rate at what the council pays a permanent worker in the role "
                             "an hour (salary_per_year over 52.18 weeks of hours_per_week), instead of "
                             "caps_per_hour (default false)"},
             {.name = "qualified_after",
              .type = scenario::format::Type::date,
              .description = "the cap binds only workers who qualified on or after this date (the West Midlands' "
                             "rule on those who finished their first year, the ASYE, after a date); every worker "
                             "if left out"},
             {.name = "applies_to",
              .type = scenario::format::Type::choice,
              .description = "what the cap limits: the charge rate (the default), the worker's pay rate, or pay "
                             "plus the employer's costs",
              .choices = {"charge_rate", "pay_rate", "pay_and_employer_costs"}}},
    .load = &load,
});

}  // namespace

}  // namespace wfsim::kinds
