#pragma once
// Which of the applicants under way at a warm start find a post.
//
// The start draws how many applicants came forward before it and are still being
// assessed or working their notice (Poisson counts, Recruitment::start_applicants_in_flight).
// Where fewer posts wait than that, which of them find one is a uniformly random
// choice of as many as there are posts, whatever their stage.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernel/random_stream.hpp"

namespace wfsim::model {

struct InFlight {
  bool in_assessment;
  bool from_pool;  // a seeker from the region's pool, not an outside applicant
};

// How many are under way, by where they came from and the stage they are in.
struct InFlightCounts {
  std::uint64_t own_assessing = 0, own_offered = 0, pool_assessing = 0, pool_offered = 0;
  std::uint64_t total() const { return own_assessing + own_offered + pool_assessing + pool_offered; }
};

// The applicants under way who find one of `posts` posts, into `out`: all of them when
// they fit, else `posts` of them drawn uniformly at random, in random order.
void sample_in_flight(const InFlightCounts& counts, std::size_t posts, kernel::RandomStream& s,
                      std::vector<InFlight>& out);

// Up to this many under way, the choice is made by shuffling them all (the draws of
// every run so far); beyond it, by drawing the chosen one at a time. The two have the
// same law; the first takes time and memory in proportion to the applicants, which
// for a council of a billion applicants a year was seconds and a gigabyte, and past
// that a count beyond what a vector can hold.
constexpr std::uint64_t kMostInFlightShuffled = std::uint64_t{1} << 20;

}  // namespace wfsim::model
