#pragma once
// Independent random streams keyed by what they are for.
//
// Each stream is a xoshiro256++ generator whose state is derived, through SplitMix64,
// from a key (master seed, replication, and two model-chosen integers such as a group
// of entities and a process). A stream's draws therefore depend only on its key: not on
// the thread that runs the replication, and not on how many draws other streams made.
// That is what gives bit-identical results for any thread count and common random
// numbers when two policies are compared.
//
// The generator satisfies UniformRandomBitGenerator, so Boost.Random's distributions
// (which are implemented in Boost itself and so give the same values on every
// compiler, unlike <random>'s) can draw from it.

#include <cstdint>
#include <limits>
#include <string_view>

namespace wfsim::kernel {

// A key's integer for something known by name (FNV-1a of the name), so that its stream
// is the same whatever else is listed beside it.
inline std::uint64_t name_key(std::string_view name) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : name) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return hash;
}

struct StreamKey {
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
  std::uint64_t group = 0;    // e.g. a group of entities the model draws for
  std::uint64_t purpose = 0;  // e.g. the process
};

class RandomStream {
 public:
  using result_type = std::uint64_t;

  RandomStream() { reseed(StreamKey{}); }
  explicit RandomStream(const StreamKey& key) { reseed(key); }

  void reseed(const StreamKey& key);

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  result_type operator()() {
    const std::uint64_t result = rotl(state_[0] + state_[3], 23) + state_[0];
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

  // True with probability p.
  bool bernoulli(double p) { return uniform() < p; }
  // The same, drawing a number only where the outcome is uncertain (0 < p < 1): for a
  // stream that serves one kind of decision, whose p is fixed for the run, so that a p
  // of 0 or 1 costs nothing and a p a hair from either decides as it does.
  bool bernoulli_if_uncertain(double p) { return p >= 1 || (p > 0 && uniform() < p); }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t state_[4];
};

// SplitMix64's output function: a bijective mixer used to derive stream states.
std::uint64_t splitmix64(std::uint64_t& state);

}  // namespace wfsim::kernel
