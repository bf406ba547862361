#pragma once
// Same-time ordering of the model's events, and the delay draw every component uses.
//
// Events at one instant run in priority order (lower first), then in the order they
// were scheduled. The priorities are part of the results' definition: the golden
// output of tests/scenarios/same-time-ties.yaml changes if one moves. Where the model
// starts many things at one instant (the set-up, levers changing at several councils
// at once), it visits them in a drawn order (the set-up's from each role's
// same_time_order stream, the others each from a stream of its own: random_processes.hpp),
// so that with fixed delays no council is served first because it is listed first.

#include <boost/random/exponential_distribution.hpp>
#include <cstdint>
#include <span>
#include <utility>

#include "kernel/random_stream.hpp"

namespace wfsim::model {

// - a period's snapshot is taken at midnight, before any event of the next day;
// - departures free a post before arrivals fill it, so a leaver's exit precedes the
//   replacement's start and a returning worker displaces agency cover first;
// - reviews of workers whose bar lapses follow the arrivals (below);
// - decisions (notices, absences starting, offers) see the day's moves complete.
constexpr std::int32_t kPriorityPeriodEnd = 0;
// A lever that starts or ends on a day applies to that day's pay, caps and choices;
// then a rule or membership that starts on a day applies to that day's engagements,
// so a rule change on a lever's day sees the lever's pay and caps (in one class, which
// ran first depended on which was queued first).
constexpr std::int32_t kPriorityLeverChange = 1;
constexpr std::int32_t kPriorityRuleChange = 2;
constexpr std::int32_t kPriorityDeparture = 3;
constexpr std::int32_t kPriorityArrival = 4;
// A bar counted in days or months lapses at a midnight, so the reviews of everyone
// refused on one day fall at one instant. They have a class of their own, after the
// instant's arrivals, so that no arrival queued between two of them (a hire made ready
// a month before, a lever's step) splits them: the last offers the bookings to all of
// them in a drawn order, never in the order they were refused.
constexpr std::int32_t kPriorityReview = 5;
constexpr std::int32_t kPriorityDecision = 6;

// A uniformly random permutation (Fisher-Yates), drawn from `stream`.
template <typename T>
void shuffle(std::span<T> items, kernel::RandomStream& stream) {
  for (std::size_t i = items.size(); i > 1; --i) {
    const auto j = static_cast<std::size_t>(stream.uniform() * static_cast<double>(i));
    std::swap(items[i - 1], items[j < i ? j : i - 1]);
  }
}

inline double exponential_delay(kernel::RandomStream& stream, double rate) {
  return boost::random::exponential_distribution<double>(rate)(stream);
}

}  // namespace wfsim::model
