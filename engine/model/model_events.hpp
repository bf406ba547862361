#pragma once
// The model's event types, same-time priorities and a shared sampling helper; private
// to the model's source files.

#include <boost/random/exponential_distribution.hpp>
#include <cstdint>

#include "kernel/random_stream.hpp"

namespace wfsim::model::detail {

enum EventType : std::uint32_t {
  kPeriodEnd,
  kNotice,
  kLeave,
  kAbsenceStart,
  kAbsenceEnd,
  kOfferDue,
  kApplicant,
  kReplacementReady,
  kAgencyArrival,
  kAgencyAssignmentEnd,
  kMarketJoin,
  kMarketLeave,
  kConversion,
  kEligibility,
  kPoolArrival,
  kCohort,
  kSeekerLeave,
  kRuleChange,
  kPolicyChange,
  kCohortStart,
  kTraineeQualified,
  kWarmupEnd,
  kInductionEnd,
};

// Same-time ordering (lower runs first):
// - a period's snapshot is taken at midnight, before any event of the next day;
// - departures free a post before arrivals fill it, so a leaver's exit precedes the
//   replacement's start and a returning worker displaces agency cover first;
// - decisions (notices, absences starting, offers) see the day's moves complete.
constexpr std::int32_t kPriorityPeriodEnd = 0;
// A rule or membership that starts on a day applies to that day's engagements.
constexpr std::int32_t kPriorityRuleChange = 1;
constexpr std::int32_t kPriorityDeparture = 2;
constexpr std::int32_t kPriorityArrival = 3;
constexpr std::int32_t kPriorityDecision = 4;

inline double exponential_delay(kernel::RandomStream& stream, double rate) {
  return boost::random::exponential_distribution<double>(rate)(stream);
}

}  // namespace wfsim::model::detail
