#include "scenario/region_loader.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>

#include "model/pool_limit.hpp"
#include "scenario/kind_registry.hpp"
#include "scenario/name_characters.hpp"
#include "scenario/suggest.hpp"
#include "scenario/unique_name.hpp"

namespace wfsim::scenario {

namespace {

std::vector<std::string> role_names(const model::ModelParameters& p) {
  std::vector<std::string> names;
  for (const auto& a : p.authorities) {
    for (const auto& r : a.roles) {
      if (std::find(names.begin(), names.end(), r.name) == names.end()) names.push_back(r.name);
    }
  }
  return names;
}

std::string known_role(const Field& field, const model::ModelParameters& p) {
  const std::string role = field.text();
  const auto names = role_names(p);
  if (std::find(names.begin(), names.end(), role) == names.end()) {
    field.fail_across("no authority has a role named '" + role + "'" + did_you_mean(role, names));
  }
  return role;
}

std::uint32_t authority_index(const Field& field, const model::ModelParameters& p) {
  const std::string name = field.text();
  std::vector<std::string> names;
  for (std::uint32_t i = 0; i < p.authorities.size(); ++i) {
    if (p.authorities[i].name == name) return i;
    names.push_back(p.authorities[i].name);
  }
  // Councils that run one children's service are one authority, "North Northamptonshire
  // / West Northamptonshire": either half alone was offered nothing.
  for (const std::string& joint : names) {
    for (std::size_t from = 0; joint.find(" / ") != std::string::npos && from <= joint.size();) {
      const std::size_t to = std::min(joint.find(" / ", from), joint.size());
      if (joint.substr(from, to - from) == name) {
        field.fail_across("no authority named '" + name + "': it is part of the joint authority '" + joint +
                          "', which the scenario names whole");
      }
      from = to + 3;
    }
  }
  field.fail_across("no authority named '" + name + "'" + did_you_mean(name, names));
}

// The region a market, pool or authority names; required when the scenario lists
// regions, refused when it does not.
std::uint32_t region_of(MapReader& map, const Field& item, const model::ModelParameters& p) {
  const auto field = map.optional("region");
  if (p.regions.empty()) {
    if (field) field->fail_across("the scenario lists no 'regions'; add them, or remove 'region'");
    return 0;
  }
  if (!field) item.fail_across("missing 'region': the scenario lists regions, so say which this belongs to");
  return region_index(*field, p);
}

// A market's role and region (agency supply, a labour pool), refused if the list
// (`what`, as its message names it) has already given that market.
struct MarketKey {
  std::string role;
  std::uint32_t region = 0;
};
MarketKey read_market_key(MapReader& map, const Field& item, const model::ModelParameters& p,
                          std::set<std::pair<std::string, std::uint32_t>>& seen, const std::string& what) {
  MarketKey key;
  key.role = known_role(map.required("role"), p);
  key.region = region_of(map, item, p);
  if (!seen.insert({key.role, key.region}).second) {
    item.fail_across(what + " for role '" + key.role + "'" +
                     (p.regions.empty() ? "" : " in region '" + p.regions[key.region].name + "'") + " appears twice");
  }
  return key;
}

double sim_day(const Field& field, const model::ModelParameters& p) {
  return static_cast<double>(field.date_days() - p.start_day);
}

void read_members(const Field& field, model::AgencyRule& rule, const model::ModelParameters& p) {
  if (field.node().IsScalar()) {
    if (field.node().Scalar() != "all") field.fail("expected 'all' or a list of authorities");
    rule.every_authority = true;
    return;
  }
  if (field.size() == 0) field.fail("a rule needs members: 'all' or a list of authorities");
  for (std::size_t i = 0; i < field.size(); ++i) {
    const Field item = field.element(i);
    model::Membership m;
    if (item.node().IsScalar()) {
      m.authority = authority_index(item, p);
    } else {
      MapReader map(item);
      m.authority = authority_index(map.required("authority"), p);
      if (auto f = map.optional("from")) m.from = sim_day(*f, p);
      if (auto f = map.optional("until")) {
        m.until = sim_day(*f, p);
        if (m.until <= m.from) f->fail_across("must be after 'from'");
      }
      map.done();
    }
    // Periods of one authority's membership may follow each other, not overlap: two
    // at once would be one membership written twice, and which the reader meant is
    // not for the loader to guess.
    for (std::size_t k = 0; k < rule.members.size(); ++k) {
      const model::Membership& earlier = rule.members[k];
      if (earlier.authority == m.authority && m.from < earlier.until && earlier.from < m.until) {
        item.fail_across("authority '" + p.authorities[m.authority].name + "' is a member twice at once: this " +
                         "membership overlaps the one at members[" + std::to_string(k) +
                         "] (periods of one authority's membership must not overlap)");
      }
    }
    rule.members.push_back(m);
  }
}

}  // namespace

void refuse_empty_regions(const Field& list, const model::ModelParameters& p) {
  for (std::uint32_t i = 0; i < p.regions.size(); ++i) {
    const bool held = std::any_of(p.authorities.begin(), p.authorities.end(),
                                  [&](const model::Authority& a) { return a.region == i; });
    // A variant's misspelt 'West Midland' was appended as a region of no council, and
    // the change meant for the West Midlands changed nothing, without a word.
    if (!held) {
      MapReader(list.element(i))
          .required("name")
          .fail_across("region '" + p.regions[i].name + "' holds no authority (none names it as its region)");
    }
  }
}

std::uint32_t region_index(const Field& field, const model::ModelParameters& p) {
  const std::string name = field.text();
  std::vector<std::string> names;
  for (std::uint32_t i = 0; i < p.regions.size(); ++i) {
    if (p.regions[i].name == name) return i;
    names.push_back(p.regions[i].name);
  }
  field.fail_across("no region named '" + name + "'" + did_you_mean(name, names));
}

void read_regions(const Field& list, model::ModelParameters& p) {
  if (list.size() == 0) list.fail("list at least one region, or leave 'regions' out");
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapReader map(list.element(i));
    model::Region region;
    const Field name = map.required("name");
    region.name = name.text();
    for (const model::Region& r : p.regions) {
      if (r.name == region.name) name.fail_across("region '" + region.name + "' appears twice");
      // As for councils, levers and rules: a variant's 'west midlands' beside the base's.
      if (look_alike(r.name, region.name)) {
        name.fail_across(
            "region '" + invisibles_shown(region.name) + "' differs from '" + invisibles_shown(r.name) +
            "' only in case, spacing or characters that show nothing; give them names that differ otherwise");
      }
    }
    map.optional("neighbours");  // names: read once every region is known
    map.done();
    p.regions.push_back(std::move(region));
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapReader map(list.element(i));
    const auto neighbours = map.optional("neighbours");
    if (!neighbours) continue;
    std::vector<std::uint32_t> listed;  // this list's: a name twice in it is a slip, as an authority's is
    for (std::size_t k = 0; k < neighbours->size(); ++k) {
      const Field item = neighbours->element(k);
      const std::uint32_t n = region_index(item, p);
      if (n == i) item.fail("a region is not its own neighbour");
      if (std::find(listed.begin(), listed.end(), n) != listed.end()) item.fail_across("neighbour listed twice");
      listed.push_back(n);
      // Mutual, whichever of the two lists the other.
      auto& mine = p.regions[i].neighbours;
      auto& theirs = p.regions[n].neighbours;
      if (std::find(mine.begin(), mine.end(), n) == mine.end()) mine.push_back(n);
      if (std::find(theirs.begin(), theirs.end(), static_cast<std::uint32_t>(i)) == theirs.end()) {
        theirs.push_back(static_cast<std::uint32_t>(i));
      }
    }
  }
  // In index order, so the scenario's order of listing does not decide anything later.
  for (model::Region& r : p.regions) std::sort(r.neighbours.begin(), r.neighbours.end());
}

void read_authority_region(MapReader& authority, const Field& item, std::size_t index, model::ModelParameters& p) {
  p.authorities[index].region = region_of(authority, item, p);
}

void read_labour_market(const Field& field, model::ModelParameters& p) {
  MapReader map(field);
  map.read_bound(&p.market);
  map.done();
}

void read_neighbours(const Field& list, std::size_t authority, model::ModelParameters& p) {
  std::vector<std::uint32_t>& neighbours = p.authorities[authority].neighbours;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Field item = list.element(i);
    const std::uint32_t n = authority_index(item, p);
    if (n == authority) item.fail("an authority is not its own neighbour");
    if (std::find(neighbours.begin(), neighbours.end(), n) != neighbours.end())
      item.fail_across("neighbour listed twice");
    neighbours.push_back(n);
  }
}

// Idle agency workers at the start past what the market's pool may hold
// (model::pool_limit): the run stopped at once, naming no key, as if a rate made workers
// without bound (a review).
void refuse_crowded_start(const Field& field, const model::AgencySupply& s, const model::ModelParameters& p) {
  if (!std::isfinite(s.available_at_start)) return;
  const std::size_t posts = model::market_posts(p, s.role, s.region);
  const std::size_t most = model::pool_limit(posts);
  if (s.available_at_start > static_cast<double>(most)) {
    field.fail("at most " + std::to_string(most) + " idle agency workers at the start in a market of " +
               std::to_string(posts) + " posts (" + std::to_string(model::kPoolFloor) + " plus " +
               std::to_string(model::kPoolPerPost) +
               " a post, past which a run is stopped as one making workers without bound)");
  }
}

void read_agency_supply(const Field& list, model::ModelParameters& p) {
  std::set<std::pair<std::string, std::uint32_t>> roles;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Field item = list.element(i);
    MapReader map(item);
    model::AgencySupply s;
    const MarketKey key = read_market_key(map, item, p, roles, "agency supply");
    s.role = key.role;
    s.region = key.region;
    if (auto f = map.optional("available_at_start")) {
      s.available_at_start = f->non_negative_or_unlimited();
      refuse_crowded_start(*f, s, p);
    }
    if (auto f = map.optional("joining_per_year")) s.joining_per_year = f->non_negative();
    if (auto f = map.optional("leaving_per_year")) s.leaving_per_year = f->non_negative();
    if (auto f = map.optional("experience")) s.experience = f->delay();
    if (auto f = map.optional("outside_pay_per_hour")) s.outside_pay_per_hour = f->non_negative();
    if (auto f = map.optional("supply_elasticity")) s.supply_elasticity = f->non_negative();
    if (auto f = map.optional("leave_at_assignment_end")) s.leave_at_assignment_end = f->probability();
    if (auto f = map.optional("leaving_to_permanent")) s.leaving_to_permanent = f->probability();
    map.done();
    p.agency_supply.push_back(std::move(s));
  }
}

void read_labour_pool(const Field& list, model::ModelParameters& p) {
  std::set<std::pair<std::string, std::uint32_t>> roles;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Field item = list.element(i);
    MapReader map(item);
    model::LabourPool pool;
    const MarketKey key = read_market_key(map, item, p, roles, "labour pool");
    pool.role = key.role;
    pool.region = key.region;
    if (auto f = map.optional("newly_qualified")) {
      MapReader nq(*f);
      pool.newly_qualified_per_year = nq.required("per_year").count();
      if (auto m = nq.optional("month")) pool.newly_qualified_month = static_cast<unsigned>(m->count());
      nq.done();
    }
    if (auto f = map.optional("returners_per_year")) pool.returners_per_year = f->non_negative();
    if (auto f = map.optional("arrivals_per_year")) pool.arrivals_per_year = f->non_negative();
    if (auto f = map.optional("leaving_per_year")) pool.leaving_per_year = f->non_negative();
    if (auto f = map.optional("experience")) pool.experience = f->delay();
    map.done();
    p.labour_pool.push_back(std::move(pool));
  }
}

// A cap at the permanent pay needs every member's salary and hours: without them the
// cap would be £0 an hour, and nobody would take the member's agency work, silently.
void require_permanent_pay(const Field& item, const model::AgencyRule& rule, const model::ModelParameters& p) {
  for (std::uint32_t a = 0; a < p.authorities.size(); ++a) {
    if (!rule.lists(static_cast<std::uint32_t>(a))) continue;
    for (const model::Role& role : p.authorities[a].roles) {
      if (role.pay.salary_per_year > 0 && role.pay.hours_per_week > 0) continue;
      item.fail_across("rule '" + rule.name + "' caps agency pay at the permanent equivalent, but " +
                       p.authorities[a].name + "'s role '" + role.name + "' has no " +
                       (role.pay.salary_per_year > 0 ? "hours_per_week" : "salary_per_year") +
                       ": its agency workers would be paid nothing; give the role's pay, or leave " +
                       p.authorities[a].name + " out of the members");
    }
  }
}

void read_rules(const Field& list, model::ModelParameters& p) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Field item = list.element(i);
    // Each rule is a bit of a mask in the leavers' choice (model/leaver_choice.cpp):
    // a 33rd was accepted here and stopped the run with an internal error.
    if (i == model::kMaxRules)
      item.fail("at most " + std::to_string(model::kMaxRules) + " agency rules in one scenario");
    MapReader map(item);
    model::AgencyRule rule;
    // As for levers: a variant's 'MoC' beside the base's 'moc'.
    const Field name = map.required("name");
    rule.name =
        take_unique_name(name, "rule", names, "", ": both would bind (a variant changes a rule by its exact name)");
    const std::string kind = map.required("kind").choice();
    if (auto f = map.optional("from")) rule.from = sim_day(*f, p);
    if (auto f = map.optional("until")) {
      rule.until = sim_day(*f, p);
      if (rule.until <= rule.from) f->fail_across("must be after 'from'");
    }
    // Read only for the kinds that take it (format's only_for); another's is an unknown
    // key at done(), naming the kinds that take it.
    const std::optional<Field> existing =
        format::rule_section().find("existing_from")->allowed_for(kind) ? map.optional("existing_from") : std::nullopt;
    if (existing) {
      rule.existing_from = sim_day(*existing, p);
      if (rule.existing_from < rule.from) existing->fail_across("must not be before 'from'");
    }
    read_members(map.required("members"), rule, p);
    rule.kind = kind;
    rule.terms = RuleKinds::instance().find(kind)->load(map, p);
    // It ends the assignments the rule would refuse: a kind that takes it must refuse
    // some (a cap took it without a word, and its date became a moment when the idle
    // were offered the bookings again, which moved results by chance: an audit).
    if (existing && !rule.terms->refuses_engagements()) {
      throw std::logic_error("scenario format: kind '" + kind + "' takes existing_from but refuses no engagement");
    }
    if (rule.terms->caps_at_permanent_pay()) require_permanent_pay(item, rule, p);
    map.done();
    p.rules.push_back(std::move(rule));
  }
}

}  // namespace wfsim::scenario
