#include "scenario/fixed_experience_notes.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "model/rule_book.hpp"
#include "scenario/note_text.hpp"

namespace wfsim::scenario {

namespace {

// A fixed `experience` key among those that bring a rule's workers into the region.
struct FixedExperience {
  std::string path;  // its key path
  double days = 0;
};

// The fixed experiences of where a rule's workers come from: its members' roles, and
// the supplies and pools of their regions (the West Midlands' rule named the North
// East's supply), in the scenario's order.
std::vector<FixedExperience> fixed_experiences(const model::AgencyRule& rule, const model::ModelParameters& p) {
  std::vector<FixedExperience> fixed;
  auto look = [&](const kernel::Distribution& experience, const std::string& path) {
    if (experience.family() == kernel::Distribution::Family::fixed) fixed.push_back({path, experience.mean()});
  };
  std::vector<bool> member_region(std::max<std::size_t>(p.regions.size(), 1), false);
  for (std::size_t a = 0; a < p.authorities.size(); ++a) {
    if (!rule.lists(static_cast<std::uint32_t>(a))) continue;
    member_region[p.authorities[a].region] = true;
    for (std::size_t r = 0; r < p.authorities[a].roles.size(); ++r) {
      look(p.authorities[a].roles[r].experience,
           "authorities[" + std::to_string(a) + "].roles[" + std::to_string(r) + "].experience");
    }
  }
  for (std::size_t s = 0; s < p.agency_supply.size(); ++s) {
    if (member_region[p.agency_supply[s].region]) {
      look(p.agency_supply[s].experience, "agency_supply[" + std::to_string(s) + "].experience");
    }
  }
  for (std::size_t s = 0; s < p.labour_pool.size(); ++s) {
    if (member_region[p.labour_pool[s].region]) {
      look(p.labour_pool[s].experience, "labour_pool[" + std::to_string(s) + "].experience");
    }
  }
  return fixed;
}

std::string years(double days) { return number(std::round(days / model::kDaysPerYear * 100) / 100) + " years"; }

// "<first> is fixed at N years for every worker (5 if not given)", with how many others are.
std::string fixed_at(const std::vector<FixedExperience>& fixed) {
  return fixed.front().path + " is fixed at " + years(fixed.front().days) + " for every worker (5 if not given)" +
         (fixed.size() > 1 ? " and " + std::to_string(fixed.size() - 1) + " other experience(s) are fixed too" : "");
}

constexpr const char* kSpreadIt = "give experience a distribution (docs/scenario-reference.md)";

}  // namespace

// A cap on workers who qualified from a date binds, among the workers arriving with a
// fixed experience (5 years unless given), none before the date plus that experience
// and all after: a step the rule itself does not take. Said for the first such
// experience found, with how many there are.
std::string qualified_after_note(const model::AgencyRule& rule, const model::ModelParameters& p, double run_days) {
  const double from = rule.terms->caps_qualified_from();
  if (!std::isfinite(from)) return "";
  if (from >= run_days) {
    return "qualified_after (" + date(from, p.start_day) +
           ") is on or after the run's end: nobody arriving during the run qualified so late, so it caps no one";
  }
  const std::vector<FixedExperience> fixed = fixed_experiences(rule, p);
  if (fixed.empty()) return "";
  return "it binds workers who qualified from " + date(from, p.start_day) + ", but " + fixed_at(fixed) +
         ": such workers arriving before " + date(from + fixed.front().days, p.start_day) +
         " are all free of it and those arriving after all bound, a step of the inputs, not of the rule; " + kSpreadIt;
}

// An experience threshold of 3 years beside the default fixed 5 years never bars a
// worker arriving with it: only the newly qualified (0 years), whom no key draws. One
// above 5 years bars every such worker for the same time after arriving. Either way
// the rule acts on experience as the inputs set it, not as workers have it, and
// validate said nothing (a model review). The bar is the rule's own, asked of a worker
// arriving on the run's first day.
std::string fixed_experience_bar_note(std::size_t index, const model::ModelParameters& p) {
  const model::AgencyRule& rule = p.rules[index];
  if (!rule.terms->bars_newcomers() || !rule.terms->refuses_engagements()) return "";
  const model::RuleBook book(p.rules, p.start_day);
  const auto bar_after_arriving = [&](double experience_days) {
    model::WorkerHistory arriving;
    arriving.qualified_at = -experience_days;
    return book.bar_end(index, arriving);
  };
  // A rule that bars even the newly qualified for no time bars nobody: its own note says so.
  if (!(bar_after_arriving(0) > 0)) return "";
  const std::vector<FixedExperience> fixed = fixed_experiences(rule, p);
  if (fixed.empty()) return "";
  const double bar = bar_after_arriving(fixed.front().days);
  if (!(bar > 0)) {
    return fixed_at(fixed) +
           ", at or above the experience it asks: no worker arriving with it is ever barred (only "
           "the newly qualified are), where in truth some would have less; " +
           kSpreadIt;
  }
  return fixed_at(fixed) + ": every worker arriving with it is barred for their first " + years(bar) +
         " and none after, all alike, a step of the inputs, not of the rule; " + kSpreadIt;
}

}  // namespace wfsim::scenario
