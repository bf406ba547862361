#include "scenario/unique_name.hpp"

#include "scenario/name_characters.hpp"

namespace wfsim::scenario {

std::string take_unique_name(const Field& name, const std::string& noun, std::set<std::string>& taken,
                             const std::string& twice_where, const std::string& why) {
  std::string text = name.text();
  if (!taken.insert(text).second) name.fail_across(noun + " '" + text + "' appears twice" + twice_where);
  for (const std::string& other : taken) {
    if (other != text && look_alike(other, text)) {
      name.fail_across(noun + " '" + invisibles_shown(text) + "' differs from '" + invisibles_shown(other) +
                       "' only in case, spacing or characters that show nothing" + why +
                       "; give them names that differ otherwise");
    }
  }
  return text;
}

}  // namespace wfsim::scenario
