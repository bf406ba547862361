#pragma once
// A name that must be unique in its list (an absence kind in its role, a policy in its
// authority, a rule in the scenario), and must not look like another there either: a
// variant changes an element by its exact name, so 'Supplement' beside 'supplement'
// left both acting, and every table shows the two alike.

#include <set>
#include <string>

#include "scenario/yaml_field.hpp"

namespace wfsim::scenario {

// `name`'s text, added to `taken`. Refused at `name`, across keys, when `taken` holds it
// ("<noun> 'X' appears twice<twice_where>") or a name that looks like it ("<noun> 'X'
// differs from 'Y' only in case, spacing or characters that show nothing<why>; give them
// names that differ otherwise").
std::string take_unique_name(const Field& name, const std::string& noun, std::set<std::string>& taken,
                             const std::string& twice_where, const std::string& why);

}  // namespace wfsim::scenario
