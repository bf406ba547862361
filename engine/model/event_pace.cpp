#include "model/event_pace.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "model/runaway_error.hpp"

namespace wfsim::model {

void throw_too_fast(const kernel::TooFast& e, std::size_t posts, double day, std::string_view handling) {
  const auto limit = static_cast<long long>(events_per_day_limit(posts));
  char span[32];
  std::snprintf(span, sizeof span, "%.3g", e.span());
  throw RunawayError("the run made " + std::to_string(e.events()) + " events in " + span + " simulated days, to day " +
                     std::to_string(static_cast<long long>(std::floor(day))) + " of the run (a scenario of " +
                     std::to_string(posts) + " posts may make " + std::to_string(limit) + " a day), the last of them " +
                     std::string(handling) +
                     ": a rate makes events without bound, or without end at one instant (a long absence's "
                     "starts_per_year with a duration near 0, agency conversion_per_year, offer_failure_probability "
                     "near 1 with no time from approval to offer, a workload turnover_elasticity?)");
}

}  // namespace wfsim::model
