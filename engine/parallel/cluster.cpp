#include "parallel/cluster.hpp"

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#ifdef WFSIM_WITH_MPI
#include <mpi.h>
#endif

namespace wfsim::parallel {

namespace {

class SingleProcess : public Cluster {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  void send(int, int, std::span<const unsigned char>) override {
    throw std::logic_error("a single process has no one to send to");
  }
  std::vector<unsigned char> receive(int, int) override {
    throw std::logic_error("a single process has no one to receive from");
  }
  bool wait_for(int, int, const std::atomic<bool>*) override {
    throw std::logic_error("a single process has no one to receive from");
  }
  void check_stopped_ranks() override {}
  void sum_to_root(std::vector<std::int64_t>&) override {}
  std::optional<std::vector<InputWord>> gather_input_words(InputWord mine, const std::atomic<bool>*) override {
    return std::vector<InputWord>{mine};
  }
  [[noreturn]] void abort(int code) override { std::exit(code); }
};

#ifdef WFSIM_WITH_MPI
class MpiCluster : public Cluster {
 public:
  int rank() const override {
    int r = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
  }
  int size() const override {
    int n = 1;
    MPI_Comm_size(MPI_COMM_WORLD, &n);
    return n;
  }
  void send(int to, int tag, std::span<const unsigned char> bytes) override {
    // Large results go in pieces: MPI counts in int.
    const std::uint64_t total = bytes.size();
    MPI_Send(&total, 1, MPI_UINT64_T, to, tag, MPI_COMM_WORLD);
    for (std::uint64_t at = 0; at < total; at += kPiece) {
      const auto n = static_cast<int>(std::min<std::uint64_t>(kPiece, total - at));
      MPI_Send(bytes.data() + at, n, MPI_UNSIGNED_CHAR, to, tag, MPI_COMM_WORLD);
    }
  }
  std::vector<unsigned char> receive(int from, int tag) override {
    std::uint64_t total = 0;
    MPI_Recv(&total, 1, MPI_UINT64_T, from, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    std::vector<unsigned char> bytes(total);
    for (std::uint64_t at = 0; at < total; at += kPiece) {
      const auto n = static_cast<int>(std::min<std::uint64_t>(kPiece, total - at));
      MPI_Recv(bytes.data() + at, n, MPI_UNSIGNED_CHAR, from, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    }
    return bytes;
  }
  bool wait_for(int from, int tag, const std::atomic<bool>* stop) override {
    for (;;) {
      check_stopped_ranks();
      int ready = 0;
      MPI_Iprobe(from, tag, MPI_COMM_WORLD, &ready, MPI_STATUS_IGNORE);
      if (ready) return true;
      if (stop && stop->load()) return false;
      // A block takes seconds: a millisecond's delay costs nothing, and the wait leaves
      // the core to this node's other ranks instead of spinning in MPI_Recv.
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  void check_stopped_ranks() override {
    int told = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, kStopTag, MPI_COMM_WORLD, &told, &status);
    if (!told) return;
    int code = 0;
    MPI_Recv(&code, 1, MPI_INT, status.MPI_SOURCE, kStopTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    throw RankStopped(status.MPI_SOURCE, code);
  }
  void sum_to_root(std::vector<std::int64_t>& values) override {
    std::vector<std::int64_t> total(values.size());
    MPI_Reduce(values.data(), total.data(), static_cast<int>(values.size()), MPI_INT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
    if (rank() == 0) values = std::move(total);
  }
  std::optional<std::vector<InputWord>> gather_input_words(InputWord mine, const std::atomic<bool>* stop) override {
    // Without blocking in MPI, as wait_for: a rank still loading a large scenario is
    // waited for, and a stop request is still heard.
    const std::uint64_t word[2] = {static_cast<std::uint64_t>(static_cast<std::uint32_t>(mine.code)), mine.digest};
    std::vector<std::uint64_t> all(2 * static_cast<std::size_t>(size()));
    MPI_Request request;
    MPI_Iallgather(word, 2, MPI_UINT64_T, all.data(), 2, MPI_UINT64_T, MPI_COMM_WORLD, &request);
    for (;;) {
      int done = 0;
      MPI_Test(&request, &done, MPI_STATUS_IGNORE);
      if (done) break;
      if (stop && stop->load()) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::vector<InputWord> words(static_cast<std::size_t>(size()));
    for (std::size_t r = 0; r < words.size(); ++r) {
      words[r] = {static_cast<std::int32_t>(static_cast<std::uint32_t>(all[2 * r])), all[2 * r + 1]};
    }
    return words;
  }
  [[noreturn]] void abort(int code) override {
    if (rank() != 0) {
      // Rank 0 may be waiting for this rank: aborting now would have it killed before it
      // removes its temporary file. Tell it, and let it end the job.
      MPI_Request request;
      MPI_Isend(&code, 1, MPI_INT, 0, kStopTag, MPI_COMM_WORLD, &request);
      const auto until = std::chrono::steady_clock::now() + kGrace;
      while (std::chrono::steady_clock::now() < until) {
        int sent = 0;
        MPI_Test(&request, &sent, MPI_STATUS_IGNORE);  // drives the send on
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
    MPI_Abort(MPI_COMM_WORLD, code);
    std::exit(code);
  }

 private:
  static constexpr std::uint64_t kPiece = std::uint64_t{1} << 30;
  // Rank 0 looks for the notice between its own blocks, which may take a minute (a
  // sweep's block is 128 replications of every point); the limit is for a rank 0 that
  // can no longer look (stuck in MPI_Reduce after the other rank's summaries were sent).
  static constexpr std::chrono::seconds kGrace{120};
};
#endif

Cluster* current = nullptr;

}  // namespace

Cluster& cluster() {
  static SingleProcess single;
  return current ? *current : single;
}

bool built_with_mpi() {
#ifdef WFSIM_WITH_MPI
  return true;
#else
  return false;
#endif
}

ClusterSession::ClusterSession([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
#ifdef WFSIM_WITH_MPI
  // Started by a launcher: join the job. Only this thread calls MPI; worker threads
  // simulate and compress.
  if (std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMI_SIZE") || std::getenv("PMIX_RANK")) {
    int provided = 0;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    static MpiCluster mpi;
    current = &mpi;
  }
#else
  const char* ompi = std::getenv("OMPI_COMM_WORLD_SIZE");
  if (ompi && std::atoi(ompi) > 1) {
    throw std::runtime_error(
        "started as one of " + std::string(ompi) +
        " MPI ranks, but this wfsim was built without MPI: each rank would write the same file. Install "
        "libopenmpi-dev and rebuild, or run without mpirun");
  }
#endif
}

ClusterSession::~ClusterSession() {
#ifdef WFSIM_WITH_MPI
  if (current) MPI_Finalize();
  current = nullptr;
#endif
}

}  // namespace wfsim::parallel
