#include "scenario/kind_registry.hpp"
#include "scenario/scenario_format.hpp"

// The sections for the regions: the regions themselves, their agency markets, labour
// pools and agency rules; the rest of the format is in scenario_format.cpp.

namespace wfsim::scenario::format {

using scenario::RuleKinds;

const Section& agency_supply_section() {
  static const Section section{
      .name = "agency_supply",
      .title = "A finite agency market for one role name, shared by every authority",
      .keys =
          {
              {.name = "role",
               .type = Type::text,
               .required = true,
               .description = "the role name this market supplies"},
              {.name = "region",
               .type = Type::text,
               .description = "the region this market serves (required when the scenario lists regions)"},
              {.name = "available_at_start",
               .type = Type::count_or_unlimited,
               .description = "idle agency workers at the start date",
               .unit = "workers"},
              {.name = "joining_per_year",
               .type = Type::non_negative,
               .description = "new agency workers entering the market",
               .unit = "workers per year"},
              {.name = "leaving_per_year",
               .type = Type::non_negative,
               .description = "hazard of an idle agency worker leaving",
               .unit = "per idle worker per year"},
              {.name = "experience", .type = Type::delay, .description = "post-qualified experience of agency workers"},
              {.name = "outside_pay_per_hour",
               .type = Type::non_negative,
               .description =
                   "what agency work pays outside the region (default: the region's mean pay rate at the start)",
               .unit = "GBP per hour"},
              {.name = "supply_elasticity",
               .type = Type::non_negative,
               .description = "joiners' response to the region's pay rate against the outside's"},
              {.name = "leave_at_assignment_end",
               .type = Type::probability,
               .description = "chance a worker whose assignment ends leaves agency work rather than seek another"},
              {.name = "leaving_to_permanent",
               .type = Type::probability,
               .description = "of those leaving agency work, the share who seek a permanent post in the region"},
          },
  };
  return section;
}

namespace {

const Section& newly_qualified_section() {
  static const Section section{
      .name = "newly_qualified",
      .title = "A yearly cohort of newly qualified workers joining the pool",
      .keys =
          {
              {.name = "per_year",
               .type = Type::count,
               .required = true,
               .description = "the size of each cohort",
               .unit = "workers"},
              {.name = "month",
               .type = Type::count,
               .description = "the month whose 1st each cohort joins",
               .minimum = 1,
               .maximum = 12,
               .why = "a month number from 1 to 12"},
          },
  };
  return section;
}

}  // namespace

const Section& labour_pool_section() {
  static const Section section{
      .name = "labour_pool",
      .title = "The region's pool of workers seeking permanent posts, for one role name",
      .keys =
          {
              {.name = "role", .type = Type::text, .required = true, .description = "the role name this pool is for"},
              {.name = "region",
               .type = Type::text,
               .description = "the region this pool serves (required when the scenario lists regions)"},
              {.name = "newly_qualified",
               .type = Type::mapping,
               .description = "yearly cohorts",
               .section = &newly_qualified_section()},
              {.name = "returners_per_year",
               .type = Type::non_negative,
               .description = "workers returning to the profession",
               .unit = "workers per year"},
              {.name = "arrivals_per_year",
               .type = Type::non_negative,
               .description = "workers arriving from outside the region",
               .unit = "workers per year"},
              {.name = "leaving_per_year",
               .type = Type::non_negative,
               .description = "hazard of a seeker leaving",
               .unit = "per seeker per year"},
              {.name = "experience", .type = Type::delay, .description = "experience of returners and arrivals"},
          },
  };
  return section;
}

const Section& rule_section() {
  // The keys every rule has, then each registered kind's own (engine/kinds/).
  static const Section section = [] {
    Section s{
        .name = "rule",
        .title = "An agency rule binding its members between its dates; each kind has its own keys",
        .keys =
            {
                {.name = "name", .type = Type::text, .required = true, .description = "the rule's name; unique"},
                {.name = "kind",
                 .type = Type::choice,
                 .required = true,
                 .description = "what the rule does",
                 .choices = RuleKinds::instance().names()},
                {.name = "from", .type = Type::date, .description = "the first day in force"},
                {.name = "until", .type = Type::date, .description = "the first day no longer in force; after from"},
                // Only the kinds that refuse engagements (RuleTerms::refuses_engagements):
                // a cap refuses none, so no assignment would end (region_loader.cpp
                // refuses it for any kind whose terms refuse none, should this list lag).
                {.name = "existing_from",
                 .type = Type::date,
                 .description = "from this day, assignments already running that the rule would refuse end (a "
                                "transition for existing assignments); not before from",
                 .only_for = {"cooling_off", "experience"}},
                {.name = "members",
                 .type = Type::members,
                 .required = true,
                 .description = "'all', or a list of authority names or {authority, from, until}",
                 .section = &membership_section()},
            },
        .discriminator = "kind",
    };
    for (Key& key : RuleKinds::instance().keys()) s.keys.push_back(std::move(key));
    return s;
  }();
  return section;
}

const Section& membership_section() {
  static const Section section{
      .name = "membership",
      .title = "A member of a rule, for part of the run",
      .keys =
          {
              {.name = "authority", .type = Type::text, .required = true, .description = "the member authority"},
              {.name = "from", .type = Type::date, .description = "the first day of membership"},
              {.name = "until", .type = Type::date, .description = "the first day no longer a member; after from"},
          },
  };
  return section;
}

const Section& region_section() {
  static const Section section{
      .name = "region",
      .title = "A region with its own agency markets and pools (England: the nine regions)",
      .keys =
          {
              {.name = "name", .type = Type::text, .required = true, .description = "the region's name; unique"},
              {.name = "neighbours",
               .type = Type::list,
               .description = "the regions next to this one (by name; mutual), to which workers leaving its "
                              "markets may move",
               .element = Type::text},
          },
  };
  return section;
}

}  // namespace wfsim::scenario::format
