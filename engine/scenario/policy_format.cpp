#include "scenario/kind_registry.hpp"
#include "scenario/scenario_format.hpp"

// The sections for an authority's policy levers (docs/policies.md); the rest of the format is in scenario_format.cpp.

namespace wfsim::scenario::format {

using scenario::LeverKinds;

const Section& policy_section() {
  // The keys every lever has, then each registered kind's own (engine/kinds/).
  static const Section section = [] {
    Section s{
        .name = "policy",
        .title = "A lever an authority pulls for one of its roles (docs/policies.md); each kind has its own keys",
        .keys =
            {
                {.name = "name",
                 .type = Type::text,
                 .required = true,
                 .description = "the policy's name; unique within the authority"},
                {.name = "kind",
                 .type = Type::choice,
                 .required = true,
                 .description = "what the lever does",
                 .choices = LeverKinds::instance().names()},
                {.name = "role", .type = Type::text, .required = true, .description = "one of the authority's roles"},
                {.name = "from", .type = Type::date, .description = "the first day in force"},
                {.name = "until", .type = Type::date, .description = "the first day no longer in force; after from"},
                {.name = "one_off_cost",
                 .type = Type::non_negative,
                 .description = "cost when it starts",
                 .unit = "GBP"},
                {.name = "cost_per_year",
                 .type = Type::non_negative,
                 .description = "running cost while in force",
                 .unit = "GBP per year"},
            },
        .discriminator = "kind",
    };
    for (Key& key : LeverKinds::instance().keys()) s.keys.push_back(std::move(key));
    return s;
  }();
  return section;
}

}  // namespace wfsim::scenario::format
