#include "parallel/thread_placement.hpp"

#if defined(__linux__)
#include <pthread.h>
#include <sched.h>
#endif

namespace wfsim::parallel {

#if defined(__linux__)

int current_core() { return ::sched_getcpu(); }

void move_off_core(int busy_core, int helper) {
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  if (busy_core < 0 || helper < 1 || ::pthread_getaffinity_np(::pthread_self(), sizeof allowed, &allowed) != 0) return;
  const auto other = [&](int core) { return core != busy_core && CPU_ISSET(core, &allowed); };
  int others = 0;
  for (int core = 0; core < CPU_SETSIZE; ++core) others += other(core);
  if (others == 0) return;
  // The (helper - 1) % others-th of them, counted without a list: a helper thread
  // allocates nothing before it is asleep.
  int target = -1;
  for (int core = 0, skip = (helper - 1) % others; core < CPU_SETSIZE && target < 0; ++core) {
    if (other(core) && skip-- == 0) target = core;
  }
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(target, &one);
  // Narrowed to one core, the thread is moved there before the call returns; widened
  // again, it stays until the scheduler has a reason to move it.
  if (::pthread_setaffinity_np(::pthread_self(), sizeof one, &one) != 0) return;
  ::pthread_setaffinity_np(::pthread_self(), sizeof allowed, &allowed);
}

#else

int current_core() { return -1; }

void move_off_core(int, int) {}

#endif

}  // namespace wfsim::parallel
