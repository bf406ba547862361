// Lever kind `induction_overlap`: agency cover stays beside a new permanent starter for
// the overlap, so the post is worked while they find their feet.
#include <algorithm>

#include "scenario/kind_registry.hpp"

namespace wfsim::kinds {

namespace {

class InductionOverlap final : public model::Lever {
 public:
  double overlap_days = 0;
  void shape(model::LeverEffect& effect) const override {
    effect.induction_overlap_days = std::max(effect.induction_overlap_days, overlap_days);
  }
};

std::shared_ptr<const model::Lever> load(scenario::MapReader& map, const model::ModelParameters&) {
  auto lever = std::make_shared<InductionOverlap>();
  lever->overlap_days = map.required("overlap").duration_days();
  return lever;
}

const scenario::Registration<model::Lever> registration({
    .name = "induction_overlap",
    .keys = {{.name = "overlap",
              .type = scenario::format::Type::duration,
              .required = true,
              .description = "how long the agency worker covering a post stays beside its new starter"}},
    .load = &load,
});

}  // namespace

}  // namespace wfsim::kinds
