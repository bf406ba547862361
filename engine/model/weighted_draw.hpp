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

// The pay factor of an option's weight, exp(weight x ln(pay / reference)). Where the
// scenario gives no pay (a reference of 0), pay is not modelled and the factor is 1;
// work that pays nothing where others pay (a cap below the agency's margin) is never
// chosen: its factor is 0.
inline double pay_factor(double pay, double reference, double weight) {
  if (!(reference > 0) || weight == 0) return 1.0;
  if (!(pay > 0)) return 0.0;
  return std::exp(weight * std::log(pay / reference));
}

class WeightedDraw {
 public:
  static constexpr std::uint32_t kNothing = UINT32_MAX;

  void clear() { alternatives_.clear(); }
  // An alternative; a weight of 0 (an option closed to the chooser) is never drawn.
  void add(std::uint32_t id, double weight) {
    if (!(weight > 0)) return;
    alternatives_.push_back({total() + weight, id});
  }
  bool empty() const { return alternatives_.empty(); }
  std::size_t size() const { return alternatives_.size(); }
  double total() const { return alternatives_.empty() ? 0.0 : alternatives_.back().cumulative; }

  // The id drawn, or kNothing if the draw falls on `rest`: the weight of not choosing
  // any of them (waiting, staying idle). One uniform from `stream` per call.
  std::uint32_t draw(kernel::RandomStream& stream, double rest = 0) const {
    return at(stream.uniform() * (total() + rest));
  }
  // The alternative at `u` on the scale of the cumulative weights (kNothing beyond them).
  std::uint32_t at(double u) const {
    for (const Alternative& a : alternatives_) {
      if (u < a.cumulative) return a.id;
    }
    return kNothing;
  }
  // The id of the i-th alternative added (of those with a weight above 0).
  std::uint32_t id(std::size_t i) const { return alternatives_[i].id; }

 private:
  // Each id beside its running total: one array, so adding one is one append. The
  // market adds a few million a replication.
  struct Alternative {
    double cumulative;
    std::uint32_t id;
  };
  std::vector<Alternative> alternatives_;
};

// A choice among the alternatives a rule allows when it bars others. The draw is made
// among all of them, as if nothing were barred; if it falls on a barred one,
// `on_barred(id)` is told (the rule stopped that choice) and the choice is drawn again
// among the allowed ones. Either way the result is a draw among the allowed
// alternatives and `rest` alone, and with nothing barred it is the same single draw as
// allowed.draw(stream, rest).
template <typename OnBarred>
std::uint32_t draw_allowed(kernel::RandomStream& stream, const WeightedDraw& allowed, const WeightedDraw& barred,
                           double rest, OnBarred&& on_barred) {
  if (barred.empty()) return allowed.draw(stream, rest);
  const double u = stream.uniform() * (allowed.total() + barred.total() + rest);
  if (u >= allowed.total() && u < allowed.total() + barred.total()) {
    const std::uint32_t id = barred.at(u - allowed.total());
    on_barred(id == WeightedDraw::kNothing ? barred.id(barred.size() - 1) : id);  // rounding at the very end
    return allowed.draw(stream, rest);
  }
  return u < allowed.total() ? allowed.at(u) : WeightedDraw::kNothing;
}

}  // namespace wfsim::model
