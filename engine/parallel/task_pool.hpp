#pragma once
// A fixed crew of threads that runs batches of independent tasks. The calling thread
// works as one of the crew, so a crew of one runs everything on the caller's thread and
// `--threads N` means N threads busy, never N plus helpers.
//
// Which thread runs which task is left to chance; callers make results independent of
// it (each task writes only its own outputs, and worker-indexed scratch is only
// scratch).

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace wfsim::parallel {

class TaskPool {
 public:
  explicit TaskPool(int threads);
  ~TaskPool();
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;

  int threads() const { return static_cast<int>(helpers_.size()) + 1; }

  // Runs task(i, worker) for every i in [0, count), worker in [0, threads()), and
  // returns when all have finished. If a task throws, no further task starts and the
  // exception of the lowest-numbered failed task is rethrown here.
  void run(std::size_t count, const std::function<void(std::size_t task, int worker)>& task);

  // As run(), but the calling thread first does `first` while the rest of the crew
  // starts on the tasks, so one-off work that must stay on this thread (setting up the
  // results file, say) overlaps the batch rather than preceding it. With a crew of one,
  // `first` runs and then every task, in turn. If `first` throws, no further task
  // starts, the tasks under way finish, and its exception is rethrown, before any task's.
  void run_alongside(const std::function<void()>& first, std::size_t count,
                     const std::function<void(std::size_t task, int worker)>& task);

 private:
  void work(int worker);  // takes tasks of the current batch until none is left
  void helper_loop(int worker);

  void stop_helpers();

  std::vector<std::thread> helpers_;
  std::mutex mutex_;
  std::condition_variable batch_ready_, batch_done_, all_parked_;
  std::size_t parked_ = 0;  // helpers that have reached their first wait
  const std::function<void(std::size_t, int)>* task_ = nullptr;
  std::size_t count_ = 0;
  std::size_t next_ = 0;
  std::size_t batch_ = 0;  // batches started, so a helper joins each batch once
  int busy_ = 0;           // helpers still working on the current batch
  bool stopping_ = false;
  std::size_t failed_task_ = 0;
  std::exception_ptr error_;
};

}  // namespace wfsim::parallel
