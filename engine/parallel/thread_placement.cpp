#include "parallel/thread_placement.hpp"

#if defined(__linux__)
#include <pthread.h>
#include <sched.h>
#endif

#include <vector>

namespace wfsim::parallel {

#if defined(__linux__)

int current_core() { return ::sched_getcpu(); }

void move_off_core(int busy_core, int helper) {
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  if (busy_core < 0 || helper < 1 || ::pthread_getaffinity_np(::pthread_self(), sizeof allowed, &allowed) != 0) return;
  std::vector<int> others;
  for (int core = 0; core < CPU_SETSIZE; ++core) {
    if (core != busy_core && CPU_ISSET(core, &allowed)) others.push_back(core);
  }
  if (others.empty()) return;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(others[static_cast<std::size_t>(helper - 1) % others.size()], &one);
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
