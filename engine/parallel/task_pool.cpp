#include "parallel/task_pool.hpp"

#include <algorithm>
#include <string>
#include <system_error>

#include "parallel/thread_placement.hpp"

namespace wfsim::parallel {

TaskPool::TaskPool(int threads) {
  helpers_.reserve(static_cast<std::size_t>(std::max(0, threads - 1)));  // no reallocation with threads running
  try {
    const int caller_core = current_core();
    for (int worker = 1; worker < threads; ++worker) {
      helpers_.emplace_back([this, worker, caller_core] {
        move_off_core(caller_core, worker);  // see thread_placement.hpp
        helper_loop(worker);
      });
    }
    // Each helper on its own core before the first batch: one still waiting to run on
    // the caller's core when the batch began shared it with the caller.
    std::unique_lock lock(mutex_);
    all_parked_.wait(lock, [this] { return parked_ == helpers_.size(); });
  } catch (const std::system_error& e) {
    // The system would not start another thread (a process or memory limit): the ones
    // started are stopped and joined, since a joinable thread destroyed is a crash.
    const std::size_t started = helpers_.size();
    stop_helpers();
    throw std::system_error(e.code(), "could not start thread " + std::to_string(started + 2) + " of " +
                                          std::to_string(threads) + "; use fewer with --threads");
  } catch (...) {
    stop_helpers();
    throw;
  }
}

TaskPool::~TaskPool() { stop_helpers(); }

void TaskPool::stop_helpers() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  batch_ready_.notify_all();
  for (auto& helper : helpers_) helper.join();
  helpers_.clear();
}

void TaskPool::run(std::size_t count, const std::function<void(std::size_t, int)>& task) {
  run_alongside(nullptr, count, task);
}

void TaskPool::run_alongside(const std::function<void()>& first, std::size_t count,
                             const std::function<void(std::size_t, int)>& task) {
  if (count == 0) {
    if (first) first();
    return;
  }
  {
    std::lock_guard lock(mutex_);
    task_ = &task;
    count_ = count;
    next_ = 0;
    error_ = nullptr;
    busy_ = static_cast<int>(helpers_.size());
    ++batch_;
  }
  batch_ready_.notify_all();
  std::exception_ptr first_error;
  if (first) {
    try {
      first();
    } catch (...) {
      first_error = std::current_exception();
      std::lock_guard lock(mutex_);
      next_ = count_;  // the helpers stop at their next task
    }
  }
  if (!first_error) work(0);
  std::unique_lock lock(mutex_);
  batch_done_.wait(lock, [this] { return busy_ == 0; });
  task_ = nullptr;
  if (first_error) std::rethrow_exception(first_error);
  if (error_) std::rethrow_exception(error_);
}

void TaskPool::work(int worker) {
  while (true) {
    std::size_t i;
    {
      std::lock_guard lock(mutex_);
      if (next_ >= count_) return;
      i = next_++;
    }
    try {
      (*task_)(i, worker);
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!error_ || i < failed_task_) {
        error_ = std::current_exception();
        failed_task_ = i;
      }
      next_ = count_;  // the others stop at their next task
    }
  }
}

void TaskPool::helper_loop(int worker) {
  std::size_t seen = 0;
  bool first = true;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      if (first) {
        ++parked_;  // asleep once the wait below lets go of the mutex, which the counter's reader holds
        all_parked_.notify_one();
        first = false;
      }
      batch_ready_.wait(lock, [&] { return stopping_ || batch_ != seen; });
      if (stopping_) return;
      seen = batch_;
    }
    work(worker);
    {
      std::lock_guard lock(mutex_);
      if (--busy_ == 0) batch_done_.notify_one();
    }
  }
}

}  // namespace wfsim::parallel
