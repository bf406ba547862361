#pragma once
// Where a crew's helper threads start. A thread just started runs on its parent's
// core, and on a machine whose cores share no cache the scheduler sees (this virtual
// machine exposes none) neither a wake-up nor a new thread is sent to an idle core:
// only its load balancing moves one, after 4 to 25 ms of two threads taking turns on
// one core while the other sat idle (perf sched, wf1 on two threads). So each helper
// first moves itself off the caller's core, then lets the scheduler place it freely
// again. Linux only; elsewhere, and where a process may use one core alone (taskset,
// mpirun's binding), nothing is done.

namespace wfsim::parallel {

// The core the calling thread is running on, or -1 if that cannot be known.
int current_core();

// Moves the calling thread to a core the process may use other than `busy_core`
// (the `helper`-th such core, counted from 1, round the list), then allows it every
// core it had before. Results never depend on it: only the time a run takes.
void move_off_core(int busy_core, int helper);

}  // namespace wfsim::parallel
