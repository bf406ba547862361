#pragma once
// How short-staffed a council is, as workers' choices weigh it: its posts per person at
// work, and the factor e^(workload x (that - 1)) on its weight when above 1. One
// definition for the model's choices and for `init`, which sets each council's appeal
// to seekers against the factor it will have at the start.

#include <algorithm>
#include <cmath>

namespace wfsim::model {

// Posts per person at work (permanent workers at work and agency workers): 1 when
// every post is worked, higher as vacancies and absences go uncovered; at least one
// person counted, so a council with nobody at work is not a division by zero.
inline double posts_per_person_at_work(double all_posts, double at_work) { return all_posts / std::max(1.0, at_work); }

// The factor a council's weight carries in workers' choices for its workload: 1 with
// every post worked, e^(workload x pressure) beyond (workload is negative).
inline double workload_factor(double posts_per_person, double workload) {
  const double pressure = std::max(0.0, posts_per_person - 1);
  return pressure > 0 ? std::exp(workload * pressure) : 1.0;
}

}  // namespace wfsim::model
