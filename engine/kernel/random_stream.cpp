#include "kernel/random_stream.hpp"

#include <initializer_list>

namespace wfsim::kernel {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

void RandomStream::reseed(const StreamKey& key) {
  // Fold the four key parts in one at a time, each through the mixer, so that keys
  // differing in any one part give unrelated states.
  std::uint64_t h = 0x6A09E667F3BCC909ULL;
  for (const std::uint64_t part : {key.seed, key.replication, key.group, key.purpose}) {
    std::uint64_t s = h ^ part;
    h = splitmix64(s);
  }
  std::uint64_t s = h;
  for (auto& word : state_) word = splitmix64(s);
}

}  // namespace wfsim::kernel
