#pragma once
// Where each of a loaded scenario's values was written: the scenario's own file, a base
// it extends, or a --set. Messages about a valid scenario (validate's notes) name it,
// as errors do: a note about a value a base or a --set gave once named the file on the
// command line, where the value is not.

#include <string>
#include <vector>

namespace wfsim::scenario {

struct ValueSource {
  std::string key_path;  // the values at and below this path were written by...
  std::string label;     // ...this: a file, or an override as given ("--set key=value")
};

struct ValueSources {
  std::string unlisted;              // the file every value not listed below came from
  std::vector<ValueSource> written;  // each over the ones before it
};

// Who wrote the values at `key_path`, with the sources that changed values inside it
// or in `context`, the parts of the scenario it is read with ("base.yaml (as changed
// by v.yaml)"): a note about a role's pay is about the rate a variant set inside it
// too, and one that a share is covered nowhere is about the cover_vacancies it set.
std::string written_in(const ValueSources& sources, const std::string& key_path,
                       const std::vector<std::string>& context = {});

// The key path a note starts with ("authorities[0].roles[0].pay" of
// "authorities[0].roles[0].pay: its agency charge rate ..."); "" where none.
std::string leading_key_path(const std::string& note);

}  // namespace wfsim::scenario
