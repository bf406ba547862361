#pragma once
// Where a crew's helper threads start. A thread just started runs on its parent's
// core, and on a machine whose cores share no cache the scheduler sees (this virtual
// machine exposes none) neither a wake-up nor a new thread is sent to an idle core:
// only its load balancing moves one, after 4 to 25 ms of two threads taking turns on
// one core while the other sat idle (perf sched, wf1 on two threads). So each helper
// first moves itself off the caller's core, then lets the scheduler place it freely
// again. Linux only; elsewhere, and where a process may use one core alone (taskset,
// mpirun's binding), nothing is done.

#if defined(__linux__)
#include <sched.h>
#endif

namespace wfsim::parallel {

// The core the calling thread is running on, or -1 if that cannot be known.
int current_core();

// Moves the calling thread to a core the process may use other than `busy_core`
// (choose_core), then allows it every core it had before. Results never depend on it:
// only the time a run takes.
void move_off_core(int busy_core, int helper);

#if defined(__linux__)
// The core for the `helper`-th helper (from 1) of a caller on `busy_core`: the cores
// of `allowed` other than `busy_core`, counted round from the one after it, so that
// the crews of several processes (unbound MPI ranks, two runs at once), each counting
// from its own caller's core, do not all send their first helper to the lowest core.
// -1 where there is no other core.
int choose_core(const cpu_set_t& allowed, int busy_core, int helper);
#endif

}  // namespace wfsim::parallel
