#pragma once
// The ranks of an MPI job agree on their input before the first block. Each rank reads
// the scenario and checks its options itself: a file missing on one node failed on
// that rank alone, which returned while the others waited for its blocks for ever; a
// stale copy on one node had ranks simulate different scenarios into one file without
// a word; and an error every rank found was printed once per rank, the copies
// interleaved. So every rank of run, compare and sweep says once, loaded or failed,
// what it read (Cluster::gather_input_words), and:
// - if any failed, the lowest that failed prints its error (rank 0's as a single
//   process would, another's as "error on rank K"), the rest print nothing, and every
//   rank ends with that rank's code;
// - if they read different input, rank 0 says which ranks, and all end with 2;
// - otherwise they go on, and an error after that stops the job (job_stop.hpp).

#include <atomic>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "parallel/cluster.hpp"

namespace wfsim::cli {

// Another rank failed on its input, or the ranks read different input: the message
// was printed where it arose, and this rank ends with `code` in silence.
struct InputRefusedElsewhere {
  int code;
};

// Starts a command line: no agreement yet.
void forget_input_agreement();
// Whether this command line's ranks have agreed on their input.
bool input_agreed();
// Whether this rank was stopped while waiting for the others to agree: the job must
// then be ended, the others being left in the agreement.
bool input_abandoned();

// A digest of what a rank read: the command line and the bytes of each input file
// (not their paths, which nodes may resolve differently).
std::uint64_t input_digest(const std::string& command_line, const std::vector<std::string>& files);

// Called by each rank once its input is loaded and checked. Returns if every rank's
// was, and alike; else throws InputRefusedElsewhere (rank 0 having said why, where the
// ranks differ). A stop request while waiting throws experiment::Interrupted, so that
// this rank's output is removed as it unwinds; the caller then ends the job.
void agree_on_input(parallel::Cluster& cluster, std::uint64_t digest, const std::atomic<bool>* stop, std::ostream& err);

// Called by a rank whose input failed before the agreement, with its code and its
// message (unprinted): prints it if this is the lowest rank that failed, and returns
// the code the job ends with.
int settle_failed_input(parallel::Cluster& cluster, int code, const std::string& message, std::ostream& err,
                        const std::atomic<bool>* stop);

}  // namespace wfsim::cli
