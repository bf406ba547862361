#include "scenario/fixed_experience_notes.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>
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

// Whether `authority` (any authority, if negative) is a member within the run and the
// rule's dates: one that is not is noted as binding nothing, and what its workers
// arrive with does not matter.
bool member_within_run(const model::AgencyRule& rule, double run_days, std::int64_t authority = -1) {
  const double from = std::max(rule.from, 0.0), until = std::min(rule.until, run_days);
  if (from >= until) return false;
  if (rule.every_authority) return true;
  return std::any_of(rule.members.begin(), rule.members.end(), [&](const model::Membership& m) {
    return (authority < 0 || m.authority == authority) && std::max(m.from, from) < std::min(m.until, until);
  });
}

// Which workers a rule reaches: rate caps bind agency workers of any supply; bars on
// engagement only those of limited markets, since an unlimited one fills each booking
// with someone the rules allow (docs/model.md, "Agency rules, in part").
enum class Reach { any_supply, limited_markets };

// The fixed experiences of where a rule's workers come from: its members' roles, and
// the supplies and pools of those roles' names in their regions (the West Midlands'
// rule named the North East's supply; a member with no manager role was said to be
// stepped by its region's managers' supply), in the scenario's order. With
// Reach::limited_markets, only roles whose market is limited (a bar's note named a
// manager role of unlimited supply, which the bar never reaches: an audit of the docs).
std::vector<FixedExperience> fixed_experiences(const model::AgencyRule& rule, const model::ModelParameters& p,
                                               double run_days, Reach reach) {
  std::vector<FixedExperience> fixed;
  auto look = [&](const kernel::Distribution& experience, const std::string& path) {
    if (experience.family() == kernel::Distribution::Family::fixed) fixed.push_back({path, experience.mean()});
  };
  std::set<std::pair<std::uint32_t, std::string>> member_roles;  // (region, role name)
  for (std::size_t a = 0; a < p.authorities.size(); ++a) {
    // Not a council that is a member only after the run (its experience was named, a review).
    if (!member_within_run(rule, run_days, static_cast<std::int64_t>(a))) continue;
    for (std::size_t r = 0; r < p.authorities[a].roles.size(); ++r) {
      const std::uint32_t region = p.authorities[a].region;
      if (reach == Reach::limited_markets && !model::limited_market(p, region, p.authorities[a].roles[r].name)) {
        continue;
      }
      member_roles.emplace(region, p.authorities[a].roles[r].name);
      look(p.authorities[a].roles[r].experience,
           "authorities[" + std::to_string(a) + "].roles[" + std::to_string(r) + "].experience");
    }
  }
  for (std::size_t s = 0; s < p.agency_supply.size(); ++s) {
    // An unlimited supply's experience is never drawn: its workers arrive with their
    // role's (a review: the cap's note named one).
    if (!p.agency_supply[s].limited()) continue;
    if (member_roles.contains({p.agency_supply[s].region, p.agency_supply[s].role})) {
      look(p.agency_supply[s].experience, "agency_supply[" + std::to_string(s) + "].experience");
    }
  }
  for (std::size_t s = 0; s < p.labour_pool.size(); ++s) {
    if (member_roles.contains({p.labour_pool[s].region, p.labour_pool[s].role})) {
      look(p.labour_pool[s].experience, "labour_pool[" + std::to_string(s) + "].experience");
    }
  }
  return fixed;
}

// A length of time as a reader says it: "2 years", "1 year", "0.5 years", "9 days".
std::string length_text(double days) {
  if (days < model::kDaysPerYear / 10) {
    const double whole = std::max(1.0, std::round(days));
    return number(whole) + (whole == 1 ? " day" : " days");
  }
  const double in_years = std::round(days / model::kDaysPerYear * 100) / 100;
  return number(in_years) + (in_years == 1 ? " year" : " years");
}

// "<first> is fixed at N years for every worker (5 years if not given)", with how many
// others there are, `others` saying what they have in common with it.
std::string fixed_at(const std::vector<FixedExperience>& fixed, const std::string& others) {
  return fixed.front().path + " is fixed at " + length_text(fixed.front().days) +
         " for every worker (5 years if not given)" +
         (fixed.size() > 1 ? " and " + std::to_string(fixed.size() - 1) + " other experience(s) " + others : "");
}

// Least experience first, the scenario's order among equals: the one named is then the
// one whose workers the rule reaches first, whatever order the keys were listed in (a
// review: the note took the first listed, and swapping two councils changed it).
std::vector<FixedExperience> least_first(std::vector<FixedExperience> fixed) {
  std::stable_sort(fixed.begin(), fixed.end(),
                   [](const FixedExperience& a, const FixedExperience& b) { return a.days < b.days; });
  return fixed;
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
  const std::vector<FixedExperience> fixed = member_within_run(rule, run_days)
                                                 ? least_first(fixed_experiences(rule, p, run_days, Reach::any_supply))
                                                 : std::vector<FixedExperience>{};
  if (fixed.empty()) return "";
  return "it binds workers who qualified from " + date(from, p.start_day) + ", but " +
         fixed_at(fixed, "are fixed too") + ": workers arriving with it before " +
         date(from + fixed.front().days, p.start_day) + " are all free of it and those arriving after all bound" +
         (fixed.size() > 1 ? " (with each other, at its own date)" : "") + ", a step of the inputs, not of the rule; " +
         kSpreadIt;
}

// An experience threshold of 3 years beside the default fixed 5 years never bars a
// worker arriving with it: only the newly qualified (0 years), whom no key draws. One
// above 5 years bars every such worker for the same time after arriving. Either way
// the rule acts on experience as the inputs set it, not as workers have it, and
// validate said nothing (a model review). The bar is the rule's own, asked of a worker
// arriving on the run's first day; each fixed experience is judged, so that the
// verdict does not rest on which is listed first (a review).
std::string fixed_experience_bar_note(std::size_t index, const model::ModelParameters& p, double run_days) {
  const model::AgencyRule& rule = p.rules[index];
  if (!rule.terms->bars_newcomers() || !rule.terms->refuses_engagements()) return "";
  if (!member_within_run(rule, run_days)) return "";
  const model::RuleBook book(p.rules, p.start_day);
  const auto bar_after_arriving = [&](double experience_days) {
    model::WorkerHistory arriving;
    arriving.qualified_at = -experience_days;
    return book.bar_end(index, arriving);
  };
  // A rule that bars even the newly qualified for no time bars nobody: its own note says so.
  if (!(bar_after_arriving(0) > 0)) return "";
  std::vector<FixedExperience> never, for_a_time;
  for (const FixedExperience& f : least_first(fixed_experiences(rule, p, run_days, Reach::limited_markets))) {
    (bar_after_arriving(f.days) > 0 ? for_a_time : never).push_back(f);
  }
  if (never.empty() && for_a_time.empty()) return "";
  std::string text;
  if (!never.empty()) {
    text = fixed_at(never, "at " + length_text(never.front().days) + " or more") +
           ", at or above the experience it asks: no worker arriving with " + (never.size() > 1 ? "them" : "it") +
           " is ever barred, where in truth some would have less";
  }
  if (!for_a_time.empty()) {
    text += (text.empty() ? "" : "; ") + fixed_at(for_a_time, "also below the experience it asks") +
            ": every worker arriving with it is barred for their first " +
            length_text(bar_after_arriving(for_a_time.front().days)) + " and none after, all alike" +
            (for_a_time.size() > 1 ? " (with the others, for as long as theirs falls short)" : "");
  }
  return text + ": a step of the inputs, not of the rule; " + kSpreadIt;
}

}  // namespace wfsim::scenario
