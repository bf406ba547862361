#include "scenario/policy_loader.hpp"

#include <algorithm>
#include <set>

#include "kernel/calendar.hpp"
#include "scenario/kind_registry.hpp"
#include "scenario/name_characters.hpp"
#include "scenario/suggest.hpp"
#include "scenario/unique_name.hpp"

namespace wfsim::scenario {

void read_policies(const Field& list, model::Authority& authority, const model::ModelParameters& parameters) {
  const std::int64_t start_day = parameters.start_day;
  std::set<std::string> names;
  std::vector<std::string> roles;
  for (const auto& r : authority.roles) roles.push_back(r.name);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Field item = list.element(i);
    MapReader map(item);
    model::Policy p;
    // A variant's 'Supplement' over a base's 'supplement' is appended, not merged: two
    // levers ran, the base's and the one meant to change it, without a word.
    const Field name = map.required("name");
    p.name = take_unique_name(name, "policy", names, " in this authority",
                              ": both would act (a variant changes a lever by its exact name)");
    const std::string kind = map.required("kind").choice();
    const Field role = map.required("role");
    p.role = role.text();
    if (std::find(roles.begin(), roles.end(), p.role) == roles.end()) {
      role.fail_across("authority '" + authority.name + "' has no role named '" + p.role + "'" +
                       did_you_mean(p.role, roles));
    }
    if (auto f = map.optional("from")) p.from = static_cast<double>(f->date_days() - start_day);
    if (auto f = map.optional("until")) {
      p.until = static_cast<double>(f->date_days() - start_day);
      if (p.until <= p.from) f->fail_across("must be after 'from'");
    }
    if (auto f = map.optional("one_off_cost")) p.one_off_cost = f->non_negative();
    if (auto f = map.optional("cost_per_year")) p.cost_per_year = f->non_negative();
    p.kind = kind;
    p.lever = LeverKinds::instance().find(kind)->load(map, parameters);
    // Across keys: the dates (and the scenario's start, which a variant or --set may
    // move) decide whether the mark may stand.
    if (const char* key = p.lever->key_needing_the_start(); key != nullptr && !p.paid_before_start()) {
      map.optional(key)->fail_across(
          "only a payment made before the scenario's first day (" + kernel::format_iso_date(start_day) +
          ") was paid when its figures were measured: this one " +
          std::string(p.from >= 0 ? "starts on or after it ('from')" : "has stopped by then ('until')") +
          "; to ask what stopping it does, give 'until' a date after the first day");
    }
    map.done();
    authority.policies.push_back(std::move(p));
  }
}

}  // namespace wfsim::scenario
