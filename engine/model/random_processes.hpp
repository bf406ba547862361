#pragma once
// The model's random processes. Each (group, process) pair, a group being an authority,
// a role, a market or the model (below), draws from its own stream, so changing one
// process's parameters does not shift any other's draws.
// The numbers are part of the results' definition: never renumber, only append.

#include <cstdint>

namespace wfsim::model {

enum class Process : std::uint32_t {
  tenure = 1,          // time to a permanent worker's notice
  notice = 2,          // notice length and destination
  recruitment = 3,     // approval-to-offer, offer failure, offer-to-start
  applicants = 4,      // applicant arrivals
  agency_booking = 5,  // booking delay
  agency_tenure = 6,   // agency assignment ending
  absence_start = 7,   // time to a long absence, and its kind
  absence_length = 8,  // its duration
  sickness = 9,        // short-sickness days
  agency_market = 10,  // idle agency workers' stays in the market
  labour_pool = 11,    // seekers' stays in the pool seeking permanent posts
  experience = 12,     // post-qualified experience of permanent staff and seekers new to the region
  conversion = 13,     // agency workers taking permanent posts
  policies = 14,       // the model: the order the policies start (each policy's own draws: kPolicyStreamBase)
  careers = 15,        // markets: a move of a permanent leaver or seeker to a neighbouring region, and their home there
  agency_choice = 16,  // markets: who takes a booking, which booking a free worker takes
  seeker_choice = 17,  // markets: which post a seeker applies for, who applies for a post
  same_time_order = 18,    // roles: each post's place in the set-up's order; markets: free workers, re-checks
  starting_position = 19,  // what is under way at the start; markets: those idle at the start
  starting_dates = 20,     // when what is under way at the start began (it changes only the time measures)
  vacancy_cover = 21,      // whether a vacancy is covered (one draw a vacancy, for a share in (0, 1))
  off_contract = 22,       // whether a booking is off the supplier contract (one draw a booking, likewise)
  agency_experience = 23,  // post-qualified experience of agency workers new to the region
  agency_careers = 24,     // markets: an ended assignment's career; an idle worker's move, and home there
  // A market's inflows draw from streams that nothing the run decides draws from, so
  // that their times and homes are the same whatever happens in the market:
  agency_joining = 25,   // markets: times between agency joiners, and their homes
  pool_arrivals = 26,    // markets: times between returners and arrivals, and their homes
  newly_qualified = 27,  // markets: the homes of the newly qualified joining the pool
  // The model's orders of things at one instant after the set-up, each its own, so that
  // the set-up's draws (as many as there are posts) move none of them, nor one another:
  transition_order = 28,  // the order in which a rule's transition ends running assignments
  loosened_order = 29,    // the order in which councils whose caps loosened at once book
  qualified_order = 30,   // the order in which trainees of two routes qualifying at once are served
  // Whether a would-be joiner whose pay a cap on the newly qualified lowers joins (one
  // draw each such joiner only): apart, so that a run with the cap pairs joiner for
  // joiner with one without it, and markets the cap does not bind draw nothing more.
  agency_joining_kept = 31,
  count_
};

// Stream keys: group = authority index for an authority's processes and for those of
// its first role; kRoleStreamBase + (k - 1) x 2^32 + authority index for its k-th role
// after the first (k = 1, 2, ...), so that a change to one role's processes leaves the
// council's other roles' draws where they were; kMarketStreamBase + market index for a
// labour market's; and kModelStreamGroup for the few draws that belong to no authority
// or market.
constexpr std::uint64_t kMarketStreamBase = std::uint64_t{1} << 32;
constexpr std::uint64_t kModelStreamGroup = std::uint64_t{2} << 32;
constexpr std::uint64_t kRoleStreamBase = std::uint64_t{4} << 32;
// A policy's own draws (a cohort's drop-outs and training times): group
// kPolicyStreamBase + its authority's index, purpose a hash of its name (unique within
// the authority), so that adding a policy, or changing one, moves no other's draws.
constexpr std::uint64_t kPolicyStreamBase = std::uint64_t{1} << 62;
// Uncertain inputs (scenario/uncertain_inputs.hpp): group kInputStreamGroup, purpose a
// hash of the key's path, drawn once per replication before the model starts.
constexpr std::uint64_t kInputStreamGroup = std::uint64_t{3} << 32;

constexpr std::uint32_t kProcessCount = static_cast<std::uint32_t>(Process::count_);

}  // namespace wfsim::model
