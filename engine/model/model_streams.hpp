#pragma once
// The model's random streams: one per authority and process, one per labour market
// and process, and one per process for the model as a whole, each keyed by (seed,
// replication, group, process) so that a change to one process leaves every other's
// draws where they were.

#include <cstdint>
#include <vector>

#include "kernel/random_stream.hpp"
#include "model/random_processes.hpp"

namespace wfsim::model {

class ModelStreams {
 public:
  ModelStreams(std::size_t authorities, std::size_t markets)
      : authorities_(authorities), markets_(markets), streams_((authorities + markets + 1) * kProcessCount) {}

  void reseed(std::uint64_t seed, std::uint64_t replication) {
    const std::size_t groups = streams_.size() / kProcessCount;
    for (std::size_t group = 0; group < groups; ++group) {
      // Markets are keyed apart from authorities, so adding an authority leaves every
      // market's draws where they were.
      const std::uint64_t key_group = group < authorities_              ? group
                                      : group < authorities_ + markets_ ? kMarketStreamBase + (group - authorities_)
                                                                        : kModelStreamGroup;
      for (std::uint32_t p = 0; p < kProcessCount; ++p) {
        streams_[group * kProcessCount + p].reseed(kernel::StreamKey{seed, replication, key_group, p});
      }
    }
  }

  kernel::RandomStream& authority(std::uint32_t authority, Process process) {
    return streams_[authority * kProcessCount + static_cast<std::uint32_t>(process)];
  }
  kernel::RandomStream& market(std::uint32_t market, Process process) {
    return authority(static_cast<std::uint32_t>(authorities_) + market, process);
  }
  kernel::RandomStream& model(Process process) {
    return authority(static_cast<std::uint32_t>(authorities_ + markets_), process);
  }

 private:
  std::size_t authorities_;
  std::size_t markets_;
  std::vector<kernel::RandomStream> streams_;
};

}  // namespace wfsim::model
