#pragma once
// One input known only as a spread of values (uncertain_inputs.hpp says how they are
// given, found and drawn).

#include <string>

namespace wfsim::scenario {

struct UncertainInput {
  enum class Shape { normal, uniform };
  std::string path;  // the key path, as --set takes it
  Shape shape = Shape::normal;
  double first = 0;   // normal: mean; uniform: low
  double second = 0;  // normal: standard deviation; uniform: high
  double lowest = 0;  // the key's bounds, which a normal is cut to
  double highest = 0;
  // Where the spread is written, for messages about the values it reaches.
  std::string file;
  int line = 0, column = 0;

  double central() const { return shape == Shape::normal ? first : 0.5 * (first + second); }
  // The value at quantile u in (0, 1): the inverse of the (cut) distribution function,
  // so one uniform draw gives the value and variants stay paired.
  double at_quantile(double u) const;
  double variance() const;  // of the value drawn (the normal's before it is cut)
  std::string describe() const;
};

}  // namespace wfsim::scenario
