#pragma once
// The model's random streams: one per authority and process (which its first role
// shares), one per later role of an authority and process, one per labour market and
// process, and one per process for the model as a whole, each keyed by (seed,
// replication, group, process) so that a change to one process, or to one role's,
// leaves every other's draws where they were.

#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

#include "kernel/random_stream.hpp"
#include "model/random_processes.hpp"
#include "model/role_table.hpp"

namespace wfsim::model {

class ModelStreams {
 public:
  explicit ModelStreams(const RoleTable& roles) : authorities_(roles.authorities()), markets_(roles.markets().size()) {
    for (std::size_t a = 0; a < authorities_; ++a) key_groups_.push_back(a);
    for (std::size_t m = 0; m < markets_; ++m) key_groups_.push_back(kMarketStreamBase + m);
    key_groups_.push_back(kModelStreamGroup);
    // A council's first role draws from the council's streams (so a council of one
    // role draws as it always has); each later role from a group of its own, in the
    // place RoleInfo::stream_group gives it.
    for (const RoleInfo& role : roles.roles()) {
      if (role.within_authority == 0) continue;
      if (role.stream_group != key_groups_.size()) throw std::logic_error("ModelStreams: roles' groups out of step");
      key_groups_.push_back(kRoleStreamBase + (std::uint64_t{role.within_authority} - 1) * (std::uint64_t{1} << 32) +
                            role.authority);
    }
    streams_.resize(key_groups_.size() * kProcessCount);
  }

  void reseed(std::uint64_t seed, std::uint64_t replication) {
    for (std::size_t group = 0; group < key_groups_.size(); ++group) {
      for (std::uint32_t p = 0; p < kProcessCount; ++p) {
        streams_[group * kProcessCount + p].reseed(kernel::StreamKey{seed, replication, key_groups_[group], p});
      }
    }
    for (std::size_t k = 0; k < keyed_.size(); ++k) {
      keyed_[k].reseed(kernel::StreamKey{seed, replication, keyed_keys_[k].first, keyed_keys_[k].second});
    }
  }

  // A stream of its own for one thing the processes above do not name (a policy),
  // keyed by (group, purpose); before the first reseed. Returns its handle.
  std::uint32_t add_keyed(std::uint64_t group, std::uint64_t purpose) {
    keyed_keys_.emplace_back(group, purpose);
    keyed_.emplace_back();
    return static_cast<std::uint32_t>(keyed_.size() - 1);
  }
  kernel::RandomStream& keyed(std::uint32_t handle) { return keyed_[handle]; }

  // A council's draws that belong to none of its roles (its staff's sickness).
  kernel::RandomStream& authority(std::uint32_t authority, Process process) { return at(authority, process); }
  // A role's draws.
  kernel::RandomStream& role(const RoleInfo& role, Process process) { return at(role.stream_group, process); }
  kernel::RandomStream& market(std::uint32_t market, Process process) {
    return at(static_cast<std::uint32_t>(authorities_) + market, process);
  }
  kernel::RandomStream& model(Process process) {
    return at(static_cast<std::uint32_t>(authorities_ + markets_), process);
  }

 private:
  kernel::RandomStream& at(std::uint32_t group, Process process) {
    return streams_[std::size_t{group} * kProcessCount + static_cast<std::uint32_t>(process)];
  }
  std::size_t authorities_;
  std::size_t markets_;
  std::vector<std::uint64_t> key_groups_;  // each group's key (see random_processes.hpp)
  std::vector<kernel::RandomStream> streams_;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> keyed_keys_;
  std::vector<kernel::RandomStream> keyed_;
};

}  // namespace wfsim::model
