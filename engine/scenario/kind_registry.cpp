#include "scenario/kind_registry.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace wfsim::scenario {

template <class Made>
void KindRegistry<Made>::add(Kind<Made> kind) {
  if (find(kind.name) != nullptr) throw std::logic_error("kind '" + std::string(kind.name) + "' registered twice");
  const auto at = std::lower_bound(kinds_.begin(), kinds_.end(), kind.name,
                                   [](const Kind<Made>& k, std::string_view name) { return k.name < name; });
  kinds_.insert(at, std::move(kind));
}

template <class Made>
const Kind<Made>* KindRegistry<Made>::find(std::string_view name) const {
  for (const Kind<Made>& k : kinds_) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

template <class Made>
std::vector<std::string_view> KindRegistry<Made>::names() const {
  std::vector<std::string_view> names;
  for (const Kind<Made>& k : kinds_) names.push_back(k.name);
  return names;
}

template <class Made>
std::vector<format::Key> KindRegistry<Made>::keys() const {
  std::vector<format::Key> keys;
  for (const Kind<Made>& kind : kinds_) {
    for (const format::Key& key : kind.keys) {
      auto same = std::find_if(keys.begin(), keys.end(), [&](const format::Key& k) { return k.name == key.name; });
      if (same == keys.end()) {
        keys.push_back(key);
        keys.back().only_for = {kind.name};
      } else {
        same->only_for.push_back(kind.name);
      }
    }
  }
  return keys;
}

template class KindRegistry<model::RuleTerms>;
template class KindRegistry<model::Lever>;

}  // namespace wfsim::scenario
