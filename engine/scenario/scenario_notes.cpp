#include "scenario/scenario_notes.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iomanip>
#include <optional>
#include <sstream>
#include <tuple>

#include "kernel/calendar.hpp"
#include "model/agency_prices.hpp"
#include "scenario/fixed_experience_notes.hpp"
#include "scenario/note_text.hpp"
#include "scenario/policy_notes.hpp"
#include "scenario/role_notes.hpp"

namespace wfsim::scenario {

namespace {

// A cap that leaves the worker nothing: a charge cap at or below the agency's margin
// (the agency keeps its margin, which members pay: agency_rate_paid), or a cap of 0 on
// the worker's pay, or their pay and employer costs. No worker takes a booking there
// (a pay of 0 is never chosen), while agency_rate_cap reports the cap (NaN for a cap
// on those who qualified from a date). Said once a
// rule, at its first such role; of a cap on those who qualified from a date, said of
// them. A cap equal to the margin, and pay caps of 0, went without a word (an audit).
std::string cap_below_margin_note(const model::AgencyRule& rule, const model::ModelParameters& p) {
  for (std::size_t a = 0; a < p.authorities.size(); ++a) {
    if (!rule.lists(static_cast<std::uint32_t>(a))) continue;
    for (const model::Role& role : p.authorities[a].roles) {
      model::AgencyCaps caps;
      rule.terms->cap(role.name, model::permanent_pay_per_hour(role.pay), caps);
      const double margin = role.pay.agency_margin_per_hour, costs = 1 + role.pay.agency_employer_costs;
      const std::string where = "it caps " + p.authorities[a].name + "'s " + role.name;
      // A cap on those who qualified from a date leaves the others' pay as it was (a
      // review: 7.5 agency workers there, not none).
      const double qualified_from = rule.terms->caps_qualified_from();
      // agency_rate_cap reports a cap on everyone; with qualified_after it is NaN.
      const std::string nobody =
          std::isfinite(qualified_from)
              ? "no agency worker who qualified from " + date(qualified_from, p.start_day) + " takes a booking there"
              : std::string("no agency worker takes a booking there, while agency_rate_cap reports the cap");
      if ((caps.charge - margin) / costs <= 0) {
        return where + " charge at " + number(caps.charge) + " an hour, " +
               (caps.charge < margin ? "below" : "no more than") + " the agency's margin of " + number(margin) +
               ": members pay the margin (agency_rate_paid) and the worker is paid nothing, so " + nobody;
      }
      if (caps.pay <= 0 || caps.pay_and_costs <= 0) {
        return where + (caps.pay <= 0 ? " pay" : " pay and employer costs") + " at " +
               number(std::min(caps.pay, caps.pay_and_costs)) + " an hour: the worker is paid nothing, so " + nobody;
      }
    }
  }
  return "";
}

// Whether a council's role draws on a limited agency market, as the model decides it
// (RoleTable): an agency_supply for the role in its region with a finite
// available_at_start. One listed without it is still unlimited.
bool limited_supply(const model::ModelParameters& p, std::uint32_t authority, const model::Role& role) {
  return model::limited_market(p, p.authorities[authority].region, role.name);
}

// The longest notice of a role whose leavers weigh `rule` (or `member`'s membership of
// it): 0 if none does, infinity if a notice is drawn without bound. A leaver weighs the
// rules of the day their own notice ends, at the councils of their role's market, and
// only where their role goes to agency work of limited supply (LeaverChoice weighs
// rules only there). Those who weigh it: leavers of its members (for `member`'s
// membership, those its terms keep from that member: under other_members not the
// member's own); for terms that bar newcomers (an experience threshold), of any
// council of a member's region; for a rate cap, of a role it caps, at any council of a
// member's region.
double longest_weighing_notice(const model::AgencyRule& rule, const model::ModelParameters& p,
                               std::optional<std::uint32_t> member) {
  // A rate cap refuses no one, but a leaver weighs agency pay at every council of their
  // region under the caps of the day they leave: leavers of a role it caps there do.
  const bool caps = !rule.terms->refuses_engagements();
  const auto in_a_members_region = [&](std::uint32_t a) {
    for (std::uint32_t m = 0; m < p.authorities.size(); ++m) {
      if ((member ? m == *member : rule.lists(m)) && p.authorities[m].region == p.authorities[a].region) return true;
    }
    return false;
  };
  const auto weighs = [&](std::uint32_t a, const model::Role& role) {
    if (caps) {
      model::AgencyCaps capped;
      rule.terms->cap(role.name, model::permanent_pay_per_hour(role.pay), capped);
      const bool names_role =
          std::isfinite(capped.charge) || std::isfinite(capped.pay) || std::isfinite(capped.pay_and_costs);
      return names_role && in_a_members_region(a);
    }
    if (rule.terms->bars_newcomers()) return in_a_members_region(a);
    if (!rule.lists(a)) return false;
    if (!member) return true;
    model::WorkerHistory leaver;
    leaver.last_permanent_authority = static_cast<std::int32_t>(a);
    return rule.terms->keeps_from(leaver, *member);
  };
  double longest = 0;
  for (std::uint32_t a = 0; a < p.authorities.size(); ++a) {
    for (const auto& role : p.authorities[a].roles) {
      // The notice a leaver weighs by is their own, drawn: the longest it can be.
      if (role.destinations.agency > 0 && limited_supply(p, a, role) && weighs(a, role)) {
        longest = std::max(longest, role.notice.largest());
      }
    }
  }
  return longest;
}

// What a rule (or `member`'s membership of one) starting at `from` after the run's end
// does yet: leavers whose notice ends after it starts weigh it, so those giving notice
// in the run's last days may (how many of them depends on the notices they draw, and
// at a warm start on what is left of one). Empty if no notice can reach it.
std::string weighed_by_last_leavers(double from, const model::AgencyRule& rule, const model::ModelParameters& p,
                                    double run_days, std::optional<std::uint32_t> member = std::nullopt) {
  if (from < run_days) return "";
  const double longest = longest_weighing_notice(rule, p, member);
  if (from >= run_days + longest) return "";
  const bool caps = !rule.terms->refuses_engagements();
  const std::string who = !caps    ? "leavers it could bar"
                          : member ? "leavers of its member's region"
                                   : "leavers of its members' regions";
  const std::string what = caps ? "its capped pay" : "it";
  if (!std::isfinite(longest)) {
    return ", but " + who + " whose notice (drawn, without bound) ends after it starts weigh " + what;
  }
  const double window = run_days + longest - from;
  if (window >= run_days) {
    return ", but " + who + " whose notice ends after it starts weigh " + what + ": any giving notice in the run may";
  }
  const auto days = static_cast<long>(std::ceil(window));
  return ", but " + who + " who give notice in the run's last " + std::to_string(days) +
         (days == 1 ? " day" : " days") + " may expect to leave after it starts, and weigh " + what;
}

// A rule that refuses engagements where every member's agency supply is unlimited
// refuses nothing: an unlimited market fills each booking at once with someone it
// allows (docs/model.md). An MoC over councils with no agency_supply ran bit-identical
// to one without it, and validate said nothing (a model review).
std::string refuses_nobody_note(const model::AgencyRule& rule, const model::ModelParameters& p) {
  if (!rule.terms->refuses_engagements()) return "";
  for (std::uint32_t a = 0; a < p.authorities.size(); ++a) {
    if (!rule.lists(a)) continue;
    for (const model::Role& role : p.authorities[a].roles) {
      if (limited_supply(p, a, role)) return "";
    }
  }
  return "no member's role has a limited agency supply (an agency_supply with a finite available_at_start), and "
         "where supply is unlimited every booking is filled at once by someone the rules allow: it refuses nothing";
}

// A cap at or above what every member pays caps nothing: a £45 charge cap where every
// member's charge is £40 ran as if it acted (a walkthrough). Said where the rule caps
// some role and no member's role is below it, at the pay a worker is paid now.
constexpr double kNoReach = 1e6;  // pounds an hour: no charge this high is a rate

// The charge an hour above which `caps` lower what a role's agency worker is paid (the
// model's pricing, which turns a cap on pay or on pay and costs into a charge), found
// by halving: kNoReach if none below it does.
double charge_a_cap_reaches(const model::Pay& pay, const model::AgencyCaps& caps) {
  const auto capped = [&](double charge) {
    return model::price(pay, charge, caps).pay < model::price(pay, charge, {}).pay;
  };
  if (!capped(kNoReach)) return kNoReach;
  double low = 0, high = kNoReach;
  for (int i = 0; i < 64; ++i) {
    const double mid = (low + high) / 2;
    (capped(mid) ? high : low) = mid;
  }
  return high;
}

std::string cap_binds_nobody_note(const model::AgencyRule& rule, const Scenario& scenario) {
  const model::ModelParameters& p = scenario.parameters;
  // A rate or salary drawn afresh for each replication may be above the cap in some:
  // judged at its central value, a cap that bound in two replications of four was
  // said to cap nobody.
  for (const UncertainInput& input : scenario.uncertain_inputs) {
    if (input.path.find(".pay.") != std::string::npos) return "";
  }
  auto capped = [&](const model::Role& role, model::AgencyCaps& caps) {
    rule.terms->cap(role.name, model::permanent_pay_per_hour(role.pay), caps);
    return std::isfinite(caps.charge) || std::isfinite(caps.pay) || std::isfinite(caps.pay_and_costs);
  };
  // A cap on a role only councils outside the rule have (a team manager's, where no
  // member employs one) binds nobody: said with the roles it names.
  std::vector<std::string> named, named_by_members;
  for (std::uint32_t a = 0; a < p.authorities.size(); ++a) {
    for (const model::Role& role : p.authorities[a].roles) {
      model::AgencyCaps caps;
      if (!capped(role, caps)) continue;
      auto& list = rule.lists(a) ? named_by_members : named;
      if (std::find(list.begin(), list.end(), role.name) == list.end()) list.push_back(role.name);
    }
  }
  if (named_by_members.empty() && !named.empty()) {
    std::string roles;
    for (const std::string& name : named) roles += (roles.empty() ? "'" : ", '") + name + "'";
    return "no member has a role it caps (" + roles + "): it caps nobody";
  }
  bool caps_some = false;
  // The rate nearest the charge its caps begin at, where a cap is on pay or on pay and
  // costs (not in the rate's terms): both of one role, whose headroom is the least.
  double nearest_rate = 0, its_reach = kNoReach;
  for (std::uint32_t a = 0; a < p.authorities.size(); ++a) {
    if (!rule.lists(a)) continue;
    for (const model::Role& role : p.authorities[a].roles) {
      model::AgencyCaps caps;
      if (!capped(role, caps)) continue;
      // The contract's rate, and the off-contract rate where bookings are made so:
      // caps apply to both, priced as the model prices them.
      for (const double charge : {role.pay.agency_rate_per_hour,
                                  role.agency.off_contract_share > 0 ? role.agency.off_contract_rate_per_hour : 0.0}) {
        const double paid = model::price(role.pay, charge, {}).pay;
        if (paid <= 0) continue;  // no rate given: nothing to weigh the cap against
        caps_some = true;
        if (model::price(role.pay, charge, caps).pay < paid) return "";
        if (std::isfinite(caps.charge)) continue;  // a charge cap is in the rate's own terms
        const double reach = charge_a_cap_reaches(role.pay, caps);
        if (reach - charge < its_reach - nearest_rate) std::tie(nearest_rate, its_reach) = std::pair(charge, reach);
      }
    }
  }
  if (!caps_some) return "";
  // A £38 cap on pay and costs beside a £40 charge read as wrong: it begins at £42.
  std::ostringstream nearest;
  nearest << std::fixed << std::setprecision(2) << "; the nearest a member is charged, £" << nearest_rate
          << " an hour, is below the £" << its_reach << " at which its caps begin";
  return "no member's agency rate is above its caps: it caps nobody" + (its_reach < kNoReach ? nearest.str() : "");
}

// What a role's agency worker is paid an hour, on contract and uncapped, as the model
// prices it: the charge less the agency's margin and the employer's costs, nothing
// below 0.
double agency_worker_pay(const model::Pay& pay) { return model::price(pay, pay.agency_rate_per_hour, {}).pay; }

// The outside pay an agency_supply gives the market of `role` at `authority` (0 if none):
// the reference agency pay is weighed against, in place of the councils' mean.
double outside_agency_pay(const model::ModelParameters& p, std::size_t authority, const model::Role& role) {
  for (const model::AgencySupply& s : p.agency_supply) {
    if (s.role == role.name && s.region == p.authorities[authority].region && s.limited())
      return s.outside_pay_per_hour;
  }
  return 0;
}

// Workers weigh each council's pay against the others' of their market: a council that
// pays nothing where others pay (one left without 'pay:', a margin above its charge
// rate) gets no agency worker where supply is limited, and its permanent workers weigh
// a salary of nothing, without a word. Said where another council of the market pays,
// or, for agency pay, where the market's supply gives an outside pay: a scenario with
// outside_pay_per_hour and no agency rate anywhere had no booking taken, unsaid.
void add_unpaid_notes(const model::ModelParameters& p, std::vector<std::string>& notes) {
  struct Seat {
    std::size_t authority, role;
  };
  auto market_of = [&](const Seat& s) {
    return std::pair{p.authorities[s.authority].roles[s.role].name, p.authorities[s.authority].region};
  };
  std::vector<Seat> seats;
  for (std::size_t a = 0; a < p.authorities.size(); ++a) {
    for (std::size_t r = 0; r < p.authorities[a].roles.size(); ++r) seats.push_back({a, r});
  }
  for (const Seat& seat : seats) {
    const model::Role& role = p.authorities[seat.authority].roles[seat.role];
    const std::string path =
        "authorities[" + std::to_string(seat.authority) + "].roles[" + std::to_string(seat.role) + "]";
    double best_agency = 0, best_salary = 0;
    for (const Seat& other : seats) {
      if (market_of(other) != market_of(seat)) continue;
      const model::Pay& pay = p.authorities[other.authority].roles[other.role].pay;
      best_agency = std::max(best_agency, agency_worker_pay(pay));
      best_salary = std::max(best_salary, pay.salary_per_year);
    }
    const bool covers = role.agency.cover_vacancies || role.agency.cover_absences || role.temporary_posts > 0;
    const double outside = outside_agency_pay(p, seat.authority, role);
    if (limited_supply(p, static_cast<std::uint32_t>(seat.authority), role) && covers &&
        agency_worker_pay(role.pay) <= 0 && (best_agency > 0 || outside > 0)) {
      const std::string against = best_agency > 0 ? "other councils of its market pay up to " +
                                                        number(std::round(best_agency * 100) / 100) + " an hour"
                                                  : "its market's agency_supply weighs pay against an outside pay of " +
                                                        number(outside) + " an hour (outside_pay_per_hour)";
      notes.push_back(path + ".pay: its agency charge rate (agency_rate_per_hour " +
                      number(role.pay.agency_rate_per_hour) + ") is not above the agency's margin " +
                      "(agency_margin_per_hour " + number(role.pay.agency_margin_per_hour) +
                      "), so its agency workers would be paid nothing where " + against +
                      ": with agency supply limited, no agency worker takes a booking here");
    }
    if (role.pay.salary_per_year <= 0 && best_salary > 0) {
      notes.push_back(path + ".pay.salary_per_year is 0 (not given) where other councils of its market pay up to " +
                      number(best_salary) +
                      " a year: its workers weigh a salary of nothing against theirs (labour_market's pay "
                      "elasticities), and it costs nothing");
    }
  }
}

// The notes on rule `i` of the scenario.
void add_rule_notes(std::size_t i, const Scenario& scenario, const std::string& run, std::vector<std::string>& notes) {
  const model::ModelParameters& p = scenario.parameters;
  const auto run_days = static_cast<double>(p.end_day - p.start_day);
  const model::AgencyRule& rule = p.rules[i];
  const std::string which = "rules[" + std::to_string(i) + "] '" + rule.name + "'";
  if (outside(rule.from, rule.until, run_days)) {
    notes.push_back(which + " is in force " + span(rule.from, rule.until, p.start_day) + ", outside " + run +
                    ": it refuses and caps nothing" + weighed_by_last_leavers(rule.from, rule, p, run_days));
    return;
  }
  if (std::isfinite(rule.existing_from) && (rule.existing_from >= rule.until || rule.existing_from >= run_days)) {
    notes.push_back(which + ": existing_from (" + date(rule.existing_from, p.start_day) + ") falls after " +
                    (rule.existing_from >= rule.until ? "the rule ends" : "the run ends") + ": it ends no assignment");
  }
  if (const std::string own = qualified_after_note(rule, p, run_days); !own.empty()) {
    notes.push_back(which + ": " + own);
  }
  // A rule that refuses nothing (every member's supply unlimited) bars nobody for any
  // time, whatever the experience: that note, said below, is the true one (a review).
  const std::string refuses_nobody = refuses_nobody_note(rule, p);
  if (const std::string own = refuses_nobody.empty() ? fixed_experience_bar_note(i, p, run_days) : ""; !own.empty()) {
    notes.push_back(which + ": " + own);
  }
  if (const std::string own = cap_below_margin_note(rule, p); !own.empty()) notes.push_back(which + ": " + own);
  const std::string kind_says = rule.terms->note(rule, p.authorities.size());
  if (!kind_says.empty()) notes.push_back(which + ": " + kind_says);
  if (const std::string own = cap_binds_nobody_note(rule, scenario); !own.empty()) {
    notes.push_back(which + ": " + own);
  }
  std::size_t memberships = 0, outside_the_run = 0;
  for (std::size_t k = 0; k < rule.members.size(); ++k) {
    const model::Membership& m = rule.members[k];
    // A period that continues another (from the day it ends) is part of one membership,
    // which a leaver weighs whole, though it starts after the run.
    const bool continues = std::any_of(rule.members.begin(), rule.members.end(), [&](const model::Membership& o) {
      return o.authority == m.authority && o.until == m.from;
    });
    if (continues) continue;
    ++memberships;
    const double first = std::max(m.from, rule.from), last = std::min(m.until, rule.until);
    if (outside(first, last, run_days) || first >= last) {
      ++outside_the_run;
      notes.push_back(which + ": members[" + std::to_string(k) + "] (" + p.authorities[m.authority].name + ", " +
                      span(m.from, m.until, p.start_day) +
                      ") is a member only outside the run or the rule's own dates: it binds nothing" +
                      (first < last ? weighed_by_last_leavers(first, rule, p, run_days, m.authority) : ""));
    }
  }
  // Not beside the kind's own note (a bar of length 0 refuses nothing either way) or
  // where every membership falls outside the run (it binds nothing at all); beside any
  // other, as the reference says (it went unsaid beside one late membership, a review).
  const bool binds_nobody_anyway = !kind_says.empty() || (memberships > 0 && outside_the_run == memberships);
  if (!refuses_nobody.empty() && !binds_nobody_anyway) notes.push_back(which + ": " + refuses_nobody);
}

}  // namespace

std::vector<std::string> notes_on(const Scenario& scenario) {
  const model::ModelParameters& p = scenario.parameters;
  const auto run_days = static_cast<double>(p.end_day - p.start_day);
  const std::string run = "the run (" + span(0, run_days, p.start_day) + ")";
  std::vector<std::string> notes;
  for (std::size_t i = 0; i < p.rules.size(); ++i) add_rule_notes(i, scenario, run, notes);
  for (std::size_t a = 0; a < p.authorities.size(); ++a) {
    const model::Authority& authority = p.authorities[a];
    const std::string at = "authorities[" + std::to_string(a) + "]";
    add_policy_notes(static_cast<std::uint32_t>(a), at, p, run, notes);
    for (std::size_t r = 0; r < authority.roles.size(); ++r) {
      const model::Role& role = authority.roles[r];
      const bool pooled = std::any_of(p.labour_pool.begin(), p.labour_pool.end(), [&](const model::LabourPool& pool) {
        return pool.role == role.name && pool.region == authority.region;
      });
      add_role_notes(role, pooled, at + ".roles[" + std::to_string(r) + "]", notes);
    }
  }
  add_unpaid_notes(p, notes);
  // A rule 'EM MoC cooling off' in a variant of one named 'EM MoC cooling-off' ran
  // beside it, the base's unchanged, without a word (a walkthrough).
  for (const std::string& appended : scenario.appended_near) {
    notes.push_back(appended + (appended.ends_with("?") ? " It" : "; it") +
                    " acts beside the base's, which it leaves as it was (a variant changes an element of a list only "
                    "under its exact name)");
  }
  return notes;
}

namespace {

// The length of `path`'s prefix "NAME[N]" from `at`, or 0 if it does not start so.
std::size_t indexed(const std::string& path, std::size_t at, const std::string& name) {
  if (path.compare(at, name.size() + 1, name + "[") != 0) return 0;
  std::size_t end = at + name.size() + 1;
  const std::size_t digits = end;
  while (end < path.size() && std::isdigit(static_cast<unsigned char>(path[end]))) ++end;
  if (end == digits || end >= path.size() || path[end] != ']') return 0;
  return end + 1 - at;
}

}  // namespace

std::vector<std::string> note_context(const std::string& key_path) {
  // No std::regex: GCC 12 warns inside it under the sanitizers, and the paths are plain.
  if (const std::size_t authority = indexed(key_path, 0, "authorities"); authority > 0) {
    const std::string council = key_path.substr(0, authority);
    if (key_path.compare(authority, 1, ".") != 0) return {};
    if (const std::size_t role = indexed(key_path, authority + 1, "roles"); role > 0) {
      // The role's notes that weigh one of its values against another.
      const std::string at = key_path.substr(0, authority + 1 + role);
      if (key_path == at + ".agency.conversion_per_year") return {at + ".recruitment.applicants_per_year"};
      if (key_path == at + ".agency.vacancy_cover_share") return {at + ".agency.cover_vacancies"};
      return {};
    }
    // A lever acts on its council's role (a campaign where applicants are unlimited)
    // and within the run's dates; a rule within them too.
    if (indexed(key_path, authority + 1, "policies") > 0) return {council, "start", "duration", "end", "warmup"};
    return {};
  }
  if (indexed(key_path, 0, "rules") > 0) return {"start", "duration", "end"};
  return {};
}

}  // namespace wfsim::scenario
