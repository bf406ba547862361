#include "scenario/change_blame.hpp"

#include <set>

#include "scenario/key_path.hpp"

namespace wfsim::scenario {

namespace {

// The key path one level up ("a.b[0].c" -> "a.b[0]" -> "a.b" -> "a" -> "").
std::string parent_of(const std::string& path) {
  const std::size_t at = path.find_last_of(".[");
  return at == std::string::npos ? std::string() : path.substr(0, at);
}

bool renames(const std::string& key_path) { return key_path.size() > 5 && key_path.ends_with(".name"); }

}  // namespace

std::string removals_named(const std::vector<Change>& changes, const std::string& key_path, const YAML::Node& node) {
  std::string named;
  for (const Change& c : changes) {
    if (c.removed_from.empty()) continue;
    // A count of what is left can only have been lowered by a removal: named only for
    // an emptied list (a scenario needs at least one authority).
    const bool emptied = node.IsSequence() && node.size() == 0 && c.removed_from == key_path;
    const bool names_it = node.IsScalar() && node.Scalar() == c.removed_name;
    if (emptied || names_it) named += (named.empty() ? "" : ", ") + c.label;
  }
  return named;
}

// The changes that may have made a check on `key_path` fail although the text of the
// value's own file is unchanged there: those inside it (a share of a map whose shares
// must add up); failing those, those in the same section two levels up (a role's
// permanent_posts, when its initial.in_post is checked against them), or for a
// top-level key, or the scenario as a whole, the top-level keys (`end`, when
// `duration` is checked against it). Comma-separated, in order; empty if none.
std::string changes_near(const std::vector<Change>& changes, const std::string& key_path, const YAML::Node& node) {
  const std::string parent = parent_of(key_path);
  const std::string grandparent = parent_of(parent);
  auto list = [&](auto&& is_near) {
    std::string near;
    for (const Change& c : changes) {
      // A removal has no key path of its own: it is near a check of its list, or as
      // reaching far.
      if (!c.key_path.empty() && !c.whole_list_only && is_near(c.key_path)) {
        near += (near.empty() ? "" : ", ") + c.label;
      }
    }
    return near;
  };
  std::string near = removals_named(changes, key_path, node);
  if (!near.empty()) return near;
  for (const Change& c : changes) {
    if (c.whole_list_only && parent_of(c.key_path) == key_path) near += (near.empty() ? "" : ", ") + c.label;
  }
  if (!near.empty()) return near;
  near = key_path.empty() ? "" : list([&](const std::string& p) { return key_path_within(p, key_path); });
  if (!near.empty()) return near;
  near = list([&](const std::string& p) {
    if (!grandparent.empty()) return key_path_within(p, grandparent);
    if (!parent.empty()) return key_path_within(p, parent);
    return parent_of(p).empty();
  });
  if (!near.empty()) return near;
  std::string far;
  for (const Change& c : changes) {
    if (c.reaches_far) far += (far.empty() ? "" : ", ") + c.label;
  }
  return far;
}

std::vector<Change> changes_of(const std::vector<Override>& applied) {
  std::vector<Change> changes;
  for (const Override& o : applied)
    changes.push_back({o.key_path, o.origin + " " + o.text, renames(o.key_path), "", "", false});
  return changes;
}

// The keys that files other than `file` set over it, as "v.yaml:LINE:COLUMN: KEY": a variant's
// change to a value its base's checks compare with the base's own (a turnover the
// base's notice is checked against). An element a variant appended is named only for a
// check over its whole list: its own values are the variant's, and reported as such.
std::vector<Change> changes_over(const ResolvedScenario& resolved, const std::string& file) {
  std::vector<Change> changes;
  for (const Origin& o : resolved.origins) {
    if (o.file == file) continue;
    // With its line: the key path's list indices are the merged scenario's (England's
    // Kent is authorities[123] there, authorities[0] in the variant that changed it).
    const std::string at = o.line > 0 ? ":" + std::to_string(o.line) + ":" + std::to_string(o.column) : "";
    if (o.appended.empty()) {
      changes.push_back({o.key_path, o.file + at + ": " + o.key_path, renames(o.key_path), "", "", false});
    } else {
      // An appended element changes only what is checked over its whole list (the posts
      // over every council): a variant adding councils past the limit was said as its
      // 'name' (a review). Checks inside it name its own file already.
      changes.push_back({o.key_path, o.file + at + ": added " + o.key_path, false, "", "", true});
    }
  }
  // Only what other keys rely on can break them: an authority (neighbours, members), a
  // region, a role, an absence kind (initial.absent), a supply or pool (a rule's
  // workers). A rule or lever taken out breaks nothing, and was named beside unrelated
  // errors.
  static const std::set<std::string> kReliedOnNowhere = {"rules", "policies"};
  for (const Removal& r : resolved.removals) {
    if (r.file == file || kReliedOnNowhere.count(r.list) != 0) continue;
    const std::string at = r.line > 0 ? ":" + std::to_string(r.line) + ":" + std::to_string(r.column) : "";
    changes.push_back(
        {"", r.file + at + ": took '" + r.identity + "' out of " + r.list, true, r.list_path, r.name, false});
  }
  return changes;
}

}  // namespace wfsim::scenario
