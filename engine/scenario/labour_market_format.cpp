#include "model/parameters.hpp"
#include "scenario/key_binding.hpp"
#include "scenario/scenario_format.hpp"

// The labour market's section: the weights of workers' choices and the pay
// elasticities (docs/labour-market.md); the rest of the format is in scenario_format.cpp.

namespace wfsim::scenario::format {

// A logit weight or pay elasticity of 50 already makes one option e^50 (about 5e21)
// times another, or a 2% pay gap a factor of nearly 3: beyond it, weights overflow to
// infinity and choices turn into their opposite (an applicant elasticity of 13,000 once
// stopped a council's own applicants).
constexpr double kMaxLogitWeight = 50;
constexpr const char* kWhyMaxLogitWeight = "larger weights overflow the choice probabilities";

namespace {

// A weight of a choice's utility, any number within +-kMaxLogitWeight.
template <auto Member>
Key logit_weight(const char* name, const char* description) {
  return {.name = name,
          .type = Type::number,
          .description = description,
          .minimum = -kMaxLogitWeight,
          .maximum = kMaxLogitWeight,
          .why = kWhyMaxLogitWeight,
          .store = store_into<Member>};
}

}  // namespace

const Section& labour_market_section() {
  static const Section section{
      .name = "labour_market",
      .title = "Who goes where: multinomial logit weights of workers' choices (docs/labour-market.md)",
      .keys =
          {
              logit_weight<&model::LabourMarket::pay>("pay",
                                                      "weight of ln(permanent pay) in a seeker's choice of council"),
              logit_weight<&model::LabourMarket::agency_pay>(
                  "agency_pay", "weight of ln(agency pay rate) in an agency worker's choice"),
              logit_weight<&model::LabourMarket::neighbour>(
                  "neighbour", "working in a neighbouring council rather than the home one"),
              logit_weight<&model::LabourMarket::region>(
                  "region", "working elsewhere in the region rather than the home council"),
              logit_weight<&model::LabourMarket::workload>("workload", "per unit of posts per worker at work above 1"),
              logit_weight<&model::LabourMarket::agency_idle>(
                  "agency_idle", "an available agency worker staying idle rather than take a booking"),
              logit_weight<&model::LabourMarket::seeker_waits>(
                  "seeker_waits", "a seeker staying in the pool rather than apply for a post open now"),
              logit_weight<&model::LabourMarket::outside_region>(
                  "outside_region", "agency work outside the region, for a leaver weighing agency work"),
              logit_weight<&model::LabourMarket::other_region>(
                  "other_region",
                  "a worker leaving a region's agency market or pool, or a permanent leaver whose region has "
                  "no place for their destination, moving to a neighbouring region's instead (against leaving, 0)"),
              {.name = "bar_horizon",
               .type = Type::duration,
               .description = "the time over which a leaver weighs waiting out a cooling-off bar",
               .minimum = 0,
               .exclusive_minimum = true,
               .store = store_into<&model::LabourMarket::bar_horizon_days>},
              {.name = "review_interval",
               .type = Type::duration,
               .description = "mean time before a worker who let vacancies pass looks at them again",
               .minimum = 0,
               .exclusive_minimum = true,
               .store = store_into<&model::LabourMarket::review_interval_days>},
              {.name = "quit_pay_elasticity",
               .type = Type::non_negative,
               .description = "fall in the notice hazard per rise in pay relative to the neighbours' (log points)",
               .maximum = kMaxLogitWeight,
               .why = kWhyMaxLogitWeight,
               .store = store_into<&model::LabourMarket::quit_pay_elasticity>},
              {.name = "applicant_pay_elasticity",
               .type = Type::non_negative,
               .description = "rise in outside applicants per rise in pay relative to the neighbours' (log points)",
               .maximum = kMaxLogitWeight,
               .why = kWhyMaxLogitWeight,
               .store = store_into<&model::LabourMarket::applicant_pay_elasticity>},
          },
  };
  return section;
}

}  // namespace wfsim::scenario::format
