#pragma once
// Rank 0's receive of another rank's message (a block, the summaries), given up rather
// than left blocked: Interrupted if this rank's stop flag is raised while it waits, or
// parallel::RankStopped if another rank has said it stopped. A rank 0 blocked in a
// receive when the job ended was killed with its temporary file on disk.

#include <atomic>
#include <vector>

#include "experiment/interrupted.hpp"
#include "parallel/cluster.hpp"

namespace wfsim::experiment {

inline std::vector<unsigned char> receive_unless_stopped(parallel::Cluster& cluster, int from, int tag,
                                                         const std::atomic<bool>* stop) {
  if (!cluster.wait_for(from, tag, stop)) throw Interrupted();
  return cluster.receive(from, tag);
}

}  // namespace wfsim::experiment
