#pragma once
// The processes a run is spread over: just this one, or the ranks of an MPI job when
// wfsim was built with MPI (CMake finds OpenMPI) and started by mpirun or srun. Rank 0
// writes the results; the others send it their blocks. Messages are bytes, tagged.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace wfsim::parallel {

class Cluster {
 public:
  virtual ~Cluster() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  virtual void send(int to, int tag, std::span<const unsigned char> bytes) = 0;
  virtual std::vector<unsigned char> receive(int from, int tag) = 0;
  // Adds each element over all processes into rank 0's values (others' are left as
  // they were). Integers: exact in any order.
  virtual void sum_to_root(std::vector<std::int64_t>& values) = 0;
  // Stops every process of the job (an error on one would leave the others waiting).
  [[noreturn]] virtual void abort(int code) = 0;
};

// The cluster this process belongs to, set up by ClusterSession; a single process
// until then, or without MPI.
Cluster& cluster();

// Joins the MPI job, if there is one, for the life of the object (main() holds one).
// Throws std::runtime_error if started as one of several ranks by a launcher but built
// without MPI, where every rank would write the same file.
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
