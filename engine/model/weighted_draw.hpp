#pragma once
// One draw of a multinomial logit: alternatives added with their weights (the
// exponential of their utility), one chosen with probability proportional to its
// weight. A choice is always a draw from a keyed stream, never the first or best in a
// list, so ties between equal alternatives are broken at random and results depend on
// nothing but the draws.

#include <cmath>
#include <cstdint>
#include <vector>

#include "kernel/random_stream.hpp"

namespace wfsim::model {

// ln(pay / reference): the pay term of a utility, before its weight. Where the scenario
// gives no pay (a zero reference or rate), pay is not modelled and the term is 0.
inline double log_pay_ratio(double pay, double reference) {
  return pay > 0 && reference > 0 ? std::log(pay / reference) : 0.0;
}

class WeightedDraw {
 public:
  static constexpr std::uint32_t kNothing = UINT32_MAX;

  void clear() {
    ids_.clear();
    cumulative_.clear();
  }
  // An alternative; a weight of 0 (an option closed to the chooser) is never drawn.
  void add(std::uint32_t id, double weight) {
    if (!(weight > 0)) return;
    ids_.push_back(id);
    cumulative_.push_back((cumulative_.empty() ? 0.0 : cumulative_.back()) + weight);
  }
  bool empty() const { return ids_.empty(); }
  double total() const { return cumulative_.empty() ? 0.0 : cumulative_.back(); }

  // The id drawn, or kNothing if the draw falls on `rest`: the weight of not choosing
  // any of them (waiting, staying idle). One uniform from `stream` per call.
  std::uint32_t draw(kernel::RandomStream& stream, double rest = 0) const {
    const double u = stream.uniform() * (total() + rest);
    for (std::size_t i = 0; i < cumulative_.size(); ++i) {
      if (u < cumulative_[i]) return ids_[i];
    }
    return kNothing;
  }

 private:
  std::vector<std::uint32_t> ids_;
  std::vector<double> cumulative_;
};

}  // namespace wfsim::model
