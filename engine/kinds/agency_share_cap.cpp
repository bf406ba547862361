// Lever kind `agency_share_cap`: the council books no agency cover that would take its
// agency share above the cap; posts held back book when the share falls.
#include <algorithm>

#include "scenario/kind_registry.hpp"

namespace wfsim::kinds {

namespace {

class AgencyShareCap final : public model::Lever {
 public:
  double max_share = 1;
  void shape(model::LeverEffect& effect) const override {
    effect.max_agency_share = std::min(effect.max_agency_share, max_share);
  }
};

std::shared_ptr<const model::Lever> load(scenario::MapReader& map, const model::ModelParameters&) {
  auto lever = std::make_shared<AgencyShareCap>();
  lever->max_share = map.required("max_share").probability();
  return lever;
}

const scenario::Registration<model::Lever> registration({
    .name = "agency_share_cap",
    .keys = {{.name = "max_share",
              .type = scenario::format::Type::probability,
              .required = true,
              .description = "the highest share of filled posts held by agency workers"}},
    .load = &load,
});

}  // namespace

}  // namespace wfsim::kinds
