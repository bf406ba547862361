#pragma once
// Non-negative random quantities (delays, durations) of a few named families.
//
// A Distribution is a small value type (no virtual calls on the hot path). It is
// built once from validated parameters and sampled many times.

#include <string>
#include <vector>

#include "kernel/random_stream.hpp"

namespace wfsim::kernel {

class Distribution {
 public:
  enum class Family { fixed, exponential, lognormal, gamma, uniform, empirical };

  static Distribution fixed(double value);
  static Distribution exponential(double mean);
  // Parameterised by the mean and standard deviation of the variable itself.
  static Distribution lognormal(double mean, double sd);
  static Distribution gamma(double shape, double scale);
  static Distribution uniform(double low, double high);
  // Draws one of the observed values, each with equal probability.
  static Distribution empirical(std::vector<double> values);

  Distribution() = default;  // fixed at zero

  double sample(RandomStream& stream) const;
  // One that is already under way when looked at a random moment of a steady stream of
  // them: how long it has run and how long it has left. Long ones are more likely to be
  // under way, so the whole is drawn length-biased (density x f(x) / E[X]) and split at
  // a uniform point; the time left then has the stationary excess (equilibrium
  // residual) density P(X > t) / E[X], and so has the time run. Used to start a run
  // part-way through what is in progress, not on the hot path.
  struct PartWay {
    double elapsed;
    double remaining;
  };
  PartWay sample_part_way(RandomStream& stream) const;
  double sample_residual(RandomStream& stream) const { return sample_part_way(stream).remaining; }
  double mean() const;
  // The largest value a draw can take: infinity for the unbounded families.
  double largest() const;
  Family family() const { return family_; }
  std::string describe() const;

 private:
  double sample_gamma(RandomStream& stream) const;
  double sample_length_biased(RandomStream& stream) const;

  Family family_ = Family::fixed;
  double a_ = 0;  // fixed: value; exponential: mean; lognormal: mu; gamma: shape; uniform: low
  double b_ = 0;  // lognormal: sigma; gamma: scale; uniform: high
  // gamma: Marsaglia and Tsang's d and c for shape max(a, a + 1 if a < 1).
  double d_ = 0;
  double c_ = 0;
  std::vector<double> values_;
};

}  // namespace wfsim::kernel
