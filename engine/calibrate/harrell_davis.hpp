#pragma once
// The Harrell-Davis estimate of a quantile (Harrell and Davis, Biometrika 1982): a
// weighted mean of all the order statistics, the weight of the i-th of n being the
// probability that a Beta(p(n+1), (1-p)(n+1)) variable falls in ((i-1)/n, i/n].
//
// Why here: the backtest brings a forecast's median to a target by a root search on the
// model's parameters. The usual sample quantile moves in jumps as the replications'
// values cross each other, so a search cannot tell a small move from none; this estimate
// moves smoothly with every replication's value, and for a smooth distribution it has
// a smaller error than the sample quantile.

#include <vector>

namespace wfsim::calibrate {

// The estimate of the p-quantile (0 < p < 1) of the values, in any order; NaN if empty.
double harrell_davis_quantile(std::vector<double> values, double p);

}  // namespace wfsim::calibrate
