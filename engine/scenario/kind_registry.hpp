#pragma once
// Kinds of agency rule and of lever, registered by name.
//
// A kind is one file under engine/kinds/: its own scenario keys (beside the keys every
// rule or every lever has), the function that reads them, and the object that loader
// returns, which is what the kind does in the model (model::RuleTerms, model::Lever).
// The file registers the kind with a static Registration, so adding a kind touches
// that file, its test and its docs, and nothing else: the format's `kind` choices,
// the JSON Schema and the loader all look kinds up here.

#include <memory>
#include <string_view>
#include <vector>

#include "model/lever.hpp"
#include "model/parameters.hpp"
#include "model/rule_book.hpp"
#include "scenario/scenario_format.hpp"
#include "scenario/yaml_field.hpp"

namespace wfsim::scenario {

template <class Made>
struct Kind {
  std::string_view name;
  // The kind's own keys; the registry fills in each key's only_for.
  std::vector<format::Key> keys;
  // Reads the kind's own keys from `map` (the common keys are read already, and the
  // caller checks for unknown keys afterwards).
  std::shared_ptr<const Made> (*load)(MapReader& map, const model::ModelParameters& parameters);
};

using RuleKind = Kind<model::RuleTerms>;
using LeverKind = Kind<model::Lever>;

template <class Made>
class KindRegistry {
 public:
  static KindRegistry& instance() {
    static KindRegistry registry;
    return registry;
  }
  // Kinds are kept in name order, whatever order their files registered in.
  void add(Kind<Made> kind);
  const Kind<Made>* find(std::string_view name) const;
  std::vector<std::string_view> names() const;
  // Every kind's keys, in kind order; a key two kinds share (by name) appears once,
  // allowed for both.
  std::vector<format::Key> keys() const;

 private:
  std::vector<Kind<Made>> kinds_;
};

template <class Made>
struct Registration {
  explicit Registration(Kind<Made> kind) { KindRegistry<Made>::instance().add(std::move(kind)); }
};

using RuleKinds = KindRegistry<model::RuleTerms>;
using LeverKinds = KindRegistry<model::Lever>;

extern template class KindRegistry<model::RuleTerms>;
extern template class KindRegistry<model::Lever>;

}  // namespace wfsim::scenario
