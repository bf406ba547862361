#include "parallel/thread_placement.hpp"

#if defined(__linux__)
#include <pthread.h>
#endif

namespace wfsim::parallel {

#if defined(__linux__)

int current_core() { return ::sched_getcpu(); }

int choose_core(const cpu_set_t& allowed, int busy_core, int helper) {
  if (busy_core < 0 || busy_core >= CPU_SETSIZE || helper < 1) return -1;
  const auto other = [&](int core) { return core != busy_core && CPU_ISSET(core, &allowed); };
  int others = 0;
  for (int core = 0; core < CPU_SETSIZE; ++core) others += other(core);
  if (others == 0) return -1;
  // Counted without a list: a helper thread allocates nothing before it is asleep.
  for (int step = 1, skip = (helper - 1) % others; step < CPU_SETSIZE; ++step) {
    const int core = (busy_core + step) % CPU_SETSIZE;
    if (other(core) && skip-- == 0) return core;
  }
  return -1;  // not reached: `others` cores were counted
}

void move_off_core(int busy_core, int helper) {
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  if (::pthread_getaffinity_np(::pthread_self(), sizeof allowed, &allowed) != 0) return;
  const int target = choose_core(allowed, busy_core, helper);
  if (target < 0) return;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(target, &one);
  // Narrowed to one core, the thread is moved there before the call returns; widened
  // again, it stays until the scheduler has a reason to move it. Should the widening
  // fail (the process's cores changed in between), the helper keeps its one core,
  // which is where the run wants it: only the scheduler's freedom is lost.
  if (::pthread_setaffinity_np(::pthread_self(), sizeof one, &one) != 0) return;
  ::pthread_setaffinity_np(::pthread_self(), sizeof allowed, &allowed);
}

#else

int current_core() { return -1; }

void move_off_core(int, int) {}

#endif

}  // namespace wfsim::parallel
