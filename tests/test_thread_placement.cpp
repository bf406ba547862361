// A crew's helper starts on a core other than its caller's, and may then go anywhere
// it could before (thread_placement.hpp). Where the process may use one core only,
// nothing moves. (Where the crew's helpers then run is the scheduler's to decide, and
// no test of it could be both reliable on a busy machine and able to fail: perf sched
// measured it, docs/performance.md.)
#include <pthread.h>
#include <sched.h>

#include <catch2/catch.hpp>

#include "parallel/thread_placement.hpp"

using wfsim::parallel::current_core;
using wfsim::parallel::move_off_core;

namespace {

cpu_set_t allowed_cores() {
  cpu_set_t cores;
  CPU_ZERO(&cores);
  REQUIRE(::pthread_getaffinity_np(::pthread_self(), sizeof cores, &cores) == 0);
  return cores;
}

}  // namespace

TEST_CASE("a thread moved off a busy core runs elsewhere, allowed every core it had", "[parallel]") {
  const cpu_set_t before = allowed_cores();
  const int busy = current_core();
  REQUIRE(busy >= 0);
  move_off_core(busy, 1);
  const int now = current_core();
  const cpu_set_t after = allowed_cores();
  CHECK(CPU_EQUAL(&before, &after));
  if (CPU_COUNT(&before) < 2) {
    CHECK(now == busy);  // nowhere else to go: left where it was
    return;
  }
  // The move is made before the call returns; the scheduler could move the thread
  // back within the microsecond since, but not in every one of these tries.
  int moved = now != busy;
  for (int attempt = 0; attempt < 20 && !moved; ++attempt) {
    const int from = current_core();
    move_off_core(from, 1);
    moved = current_core() != from;
  }
  CHECK(moved);
}

TEST_CASE("a core the process may not use is never chosen, and the helper count wraps round", "[parallel]") {
  const cpu_set_t before = allowed_cores();
  if (CPU_COUNT(&before) < 2) return;  // one core: the case above covers it
  for (int helper = 1; helper <= 5; ++helper) {
    move_off_core(current_core(), helper);
    CHECK(CPU_ISSET(current_core(), &before));
    const cpu_set_t after = allowed_cores();
    CHECK(CPU_EQUAL(&before, &after));
  }
}
