#pragma once
// The processes a run is spread over: just this one, or the ranks of an MPI job when
// wfsim was built with MPI (CMake finds OpenMPI) and started by mpirun or srun. Rank 0
// writes the results; the others send it their blocks. Messages are bytes, tagged
// (tags below kStopTag).

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace wfsim::parallel {

// The tag of the notice a stopping rank sends rank 0 (Cluster::abort); no other message
// may use it.
constexpr int kStopTag = 32767;

// Another rank stopped (interrupted, or failed) and told rank 0 so: rank 0 gives up
// waiting for it, removes its temporary file and ends the job with that rank's code.
class RankStopped : public std::runtime_error {
 public:
  RankStopped(int rank, int code)
      : std::runtime_error("rank " + std::to_string(rank) + " stopped"), rank_(rank), code_(code) {}
  int rank() const { return rank_; }
  int code() const { return code_; }  // the exit code that rank gave: 128 + a signal if interrupted

 private:
  int rank_;
  int code_;
};

class Cluster {
 public:
  virtual ~Cluster() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  virtual void send(int to, int tag, std::span<const unsigned char> bytes) = 0;
  virtual std::vector<unsigned char> receive(int from, int tag) = 0;
  // Waits, without blocking in MPI, until a message from `from` with `tag` can be
  // received: false as soon as `stop` (if given) is raised; throws RankStopped when
  // another rank has said it stopped. Rank 0 waits on the others with it, so that it is
  // never left blocked (and killed with its temporary file) when one of them ends.
  virtual bool wait_for(int from, int tag, const std::atomic<bool>* stop) = 0;
  // Throws RankStopped if another rank has said it stopped (rank 0, between blocks).
  virtual void check_stopped_ranks() = 0;
  // Adds each element over all processes into rank 0's values (others' are left as
  // they were). Integers: exact in any order.
  virtual void sum_to_root(std::vector<std::int64_t>& values) = 0;
  // What one rank says of its input before the first block: a code (0 when it read
  // and checked its input, else the exit code its error gives) and a digest of what it
  // read.
  struct InputWord {
    std::int32_t code = 0;
    std::uint64_t digest = 0;
  };
  // Every rank's word, on every rank, in rank order; nullopt if `stop` was raised while
  // waiting for them. Each rank calls it once, whether its input loaded or not, so that
  // none waits for ever on a rank that failed before the first block.
  virtual std::optional<std::vector<InputWord>> gather_input_words(InputWord mine, const std::atomic<bool>* stop) = 0;
  // Stops every process of the job (an error on one would leave the others waiting),
  // with `code` as the job's exit code. Rank 0 (which has removed its temporary file)
  // ends it at once; any other rank first tells rank 0 (kStopTag), which then removes
  // its file and ends the job itself, and ends it only if rank 0 has not within a grace
  // period (rank 0 busy on a long block of its own).
  [[noreturn]] virtual void abort(int code) = 0;
};

// The cluster this process belongs to, set up by ClusterSession; a single process
// until then, or without MPI.
Cluster& cluster();

// Joins the MPI job, if there is one, for the life of the object (main() holds one).
// Throws std::runtime_error if started as one of several ranks by a launcher but built
// without MPI, where every rank would write the same file, or if the MPI module cannot
// be used (parallel/mpi_module.hpp).
class ClusterSession {
 public:
  ClusterSession(int& argc, char**& argv);
  ~ClusterSession();
  ClusterSession(const ClusterSession&) = delete;
  ClusterSession& operator=(const ClusterSession&) = delete;
};

// Whether this build can run across processes (wfsim --version says).
bool built_with_mpi();

}  // namespace wfsim::parallel
