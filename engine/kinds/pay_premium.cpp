// Lever kinds `market_supplement` and `retention_payment`: a payment to each permanent
// worker of the role. It raises their pay; turnover and applicants respond to pay
// relative to the neighbours' through the labour market's pay elasticities, and
// seekers weigh it in their choice of council (docs/labour-market.md). The two kinds
// differ in name only (what councils call them), so they share one type.
#include <iomanip>
#include <sstream>

#include "model/parameters.hpp"
#include "scenario/kind_registry.hpp"

namespace wfsim::kinds {

namespace {

class PayPremium final : public model::Lever {
 public:
  double amount_per_worker_per_year = 0;
  // Paid already when the role's turnover and applicants were measured: those figures
  // are with it, so it moves them only when it stops (docs/policies.md).
  bool already_paid = false;
  void shape(model::LeverEffect& effect) const override {
    const double per_day = amount_per_worker_per_year / model::kDaysPerYear;
    effect.premium_per_worker_per_day += per_day;
    if (already_paid) effect.premium_already_paid_per_worker_per_day += per_day;
  }
  const char* key_needing_the_start() const override { return already_paid ? "already_paid" : nullptr; }
  std::string note(const model::Policy& p, const model::Role& role, std::int64_t, double, double) const override {
    // A payment made from before the first day, not marked as paid already, is the
    // scenario's change: the figures it was given are moved by it from the start.
    if (already_paid || !p.paid_before_start() || amount_per_worker_per_year <= 0 || role.pay.salary_per_year <= 0) {
      return "";
    }
    std::ostringstream amount;  // 1234567, not 1.23457e+06
    amount << std::setprecision(15) << amount_per_worker_per_year;
    return "it pays " + amount.str() +
           " a worker a year from before the first day, so the role's turnover and applicants move from the scenario's "
           "figures from the start, as on the day it begins; if those figures were measured while it was paid, add "
           "'already_paid: true'";
  }
};

std::shared_ptr<const model::Lever> load(scenario::MapReader& map, const model::ModelParameters&) {
  auto lever = std::make_shared<PayPremium>();
  lever->amount_per_worker_per_year = map.required("amount_per_worker_per_year").non_negative();
  if (auto f = map.optional("already_paid")) lever->already_paid = f->boolean();
  return lever;
}

std::vector<scenario::format::Key> keys() {
  return {
      {.name = "amount_per_worker_per_year",
       .type = scenario::format::Type::non_negative,
       .required = true,
       .description = "payment to each permanent worker",
       .unit = "GBP per worker per year"},
      {.name = "already_paid",
       .type = scenario::format::Type::boolean,
       .description = "paid already when the role's turnover and applicants were measured: they hold with it, "
                      "and it moves them only when it stops; only for a payment made before the first day"},
  };
}

const scenario::Registration<model::Lever> supplement({.name = "market_supplement", .keys = keys(), .load = &load});
const scenario::Registration<model::Lever> retention({.name = "retention_payment", .keys = keys(), .load = &load});

}  // namespace

}  // namespace wfsim::kinds
