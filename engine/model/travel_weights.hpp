#pragma once
// What the journey from home does to a council's appeal: exp of the travel term of a
// worker's utility for each Travel, 1 at home. Fixed for a model's run, so a component
// that weighs councils keeps its own copy next to its other weights.

#include <array>
#include <cmath>
#include <cstddef>

#include "model/parameters.hpp"
#include "model/role_table.hpp"

namespace wfsim::model {

class TravelWeights {
 public:
  explicit TravelWeights(const LabourMarket& choice)
      : weight_{1.0, std::exp(choice.neighbour), std::exp(choice.region)} {}

  double operator[](Travel travel) const { return weight_[static_cast<std::size_t>(travel)]; }

 private:
  std::array<double, 3> weight_;  // indexed by Travel: home, neighbour, region
};

}  // namespace wfsim::model
