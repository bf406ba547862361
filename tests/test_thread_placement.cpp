// A crew's helper starts on a core other than its caller's, and may then go anywhere
// it could before (thread_placement.hpp). Where the process may use one core only,
// nothing moves. (Where the crew's helpers then run is the scheduler's to decide, and
// no test of it could be both reliable on a busy machine and able to fail: perf sched
// measured it, docs/performance.md.)
#if defined(__linux__)
#include <pthread.h>
#include <sched.h>

#include <catch2/catch.hpp>
#include <initializer_list>

#include "parallel/thread_placement.hpp"

using wfsim::parallel::choose_core;
using wfsim::parallel::current_core;
using wfsim::parallel::move_off_core;

namespace {

cpu_set_t cores(std::initializer_list<int> list) {
  cpu_set_t set;
  CPU_ZERO(&set);
  for (const int core : list) CPU_SET(core, &set);
  return set;
}

cpu_set_t allowed_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  REQUIRE(::pthread_getaffinity_np(::pthread_self(), sizeof set, &set) == 0);
  return set;
}

}  // namespace

TEST_CASE("a helper's core is another the process may use, counted round from the caller's", "[parallel]") {
  CHECK(choose_core(cores({3}), 3, 1) == -1);  // one core: nowhere else to go
  const cpu_set_t some = cores({2, 5, 7});
  // From the core after the caller's, round the end: 7, 2, then again.
  CHECK(choose_core(some, 5, 1) == 7);
  CHECK(choose_core(some, 5, 2) == 2);
  CHECK(choose_core(some, 5, 3) == 7);
  CHECK(choose_core(some, 5, 4) == 2);
  // Callers on different cores send their first helpers to different cores.
  CHECK(choose_core(some, 2, 1) == 5);
  CHECK(choose_core(some, 7, 1) == 2);
  // A caller on a core outside the set (moved since): every core of the set is another.
  CHECK(choose_core(some, 4, 1) == 5);
  CHECK(choose_core(some, 4, 3) == 2);
  // A core not known, or past what a set holds, or no helper: nothing chosen.
  CHECK(choose_core(some, -1, 1) == -1);
  CHECK(choose_core(some, CPU_SETSIZE, 1) == -1);
  CHECK(choose_core(some, 5, 0) == -1);
}

TEST_CASE("a thread moved off a busy core runs elsewhere, allowed every core it had", "[parallel]") {
  const cpu_set_t before = allowed_cores();
  const int busy = current_core();
  if (busy < 0 || CPU_COUNT(&before) < 2) return;  // nowhere to move to: choose_core's test covers it
  // The move is made before the call returns; the scheduler could move the thread
  // back within the microsecond since, but not in every one of these tries.
  bool moved = false;
  for (int attempt = 0; attempt < 20 && !moved; ++attempt) {
    const int from = current_core();
    move_off_core(from, 1);
    moved = current_core() != from;
  }
  CHECK(moved);
  const cpu_set_t after = allowed_cores();
  CHECK(CPU_EQUAL(&before, &after));
}
#endif
