// Rule kind `experience`: members may not engage an agency worker with less
// post-qualified experience than the threshold (the national rules' three years).
#include "scenario/kind_registry.hpp"

namespace wfsim::kinds {

namespace {

class ExperienceThreshold final : public model::RuleTerms {
 public:
  double min_experience_days = 0;

  double bar_end(const model::WorkerHistory& worker, const model::RuleSite&) const override {
    return worker.qualified_at + min_experience_days;
  }
  bool bars_newcomers() const override { return true; }
  bool refuses_engagements() const override { return true; }
  // A threshold of no experience bars nobody, as a cooling-off of length 0 does.
  std::string note(const model::AgencyRule&, std::size_t) const override {
    return min_experience_days <= 0 ? "its min_experience is 0: it bars nobody" : "";
  }
};

std::shared_ptr<const model::RuleTerms> load(scenario::MapReader& map, const model::ModelParameters&) {
  auto terms = std::make_shared<ExperienceThreshold>();
  terms->min_experience_days = map.required("min_experience").duration_days();
  return terms;
}

const scenario::Registration<model::RuleTerms> registration({
    .name = "experience",
    .keys = {{.name = "min_experience",
              .type = scenario::format::Type::duration,
              .required = true,
              .description = "post-qualified experience needed for agency work"}},
    .load = &load,
});

}  // namespace

}  // namespace wfsim::kinds
