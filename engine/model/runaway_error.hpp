#pragma once
// A scenario that makes the model grow without bound: bad input found while running.
//
// Each value of a scenario can lie within its bounds while together they make workers
// far faster than posts take them (agency joiners at 1e9 a year; a supply elasticity
// of 50 against agency pay 40 times the market's): the run then took gigabytes within
// seconds. The store stops it at a size no real scenario comes near.

#include <stdexcept>

namespace wfsim::model {

class RunawayError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace wfsim::model
