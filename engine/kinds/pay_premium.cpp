// Lever kinds `market_supplement` and `retention_payment`: a payment to each permanent
// worker of the role. It raises their pay; turnover and applicants respond to pay
// relative to the neighbours' through the labour market's pay elasticities, and
// seekers weigh it in their choice of council (docs/labour-market.md). The two kinds
// differ in name only (what councils call them), so they share one type.
#include "scenario/kind_registry.hpp"

namespace wfsim::kinds {

namespace {

class PayPremium final : public model::Lever {
 public:
  double amount_per_worker_per_year = 0;
  void shape(model::LeverEffect& effect) const override {
    effect.premium_per_worker_per_day += amount_per_worker_per_year / model::kDaysPerYear;
  }
};

std::shared_ptr<const model::Lever> load(scenario::MapReader& map, const model::ModelParameters&) {
  auto lever = std::make_shared<PayPremium>();
  lever->amount_per_worker_per_year = map.required("amount_per_worker_per_year").non_negative();
  return lever;
}

std::vector<scenario::format::Key> keys() {
  return {
      {.name = "amount_per_worker_per_year",
       .type = scenario::format::Type::non_negative,
       .required = true,
       .description = "payment to each permanent worker",
       .unit = "GBP per worker per year"},
  };
}

const scenario::Registration<model::Lever> supplement({.name = "market_supplement", .keys = keys(), .load = &load});
const scenario::Registration<model::Lever> retention({.name = "retention_payment", .keys = keys(), .load = &load});

}  // namespace

}  // namespace wfsim::kinds
