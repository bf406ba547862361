#include "scenario/scenario_format.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "model/parameters.hpp"
#include "scenario/key_binding.hpp"

namespace wfsim::scenario::format {

// Sections are built on first use, so each may refer to any other; the texts follow
// docs/scenario-reference.md.

const Key* Section::find(std::string_view key) const {
  for (const Key& k : keys) {
    if (k.name == key) return &k;
  }
  return nullptr;
}

const Key& Section::discriminating_key() const {
  const Key* key = find(discriminator);
  if (key == nullptr || key->type != Type::choice) {
    throw std::logic_error("scenario format: section '" + std::string(name) + "' has no choice key '" +
                           std::string(discriminator) + "'");
  }
  return *key;
}

const Section& distribution_section() {
  static const Section section{
      .name = "distribution",
      .title = "A delay drawn from a distribution; each family has its own keys, all durations with units",
      .keys =
          {
              {.name = "distribution",
               .type = Type::choice,
               .required = true,
               .description = "the family",
               .choices = {"fixed", "exponential", "lognormal", "gamma", "uniform", "empirical"}},
              {.name = "value",
               .type = Type::duration,
               .required = true,
               .description = "the one value of a fixed delay",
               .only_for = {"fixed"}},
              {.name = "mean",
               .type = Type::duration,
               .required = true,
               .description = "the mean",
               .minimum = 0,
               .exclusive_minimum = true,
               .only_for = {"exponential", "lognormal", "gamma"}},
              {.name = "sd",
               .type = Type::duration,
               .required = true,
               .description = "the standard deviation",
               .minimum = 0,
               .exclusive_minimum = true,
               .only_for = {"lognormal"}},
              {.name = "shape",
               .type = Type::number,
               .required = true,
               .description = "the shape parameter (1 is exponential; larger is less spread)",
               .minimum = 0,
               .exclusive_minimum = true,
               .only_for = {"gamma"}},
              {.name = "min",
               .type = Type::duration,
               .required = true,
               .description = "the lowest value",
               .only_for = {"uniform"}},
              {.name = "max",
               .type = Type::duration,
               .required = true,
               .description = "the highest value, not below min",
               .only_for = {"uniform"}},
              {.name = "values",
               .type = Type::list,
               .required = true,
               .description = "observed delays, each drawn with equal probability (at least one)",
               .element = Type::duration,
               .only_for = {"empirical"},
               .non_empty = true},
          },
      .discriminator = "distribution",
  };
  return section;
}

const Section& scenario_section() {
  static const Section section{
      .name = "scenario",
      .title = "A wfsim scenario (format 1): docs/scenario-reference.md",
      .keys =
          {
              {.name = "wfsim", .type = Type::format_version, .description = "the scenario format version, 1"},
              {.name = "extends",
               .type = Type::text,
               .description = "the scenario this file is a variant of, relative to this file"},
              {.name = "name", .type = Type::text, .required = true, .description = "the scenario's name"},
              {.name = "description", .type = Type::text, .description = "free text"},
              {.name = "start", .type = Type::date, .required = true, .description = "the first simulated day"},
              {.name = "end", .type = Type::date, .description = "the day after the last simulated day"},
              {.name = "duration", .type = Type::duration, .description = "the run's length, such as '10 years'"},
              {.name = "warmup",
               .type = Type::duration,
               .description = "a warm-up at the start, simulated but not reported"},
              {.name = "warm_start",
               .type = Type::boolean,
               .description = "start part-way through notices, recruitments, absences and bookings, as a "
                              "council in steady operation would be (default true; false starts each afresh)"},
              {.name = "authorities",
               .type = Type::list,
               .required = true,
               .description = "the councils simulated (at least one; names unique)",
               .section = &authority_section(),
               .element = Type::mapping,
               .non_empty = true},
              {.name = "regions",
               .type = Type::list,
               .description = "the regions, each with its own markets and pools (default: the scenario is one "
                              "region; at least one if given)",
               .section = &region_section(),
               .element = Type::mapping,
               .non_empty = true},
              {.name = "agency_supply",
               .type = Type::list,
               .description = "finite agency markets, one per role name (and region)",
               .section = &agency_supply_section(),
               .element = Type::mapping},
              {.name = "labour_pool",
               .type = Type::list,
               .description = "pools of workers seeking permanent posts, one per role name (and region)",
               .section = &labour_pool_section(),
               .element = Type::mapping},
              {.name = "labour_market",
               .type = Type::mapping,
               .description = "who goes where: the weights of workers' choices, and pay elasticities",
               .section = &labour_market_section()},
              {.name = "rules",
               .type = Type::list,
               .description = "cooling-off periods, experience thresholds and rate caps",
               .section = &rule_section(),
               .element = Type::mapping},
          },
      .exactly_one_of = {"end", "duration"},
  };
  return section;
}

std::vector<const Section*> all_sections() {
  std::vector<const Section*> found;
  std::vector<const Section*> pending = {&scenario_section(), &distribution_section()};
  while (!pending.empty()) {
    const Section* s = pending.front();
    pending.erase(pending.begin());
    if (std::find(found.begin(), found.end(), s) != found.end()) continue;
    found.push_back(s);
    for (const Key& k : s->keys) {
      if (k.section != nullptr) pending.push_back(k.section);
    }
  }
  return found;
}

}  // namespace wfsim::scenario::format
