// Rule kind `rate_cap`: the highest hourly agency rate a member pays, per role.
#include <algorithm>
#include <utility>
#include <vector>

#include "scenario/kind_registry.hpp"

namespace wfsim::kinds {

namespace {

class RateCap final : public model::RuleTerms {
 public:
  std::vector<std::pair<std::string, double>> caps;  // by role name

  double cap_per_hour(std::string_view role) const override {
    double lowest = model::kForever;
    for (const auto& [name, value] : caps) {
      if (name == role) lowest = std::min(lowest, value);
    }
    return lowest;
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
  return terms;
}

const scenario::Registration<model::RuleTerms> registration({
    .name = "rate_cap",
    .keys = {{.name = "caps_per_hour",
              .type = scenario::format::Type::amounts_by_role,
              .required = true,
              .description = "the highest hourly agency rate for each role named",
              .unit = "GBP per hour"}},
    .load = &load,
});

}  // namespace

}  // namespace wfsim::kinds
