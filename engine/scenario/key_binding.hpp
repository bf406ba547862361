#pragma once
// Keys bound to a member of the struct their section is read into: declared once in
// the scenario format, with `.store = store_into<&model::Pay::salary_per_year>`, and
// read by MapReader::read_bound with the conversion the key's type declares. Keys
// whose reading relates several values (shares adding to 1, a count bounded by
// another) keep loader code of their own.

#include <string>

#include "kernel/distribution.hpp"
#include "scenario/yaml_field.hpp"

namespace wfsim::scenario {

namespace detail {
template <class>
struct MemberOf;
template <class Struct, class Value>
struct MemberOf<Value Struct::*> {
  using StructType = Struct;
  using ValueType = Value;
};
}  // namespace detail

template <auto Member>
void store_into(void* target, const Field& value) {
  using Traits = detail::MemberOf<decltype(Member)>;
  static_cast<typename Traits::StructType*>(target)->*Member = value.as<typename Traits::ValueType>();
}

}  // namespace wfsim::scenario
