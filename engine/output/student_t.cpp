#include "output/student_t.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace wfsim::output {

double student_t_975(double n) {
  if (!(n >= 2)) return std::nan("");
  return boost::math::quantile(boost::math::students_t(n - 1), 0.975);
}

double observations_for(double sd, double mean, double relative) {
  const double spread = sd / (relative * std::fabs(mean));  // half-width = t * spread / sqrt(n) of the mean
  // From the normal's answer up: t falls towards 1.96 as n grows, and the normal's
  // answer is never enough, so the first n that is enough is a few steps above it.
  double n = std::max(2.0, std::ceil(1.959963984540054 * 1.959963984540054 * spread * spread));
  while (student_t_975(n) * spread > std::sqrt(n)) ++n;
  return n;
}

}  // namespace wfsim::output
