#include "model/in_flight_sample.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace wfsim::model {

namespace {

constexpr std::array<InFlight, 4> kKinds = {InFlight{true, false}, InFlight{false, false}, InFlight{true, true},
                                            InFlight{false, true}};

void shuffle(std::vector<InFlight>& in_flight, kernel::RandomStream& s) {
  for (std::size_t i = in_flight.size(); i > 1; --i) {  // Fisher-Yates
    const auto j = static_cast<std::size_t>(s.uniform() * static_cast<double>(i));
    std::swap(in_flight[i - 1], in_flight[std::min(j, i - 1)]);
  }
}

// `posts` of them without replacement, one at a time: each of a kind with the chance
// its kind's count left gives it. The same law as the first `posts` of a shuffle.
void draw_one_at_a_time(std::array<std::uint64_t, 4> left, std::size_t posts, kernel::RandomStream& s,
                        std::vector<InFlight>& out) {
  std::uint64_t total = left[0] + left[1] + left[2] + left[3];
  for (std::size_t k = 0; k < posts; ++k) {
    // A rank among those left, then the kind holding it.
    auto rank = static_cast<std::uint64_t>(s.uniform() * static_cast<double>(total));
    rank = std::min(rank, total - 1);
    std::size_t kind = 0;
    while (rank >= left[kind]) rank -= left[kind++];
    --left[kind];
    --total;
    out.push_back(kKinds[kind]);
  }
}

}  // namespace

void sample_in_flight(const InFlightCounts& counts, std::size_t posts, kernel::RandomStream& s,
                      std::vector<InFlight>& out) {
  out.clear();
  const std::array<std::uint64_t, 4> left = {counts.own_assessing, counts.own_offered, counts.pool_assessing,
                                             counts.pool_offered};
  const std::uint64_t total = counts.total();
  if (total > kMostInFlightShuffled && total > posts) {
    draw_one_at_a_time(left, posts, s, out);
    return;
  }
  for (std::size_t kind = 0; kind < kKinds.size(); ++kind) {
    out.insert(out.end(), static_cast<std::size_t>(left[kind]), kKinds[kind]);
  }
  if (posts < out.size()) {
    shuffle(out, s);
    out.resize(posts);
  }
}

}  // namespace wfsim::model
