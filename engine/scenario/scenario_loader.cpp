#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <locale>
#include <map>
#include <set>
#include <sstream>

#include "kernel/calendar.hpp"
#include "scenario/change_blame.hpp"
#include "scenario/extends.hpp"
#include "scenario/key_path.hpp"
#include "scenario/name_characters.hpp"
#include "scenario/overrides.hpp"
#include "scenario/policy_loader.hpp"
#include "scenario/region_loader.hpp"
#include "scenario/role_loader.hpp"
#include "scenario/run_length.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_text.hpp"
#include "scenario/suggest.hpp"
#include "scenario/uncertain_inputs.hpp"
#include "scenario/yaml_field.hpp"
#include "support/input_file.hpp"

namespace wfsim::scenario {

namespace {

// The results count moves between every pair of categories each month: in a scenario of
// one region, each council's permanent and agency staff (2 per council, and 3 more), so
// the table grows with the square of the councils. 5,000 councils of 2 posts each
// validated and then took 24 GB before the system killed the run; here they are
// refused. Several regions count moves by region, and stay small (England: 21 rows).
constexpr double kMaxFlowCells = 64.0 * 1024 * 1024;

void check_flow_matrix_size(const Field& authorities, const model::ModelParameters& p) {
  if (p.regions.size() > 1) return;
  double periods = 0;
  for (std::int64_t day = p.report_start_day; day < p.end_day; day = kernel::first_of_next_month(day)) ++periods;
  const double categories = 2.0 * static_cast<double>(p.authorities.size()) + 3;
  const double cells = categories * categories * periods;
  if (cells > kMaxFlowCells) {
    std::ostringstream why;
    why << std::fixed << std::setprecision(0) << p.authorities.size() << " authorities in one region over " << periods
        << " months would need a table of moves between them of " << std::setprecision(1) << cells / 1e6
        << " million cells, past the " << kMaxFlowCells / 1e6
        << " million wfsim keeps in memory; split them into regions (their moves are then "
        << "counted by region), or shorten the run";
    authorities.fail(why.str());
  }
}

// Every post filled, the run would hold a worker a post: past kMostWorkers the run
// was refused only after building them, 6 s and 650 MB in, with no file or key named
// (a hostile-input audit), and temporary posts, booked with agency at the start, were
// first left out of this count (a review). Idle agency workers at the start add to it.
void check_posts_held(const Field& authorities, const model::ModelParameters& p) {
  double workers = 0;
  for (const model::Authority& a : p.authorities) {
    for (const model::Role& r : a.roles) workers += r.permanent_posts + r.temporary_posts;
  }
  for (const model::AgencySupply& s : p.agency_supply) {
    if (std::isfinite(s.available_at_start)) workers += s.available_at_start;
  }
  if (workers > static_cast<double>(model::kMostWorkers)) {
    std::ostringstream why;
    why << std::fixed << std::setprecision(0) << "the scenario has " << workers
        << " posts and idle agency workers at the start, more than the " << model::kMostWorkers
        << " workers a run can hold at once, as it would with its posts filled; simulate fewer or smaller councils";
    authorities.fail_across(why.str());
  }
}

using model::Role;

// The format version this engine reads.
constexpr int kFormatVersion = 1;

model::Authority read_authority(const Field& field, const model::ModelParameters& parameters) {
  MapReader map(field);
  model::Authority authority;
  authority.name = map.required("name").text();
  const Field roles = map.required("roles");
  if (roles.size() == 0) roles.fail_across("an authority needs at least one role");
  std::set<std::string> names;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    Role role = read_role(roles.element(i));
    if (!names.insert(role.name).second) {
      roles.element(i).fail_across("role '" + role.name + "' appears twice in authority '" + authority.name + "'");
    }
    // Roles alike within the council are refused with those of every council, once all
    // are read (refuse_roles_alike_across).
    authority.roles.push_back(std::move(role));
  }
  // A council's vacancy rate is over its permanent posts: one of temporary posts alone
  // ran, and its report refused the file ("vacancy_rate has no value", a review).
  if (std::all_of(authority.roles.begin(), authority.roles.end(),
                  [](const Role& r) { return r.permanent_posts == 0; })) {
    roles.fail_across("an authority needs at least one permanent post (its vacancy rate is over them), and '" +
                      authority.name + "' has temporary posts alone");
  }
  if (auto f = map.optional("policies")) read_policies(*f, authority, parameters);
  map.optional("neighbours");  // read once every authority is known (read_neighbours)
  map.optional("region");      // read once the regions are (read_authority_region)
  if (auto f = map.optional("workload_feedback")) {
    MapReader feedback(*f);
    authority.workload.enabled = true;
    if (auto e = feedback.optional("enabled")) authority.workload.enabled = e->boolean();
    authority.workload.caseload_at_full_cover = feedback.required("caseload_at_full_cover").non_negative();
    authority.workload.turnover_elasticity = feedback.required("turnover_elasticity").non_negative();
    feedback.done();
  }
  map.done();
  return authority;
}

// The day a length from the start ends: the run's (`what` "the run") or the warm-up's.
// A date past 2200 is refused as written; so is a run that reaches past it (from 2100,
// 150 years ran to 2249).
void refuse_past_last_year(const Field& duration, std::int64_t end_day) {
  if (kernel::civil_from_days(end_day - 1).year <= kLastYear) return;
  duration.fail_across("the run would end on " + kernel::format_iso_date(end_day - 1) + ", after " +
                       std::to_string(kLastYear) +
                       ", the last year a scenario may use: start earlier or make it "
                       "shorter");
}

std::int64_t run_end(const Field& duration, std::int64_t start_day, const std::string& what = "the run") {
  const double days = duration.duration_days();
  // Judged as rounded, as run_end_day takes it (scenario-reference.md): 0.6 days is a
  // day, and was refused as shorter than one.
  if (!(std::round(days) >= 1))
    duration.fail(what + " must last at least one day" + (what == "the run" ? "" : " (or leave it out)"));
  return run_end_day(start_day, days, duration.node().Scalar());
}

// Roles of one name share their region's agency market and pool and the rules' caps: a
// council's 'social_worker' with a zero-width space, or 'Social_worker', looked the
// same in every table yet had a market of its own, with unlimited agency supply and
// no cap. Two roles that look alike, in one council or two, must be written alike.
void refuse_roles_alike_across(const Field& authorities, const model::ModelParameters& p) {
  // Each look, the first name and council giving it: one lookup a role, as England's
  // 151 councils have 151 roles and a scenario may have thousands.
  std::map<std::string, std::pair<std::string, std::size_t>> first_of;
  for (std::size_t i = 0; i < p.authorities.size(); ++i) {
    const auto& roles = p.authorities[i].roles;
    for (std::size_t r = 0; r < roles.size(); ++r) {
      const auto [first, inserted] = first_of.try_emplace(folded_for_comparison(roles[r].name), roles[r].name, i);
      if (inserted || first->second.first == roles[r].name) continue;
      // Which of the two is the slip is not known (a --set may have made either), so
      // neither is named as the one to copy.
      MapReader(MapReader(authorities.element(i)).required("roles").element(r))
          .required("name")
          .fail_across("role '" + invisibles_shown(roles[r].name) + "' differs from '" +
                       invisibles_shown(first->second.first) + "' of authority '" +
                       invisibles_shown(p.authorities[first->second.second].name) +
                       "' only in case, spacing or characters that show nothing; roles of one name share their "
                       "region's agency market, pool and the rules' caps, and these two would each have their "
                       "own: write them alike");
    }
  }
}

// Every authority, each name once and none the name of their total row, each in its
// region; then the size of the table of moves between them.
void read_authorities(const Field& authorities, model::ModelParameters& p) {
  if (authorities.size() == 0) authorities.fail_across("a scenario needs at least one authority");
  std::map<std::string, std::string> by_look;  // each name as a table shows it, and the name
  for (std::size_t i = 0; i < authorities.size(); ++i) {
    model::Authority a = read_authority(authorities.element(i), p);
    const auto [earlier, inserted] = by_look.try_emplace(folded_for_comparison(a.name), a.name);
    if (!inserted && earlier->second == a.name) {
      authorities.element(i).fail_across("authority '" + a.name + "' appears twice");
    }
    // info, export and the charts find a council by its name ignoring case, and a
    // table shows "Bracknell  Forest" as "Bracknell Forest".
    if (!inserted) {
      authorities.element(i).fail_across(
          "authority '" + invisibles_shown(a.name) + "' differs from '" + invisibles_shown(earlier->second) +
          "' only in case, spacing or characters that show nothing, and the results find councils by name "
          "ignoring case; give them names that differ otherwise");
    }
    // The results name the councils' total so: a council of that name made two rows
    // alike, and info, export and the charts took one for the other.
    for (const char* reserved : model::kTotalRowNames) {
      if (authorities.size() > 1 && look_alike(a.name, reserved)) {
        MapReader(authorities.element(i))
            .required("name")
            .fail("'" + a.name + "' names the councils' total in the results; give the council another name");
      }
    }
    p.authorities.push_back(std::move(a));
    MapReader authority(authorities.element(i));
    read_authority_region(authority, authorities.element(i), i, p);
  }
  refuse_roles_alike_across(authorities, p);
  check_flow_matrix_size(authorities, p);
}

// The run's dates: its start, its end (given as 'end' or as 'duration', within 200 years
// and the last year a date may name) and the end of any warm-up.
void read_run_dates(MapReader& map, const Field& root, model::ModelParameters& p) {
  p.start_day = map.required("start").date_days();
  const auto end = map.optional("end");
  const auto duration = map.optional("duration");
  if (end && duration) {
    duration->fail_across(
        "give either 'end' or 'duration', not both (a variant giving 'end' over its base's 'duration' writes "
        "'duration: ~' to drop it)");
  }
  if (end) {
    p.end_day = end->date_days();
    if (p.end_day <= p.start_day) end->fail_across("must be after the start date");
    // The bound 'duration' has: dates alone allowed a run of 300 years (1900 to 2200).
    if (static_cast<double>(p.end_day - p.start_day) > format::kLongestDurationDays) {
      end->fail_across(
          "must be at most 200 years after the start date (longer than any workforce question; the "
          "run would not finish)");
    }
  } else if (duration) {
    p.end_day = run_end(*duration, p.start_day);
    refuse_past_last_year(*duration, p.end_day);
  } else {
    map.refuse_misspelling_of({"duration", "end"});
    root.fail_across("missing 'duration' (such as '10 years') or 'end' (a date)");
  }
  p.report_start_day = p.start_day;
  if (auto f = map.optional("warmup")) {
    p.report_start_day = run_end(*f, p.start_day, "a warm-up");
    if (p.report_start_day >= p.end_day) f->fail_across("the warm-up must end before the run does");
  }
}

Scenario read_scenario(const Field& root) {
  MapReader map(root, format::scenario_section());
  Scenario scenario;
  if (auto f = map.optional("wfsim")) {
    if (f->number() != kFormatVersion) {
      f->fail("this engine reads scenario format " + std::to_string(kFormatVersion) + ", the file says " +
              f->node().Scalar());
    }
  }
  scenario.name = map.required("name").text();
  if (auto f = map.optional("description")) scenario.description = f->text();
  map.optional("extends");  // already resolved into the tree; accepted here
  model::ModelParameters& p = scenario.parameters;
  read_run_dates(map, root, p);
  if (auto f = map.optional("warm_start")) p.warm_start = f->boolean();
  const auto regions = map.optional("regions");
  if (regions) read_regions(*regions, p);
  const Field authorities = map.required("authorities");
  read_authorities(authorities, p);
  if (regions) refuse_empty_regions(*regions, p);
  if (auto f = map.optional("agency_supply")) read_agency_supply(*f, p);
  check_posts_held(authorities, p);
  if (auto f = map.optional("labour_pool")) read_labour_pool(*f, p);
  if (auto f = map.optional("labour_market")) read_labour_market(*f, p);
  // Neighbours name other authorities, so they are read once all are known.
  for (std::size_t i = 0; i < authorities.size(); ++i) {
    MapReader authority(authorities.element(i));
    if (authority.has("neighbours")) read_neighbours(*authority.optional("neighbours"), i, p);
  }
  if (auto f = map.optional("rules")) read_rules(*f, p);
  map.done();
  return scenario;
}

}  // namespace

namespace {

// Each override applied to `root`, in order. The values YAML anchors share are found
// again only after an override that sets a mapping or a list: it may carry an anchor and
// alias of its own, or end a sharing by replacing what held it (a walk of England's
// scenario for each of 150 --set of numbers took 0.7 s).
std::vector<Override> apply_overrides(YAML::Node& root, const ResolvedScenario& resolved,
                                      const std::vector<std::string>& overrides,
                                      const std::vector<std::string>& origins, const std::string& file_label) {
  std::vector<Override> applied;
  // Where an anchor was written: a --set before, or the file.
  const auto file_of = [&](const std::string& path) {
    for (auto it = applied.rbegin(); it != applied.rend(); ++it) {
      if (key_path_within(path, it->key_path)) return it->origin + " " + it->text;
    }
    return origin_of(resolved, path);
  };
  std::optional<SharedNodes> shared;
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    if (!shared) shared.emplace(root, file_of);
    applied.push_back(apply_override(root, overrides[i], i < origins.size() ? origins[i] : "--set", &*shared));
    if (!find_key(root, applied.back().key_path, file_label).IsScalar()) shared.reset();
  }
  return applied;
}

}  // namespace

Scenario load_scenario_text(const std::string& text, const std::string& file_label,
                            const std::vector<std::string>& overrides, const std::vector<std::string>& origins) {
  if (text.size() > kMaxScenarioBytes) {
    throw ScenarioError(SourceLocation{file_label}, "",
                        "the scenario is larger than " + support::describe_size(kMaxScenarioBytes) +
                            ", far beyond any real one; is it the right file?");
  }
  YAML::Node root = parse_single_document(text, file_label);
  const ResolvedScenario resolved = resolve_extends(root, file_label);
  root = resolved.root;
  const std::vector<Override> applied = apply_overrides(root, resolved, overrides, origins, file_label);

  const LocateFn locate = [&](const std::string& key_path, const YAML::Node& node) {
    // A value that came from an override (or lies inside one) is reported as such.
    for (auto it = applied.rbegin(); it != applied.rend(); ++it) {
      if (key_path_within(key_path, it->key_path)) return SourceLocation{it->origin + " " + it->text, 0, 0};
    }
    // Otherwise the file the value came from: this one, or one it extends.
    const std::string file = origin_of(resolved, key_path);
    const YAML::Mark mark = node.Mark();
    SourceLocation where{file, mark.line < 0 ? 0 : mark.line + 1, mark.line < 0 ? 0 : mark.column + 1};
    // A removal behind the check first: a --set nearer the key was named in its place.
    const std::vector<Change> over = changes_over(resolved, file);
    where.changed_by = removals_named(over, key_path, node);
    if (where.changed_by.empty()) where.changed_by = changes_near(changes_of(applied), key_path, node);
    if (where.changed_by.empty()) where.changed_by = changes_near(over, key_path, node);
    where.note = appended_note(resolved, key_path);
    return where;
  };
  if (!root.IsDefined() || root.IsNull()) throw ScenarioError(SourceLocation{file_label}, "", "the scenario is empty");
  std::vector<UncertainInput> uncertain = take_uncertain_inputs(root, locate);
  Scenario scenario = read_scenario(Field(root, "", &locate));
  scenario.uncertain_inputs = std::move(uncertain);
  scenario.file = file_label;
  scenario.text = text;
  scenario.overrides = overrides;
  scenario.extends = resolved.chain;
  scenario.extends_texts = resolved.chain_texts;
  scenario.resolved_text = resolved.resolved_text;
  scenario.sources.unlisted = resolved.base_file;
  for (const Origin& o : resolved.origins) {
    scenario.sources.written.push_back({o.key_path, o.file});
    // An appended element under a name near one of the base's is noted; one the base
    // has in another region is a new region's own, as a variant adding a region writes it.
    if (o.near_base_name) scenario.appended_near.push_back(o.appended);
  }
  for (const Override& o : applied) scenario.sources.written.push_back({o.key_path, o.origin + " " + o.text});
  if (!scenario.uncertain_inputs.empty()) check_spread_ends(scenario);
  return scenario;
}

Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& overrides,
                            const std::vector<std::string>& origins) {
  // An empty name (a shell variable not set) was said as ": cannot read ...".
  if (path.empty()) throw ScenarioError(SourceLocation{"''"}, "", "the scenario file's name is empty");
  std::string text;
  try {
    text = support::read_input_file(path, kMaxScenarioBytes);
  } catch (const support::InputFileError& e) {
    throw ScenarioError(SourceLocation{path}, "", std::string("cannot read the scenario file: ") + e.what());
  }
  return load_scenario_text(text, path, overrides, origins);
}

}  // namespace wfsim::scenario
