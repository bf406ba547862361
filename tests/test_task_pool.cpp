// The crew that runs replications and the sinks' work: every task once, errors in a
// fixed order, and one-off work on the calling thread alongside a batch.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "parallel/task_pool.hpp"

using wfsim::parallel::TaskPool;

namespace {

// Waits up to ten seconds for `ready`; true if it came.
template <class Condition>
bool wait_for(Condition ready) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!ready()) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

}  // namespace

TEST_CASE("a crew runs every task once, on workers it numbers from 0", "[parallel]") {
  for (const int threads : {1, 2, 3}) {
    TaskPool crew(threads);
    REQUIRE(crew.threads() == threads);
    std::vector<std::atomic<int>> runs(1000);
    std::atomic<int> bad_worker{0};
    crew.run(runs.size(), [&](std::size_t i, int worker) {
      if (worker < 0 || worker >= threads) ++bad_worker;
      ++runs[i];
    });
    for (const auto& r : runs) CHECK(r.load() == 1);
    CHECK(bad_worker.load() == 0);
  }
}

TEST_CASE("a failed task stops the batch and its error is rethrown", "[parallel]") {
  TaskPool crew(1);  // one thread: tasks run in order, so which ran is known
  std::vector<int> ran;
  const auto task = [&](std::size_t i, int) {
    ran.push_back(static_cast<int>(i));
    if (i == 3 || i == 7) throw std::runtime_error("task " + std::to_string(i));
  };
  REQUIRE_THROWS_WITH(crew.run(10, task), "task 3");
  CHECK(ran == std::vector<int>{0, 1, 2, 3});
  // The crew is still usable after a failure.
  std::atomic<int> count{0};
  crew.run(5, [&](std::size_t, int) { ++count; });
  CHECK(count.load() == 5);
}

TEST_CASE("work alongside a batch overlaps it on a crew of two", "[parallel]") {
  TaskPool crew(2);
  std::atomic<int> finished{0};
  bool tasks_ran_during_first = false;
  crew.run_alongside([&] { tasks_ran_during_first = wait_for([&] { return finished.load() > 0; }); }, 4,
                     [&](std::size_t, int) { ++finished; });
  CHECK(tasks_ran_during_first);  // the helper did not wait for `first`
  CHECK(finished.load() == 4);
}

TEST_CASE("on a crew of one, work alongside a batch comes before its tasks", "[parallel]") {
  TaskPool crew(1);
  std::vector<std::string> order;
  crew.run_alongside([&] { order.push_back("first"); }, 2,
                     [&](std::size_t i, int) { order.push_back("task " + std::to_string(i)); });
  CHECK(order == std::vector<std::string>{"first", "task 0", "task 1"});
  // With no tasks, it still runs.
  order.clear();
  crew.run_alongside([&] { order.push_back("first"); }, 0, [&](std::size_t, int) { order.push_back("task"); });
  CHECK(order == std::vector<std::string>{"first"});
}

TEST_CASE("an error in work alongside a batch stops it and is the one rethrown", "[parallel]") {
  SECTION("a crew of one starts no task") {
    TaskPool crew(1);
    int ran = 0;
    REQUIRE_THROWS_WITH(crew.run_alongside([] { throw std::runtime_error("cannot open the file"); }, 5,
                                           [&](std::size_t, int) { ++ran; }),
                        "cannot open the file");
    CHECK(ran == 0);
  }
  SECTION("a crew of two finishes the task under way, starts no more, and reports the first error") {
    TaskPool crew(2);
    std::atomic<int> started{0};
    std::atomic<bool> failed{false};
    const auto task = [&](std::size_t, int) {
      ++started;
      // The helper's first task waits until `first` has failed, then fails too: its
      // error must not be the one reported.
      wait_for([&] { return failed.load(); });
      throw std::runtime_error("task failed");
    };
    REQUIRE_THROWS_WITH(crew.run_alongside(
                            [&] {
                              REQUIRE(wait_for([&] { return started.load() > 0; }));
                              failed = true;
                              throw std::runtime_error("cannot open the file");
                            },
                            100, task),
                        "cannot open the file");
    CHECK(started.load() == 1);
    std::atomic<int> count{0};
    crew.run(6, [&](std::size_t, int) { ++count; });
    CHECK(count.load() == 6);
  }
}
