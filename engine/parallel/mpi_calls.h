/* The MPI calls wfsim makes, as a table of plain C functions in a module of their own
   (wfsim-mpi.so, built beside wfsim from mpi_calls.c). wfsim loads it only when a
   launcher (mpirun, srun) started it, so a run in one process never loads OpenMPI and
   the libraries it brings: 3 to 5 ms of every process's start (docs/performance.md).
   C, not C++, so that the module needs no C++ runtime of its own beside wfsim's. */
#ifndef WFSIM_PARALLEL_MPI_CALLS_H
#define WFSIM_PARALLEL_MPI_CALLS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Raised when the table changes, so that a module left from an older build is refused. */
#define WFSIM_MPI_CALLS_VERSION 1

enum wfsim_mpi_type { WFSIM_MPI_BYTES, WFSIM_MPI_INT, WFSIM_MPI_UINT64 };

/* Every call is on MPI_COMM_WORLD; an MPI error aborts the job (MPI's default). */
struct wfsim_mpi_calls {
  int version; /* WFSIM_MPI_CALLS_VERSION */
  /* MPI_Init_thread with MPI_THREAD_FUNNELED: only the main thread calls MPI. */
  void (*init)(int* argc, char*** argv);
  int (*rank)(void);
  int (*size)(void);
  void (*send)(const void* data, int count, enum wfsim_mpi_type type, int to, int tag);
  void (*receive)(void* data, int count, enum wfsim_mpi_type type, int from, int tag);
  /* Without blocking: 1 if a message with `tag` from `from` (any rank if `from` < 0)
     can be received, its sender in *source. */
  int (*probe)(int from, int tag, int* source);
  /* Element-wise sums of every rank's `values` into rank 0's `sums`. */
  void (*sum_to_root)(const int64_t* values, int64_t* sums, int count);
  /* Started, not finished: `test` says when. Requests are freed when `test` finds them
     done. */
  void* (*start_gather)(const uint64_t* mine, int count, uint64_t* all);
  void* (*start_send)(const void* data, int count, enum wfsim_mpi_type type, int to, int tag);
  int (*test)(void* request);
  void (*abort)(int code);
  void (*finalize)(void);
};

/* The module's one exported symbol. */
const struct wfsim_mpi_calls* wfsim_mpi_table(void);

#ifdef __cplusplus
}
#endif

#endif
