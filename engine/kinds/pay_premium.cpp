// Lever kinds `market_supplement` and `retention_payment`: a payment to each permanent
// worker of the role that lowers turnover and may draw more applicants. The two
// differ in name only (what councils call them), so they share one type.
#include "scenario/kind_registry.hpp"

namespace wfsim::kinds {

namespace {

class PayPremium final : public model::Lever {
 public:
  double amount_per_worker_per_year = 0;
  double turnover_reduction = 0;
  double applicant_increase = 0;
  void shape(model::LeverEffect& effect) const override {
    effect.applicants_per_day *= 1 + applicant_increase;
    effect.notice_hazard_per_day *= 1 - turnover_reduction;
    effect.premium_per_worker_per_day += amount_per_worker_per_year / model::kDaysPerYear;
  }
};

std::shared_ptr<const model::Lever> load(scenario::MapReader& map, const model::ModelParameters&) {
  auto lever = std::make_shared<PayPremium>();
  if (auto f = map.optional("amount_per_worker_per_year")) lever->amount_per_worker_per_year = f->non_negative();
  if (auto f = map.optional("turnover_reduction")) lever->turnover_reduction = f->probability();
  if (auto f = map.optional("applicant_increase")) lever->applicant_increase = f->non_negative();
  return lever;
}

std::vector<scenario::format::Key> keys() {
  return {
      {.name = "amount_per_worker_per_year",
       .type = scenario::format::Type::non_negative,
       .description = "payment to each permanent worker",
       .unit = "GBP per worker per year"},
      {.name = "turnover_reduction",
       .type = scenario::format::Type::probability,
       .description = "fraction by which turnover falls"},
      {.name = "applicant_increase",
       .type = scenario::format::Type::non_negative,
       .description = "fraction by which applicants rise"},
  };
}

const scenario::Registration<model::Lever> supplement({.name = "market_supplement", .keys = keys(), .load = &load});
const scenario::Registration<model::Lever> retention({.name = "retention_payment", .keys = keys(), .load = &load});

}  // namespace

}  // namespace wfsim::kinds
