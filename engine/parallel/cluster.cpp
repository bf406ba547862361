#include "parallel/cluster.hpp"

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#ifdef WFSIM_WITH_MPI
#include "parallel/mpi_calls.h"
#include "parallel/mpi_module.hpp"
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
  explicit MpiCluster(const wfsim_mpi_calls& mpi) : mpi_(mpi) {}
  int rank() const override { return mpi_.rank(); }
  int size() const override { return mpi_.size(); }
  void send(int to, int tag, std::span<const unsigned char> bytes) override {
    // Large results go in pieces: MPI counts in int.
    const std::uint64_t total = bytes.size();
    mpi_.send(&total, 1, WFSIM_MPI_UINT64, to, tag);
    for (std::uint64_t at = 0; at < total; at += kPiece) {
      const auto n = static_cast<int>(std::min<std::uint64_t>(kPiece, total - at));
      mpi_.send(bytes.data() + at, n, WFSIM_MPI_BYTES, to, tag);
    }
  }
  std::vector<unsigned char> receive(int from, int tag) override {
    std::uint64_t total = 0;
    mpi_.receive(&total, 1, WFSIM_MPI_UINT64, from, tag);
    std::vector<unsigned char> bytes(total);
    for (std::uint64_t at = 0; at < total; at += kPiece) {
      const auto n = static_cast<int>(std::min<std::uint64_t>(kPiece, total - at));
      mpi_.receive(bytes.data() + at, n, WFSIM_MPI_BYTES, from, tag);
    }
    return bytes;
  }
  bool wait_for(int from, int tag, const std::atomic<bool>* stop) override {
    for (;;) {
      check_stopped_ranks();
      if (mpi_.probe(from, tag, nullptr)) return true;
      if (stop && stop->load()) return false;
      // A block takes seconds: a millisecond's delay costs nothing, and the wait leaves
      // the core to this node's other ranks instead of spinning in MPI_Recv.
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  void check_stopped_ranks() override {
    int from = 0;
    if (!mpi_.probe(-1, kStopTag, &from)) return;
    int code = 0;
    mpi_.receive(&code, 1, WFSIM_MPI_INT, from, kStopTag);
    throw RankStopped(from, code);
  }
  void sum_to_root(std::vector<std::int64_t>& values) override {
    std::vector<std::int64_t> total(values.size());
    mpi_.sum_to_root(values.data(), total.data(), static_cast<int>(values.size()));
    if (rank() == 0) values = std::move(total);
  }
  std::optional<std::vector<InputWord>> gather_input_words(InputWord mine, const std::atomic<bool>* stop) override {
    // Without blocking in MPI, as wait_for: a rank still loading a large scenario is
    // waited for, and a stop request is still heard.
    const std::uint64_t word[2] = {static_cast<std::uint64_t>(static_cast<std::uint32_t>(mine.code)), mine.digest};
    std::vector<std::uint64_t> all(2 * static_cast<std::size_t>(size()));
    void* request = mpi_.start_gather(word, 2, all.data());
    while (!mpi_.test(request)) {
      // The request is left to the job's end if a stop cuts the wait short.
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
      void* request = mpi_.start_send(&code, 1, WFSIM_MPI_INT, 0, kStopTag);
      bool sent = false;
      const auto until = std::chrono::steady_clock::now() + kGrace;
      while (std::chrono::steady_clock::now() < until) {
        if (!sent) sent = mpi_.test(request) != 0;  // drives the send on
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
    mpi_.abort(code);
    std::exit(code);
  }

 private:
  const wfsim_mpi_calls& mpi_;
  static constexpr std::uint64_t kPiece = std::uint64_t{1} << 30;
  // Rank 0 looks for the notice between its own blocks, which may take a minute (a
  // sweep's block is 128 replications of every point); the limit is for a rank 0 that
  // can no longer look (stuck in MPI_Reduce after the other rank's summaries were sent).
  static constexpr std::chrono::seconds kGrace{120};
};
#endif

Cluster* current = nullptr;
#ifdef WFSIM_WITH_MPI
const wfsim_mpi_calls* joined = nullptr;  // the module's calls, once this process joined a job
#endif

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
    const wfsim_mpi_calls& calls = load_mpi_module();
    calls.init(&argc, &argv);
    static MpiCluster mpi(calls);
    current = &mpi;
    joined = &calls;
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
  if (joined) joined->finalize();
  joined = nullptr;
  current = nullptr;
#endif
}

}  // namespace wfsim::parallel
