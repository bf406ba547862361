#pragma once
// How uncertain a fit's parameters are: the Monte Carlo spread of the targets' simulated
// means, and the targets' own stated spread, carried through the fit's linearisation.

#include <cstddef>
#include <vector>

namespace wfsim::calibrate {

using Matrix = std::vector<std::vector<double>>;

// The mean and standard error of values, one a replication (two passes, so a spread
// far smaller than the mean keeps its digits).
struct MeanAndError {
  double mean = 0;
  double standard_error = 0;
};
MeanAndError mean_and_error(const std::vector<double>& values);

// The covariance of the targets' means over replications: values[i][k] is target i in
// replication k, NaN where the measure has no value there. Each mean is over its own
// n_i defined values: covariance(i, j) is the sum, over the replications where both are
// defined, of (x_ik - mean_i)(x_jk - mean_j) / sqrt(n_i (n_i - 1) n_j (n_j - 1)). The
// diagonal is each mean's squared standard error; where every value is defined the rest
// is the sample covariance over n; and the matrix, a sum of outer products, has no
// negative variance (pairwise covariances over different replications could have one).
Matrix covariance_of_means(const std::vector<std::vector<double>>& values);

// A^-1 by Gauss-Jordan with partial pivoting; empty if singular.
Matrix inverse(Matrix a);

// The parameters' covariance for the fit that minimises sum_i w_i (mean_i - target_i)^2,
// linearised at the optimum with jacobian[i][j] = d mean_i / d parameter_j: with
// A = (J'WJ)^-1 J'W, the parameters move by A times the targets' errors, so their
// covariance is A errors A'. `errors` is the covariance of those errors (the means' Monte
// Carlo covariance plus each target's stated variance on the diagonal). Where every
// target is matched exactly (as many targets as parameters, J square) A is J^-1 and
// the weights drop out. Empty where the parameters outnumber the targets or J'WJ is
// singular.
Matrix parameter_covariance(const Matrix& jacobian, const std::vector<double>& weights, const Matrix& errors);

}  // namespace wfsim::calibrate
