// Rule kind `cooling_off`: a worker who left a permanent post may not be engaged as
// agency, for a time, by the council they left (same_authority), by the rule's other
// members (other_members: a Memorandum of Cooperation), by any member (any_member), or
// by any member in the region of the council they left (same_region: the national
// rules, "the same council or any council in the same region"). See
// docs/regional-rules.md.
#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

#include "scenario/kind_registry.hpp"

namespace wfsim::kinds {

namespace {

using model::kForever;

enum class Scope { same_authority, other_members, any_member, same_region };

class CoolingOff final : public model::RuleTerms {
 public:
  Scope scope = Scope::other_members;
  int months = 0;  // calendar months if > 0, else `days`
  double days = 0;
  bool exempt_redundancy = false;
  std::vector<std::uint32_t> region_of;  // per authority, for same_region

  double bar_end(const model::WorkerHistory& worker, const model::RuleSite& site) const override {
    if (worker.last_permanent_authority < 0) return -kForever;
    if (worker.left_by_redundancy && exempt_redundancy) return -kForever;
    // Only a member's leaver is kept from the other members (or from all of them).
    const auto left = static_cast<std::uint32_t>(worker.last_permanent_authority);
    if (scope != Scope::same_authority && !site.member(left, worker.left_permanent_at)) return -kForever;
    return months > 0 ? site.months_after(worker.left_permanent_at, months) : worker.left_permanent_at + days;
  }
  bool keeps_from(const model::WorkerHistory& worker, std::uint32_t authority) const override {
    // The bar keeps the worker from the council they left, from the others, or from all.
    const bool left_here = static_cast<std::uint32_t>(worker.last_permanent_authority) == authority;
    if (scope == Scope::same_authority) return left_here;
    if (scope == Scope::other_members) return !left_here;
    if (scope == Scope::same_region) {
      return region_of[static_cast<std::uint32_t>(worker.last_permanent_authority)] == region_of[authority];
    }
    return true;
  }
  // A member's leaver engaged by a council outside the rule.
  bool leaks_to_non_members() const override { return scope != Scope::same_authority; }
  int calendar_months() const override { return months; }
  bool refuses_engagements() const override { return true; }
  // A cooling-off that bars nobody ran as if it did something: 'length: 0 months', or
  // other_members with one member, whose leavers have no other member to be kept from
  // (a walkthrough measured exactly no effect, unsaid).
  std::string note(const model::AgencyRule& rule, std::size_t authorities) const override {
    if (months == 0 && days <= 0) return "its length is 0: it bars nobody";
    if (scope != Scope::other_members) return "";
    // One member: named alone, or every authority of a one-council scenario (init --la).
    std::vector<std::uint32_t> members;
    for (const model::Membership& m : rule.members) members.push_back(m.authority);
    std::sort(members.begin(), members.end());
    const auto listed = std::unique(members.begin(), members.end()) - members.begin();
    if (rule.every_authority ? authorities != 1 : listed != 1) return "";
    return "scope other_members with one member: its leavers are kept only from the other members, of which there "
           "are none, so it bars nobody (same_authority keeps them from the council they left)";
  }
};

// A length of whole calendar months ("6 months", "1 year") is kept in months, so the
// bar ends on the same day of the month; any other duration is a number of days.
void read_length(const scenario::Field& field, CoolingOff& terms) {
  const double days = field.duration_days();
  std::istringstream in(field.node().Scalar());
  double amount = 0;
  std::string unit;
  in >> amount >> unit;
  const bool whole = amount == std::floor(amount) && amount < 1200;
  if (whole && (unit == "month" || unit == "months")) {
    terms.months = static_cast<int>(amount);
  } else if (whole && (unit == "year" || unit == "years")) {
    terms.months = 12 * static_cast<int>(amount);
  } else {
    terms.days = days;
  }
}

std::shared_ptr<const model::RuleTerms> load(scenario::MapReader& map, const model::ModelParameters& p) {
  auto terms = std::make_shared<CoolingOff>();
  const std::string scope = map.required("scope").choice();
  terms->scope = scope == "same_authority"  ? Scope::same_authority
                 : scope == "other_members" ? Scope::other_members
                 : scope == "same_region"   ? Scope::same_region
                                            : Scope::any_member;
  for (const model::Authority& a : p.authorities) terms->region_of.push_back(a.region);
  read_length(map.required("length"), *terms);
  if (auto f = map.optional("exempt")) {
    for (std::size_t k = 0; k < f->size(); ++k) {
      f->element(k).choice();
      // Named twice was taken as once: a slip, as a name twice in any list is.
      if (terms->exempt_redundancy) f->element(k).fail("'redundancy' is listed twice");
      terms->exempt_redundancy = true;
    }
  }
  return terms;
}

const scenario::Registration<model::RuleTerms> registration({
    .name = "cooling_off",
    .keys =
        {
            {.name = "scope",
             .type = scenario::format::Type::choice,
             .required = true,
             .description = "whom the rule keeps the worker from",
             .choices = {"same_authority", "other_members", "any_member", "same_region"}},
            {.name = "length",
             .type = scenario::format::Type::duration,
             .required = true,
             .description = "the cooling-off period from the day the worker left"},
            {.name = "exempt",
             .type = scenario::format::Type::list,
             .description = "leavers not bound",
             .element = scenario::format::Type::choice,
             .choices = {"redundancy"}},
        },
    .load = &load,
});

}  // namespace

}  // namespace wfsim::kinds
