// Lever kind `recruitment_campaign`: adverts, careers fairs and the like, bringing
// extra suitable applicants while in force. See docs/policies.md.
#include "scenario/kind_registry.hpp"

namespace wfsim::kinds {

namespace {

class RecruitmentCampaign final : public model::Lever {
 public:
  double extra_applicants_per_year = 0;
  void shape(model::LeverEffect& effect) const override {
    effect.applicants_per_day += extra_applicants_per_year / model::kDaysPerYear;
  }
};

std::shared_ptr<const model::Lever> load(scenario::MapReader& map, const model::ModelParameters&) {
  auto lever = std::make_shared<RecruitmentCampaign>();
  lever->extra_applicants_per_year = map.required("extra_applicants_per_year").non_negative();
  return lever;
}

const scenario::Registration<model::Lever> registration({
    .name = "recruitment_campaign",
    .keys = {{.name = "extra_applicants_per_year",
              .type = scenario::format::Type::non_negative,
              .required = true,
              .description = "suitable applicants added",
              .unit = "applicants per year"}},
    .load = &load,
});

}  // namespace

}  // namespace wfsim::kinds
