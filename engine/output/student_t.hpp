#pragma once
// The 95% interval of a mean: Student's t quantile for n observations.

namespace wfsim::output {

// The 97.5% quantile of Student's t with n - 1 degrees of freedom, for the two-sided
// 95% interval of the mean of n observations (NaN for n < 2). The normal's 1.96 is too
// narrow at small n: 4.30 at n = 3, 2.26 at 10, 1.98 at 100.
double student_t_975(double n);

// The fewest observations (at least 2) whose 95% interval on the mean is at most
// `relative` of the mean, for observations of standard deviation `sd` about `mean`.
double observations_for(double sd, double mean, double relative);

}  // namespace wfsim::output
