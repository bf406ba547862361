/* The table of mpi_calls.h over OpenMPI, built as the module wfsim-mpi.so. */
#include "parallel/mpi_calls.h"

#include <mpi.h>
#include <stdlib.h>

static MPI_Datatype mpi_type(enum wfsim_mpi_type type) {
  switch (type) {
    case WFSIM_MPI_INT: return MPI_INT;
    case WFSIM_MPI_UINT64: return MPI_UINT64_T;
    case WFSIM_MPI_BYTES: break;
  }
  return MPI_UNSIGNED_CHAR;
}

static void init(int* argc, char*** argv) {
  int provided = 0;
  MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
}

static int rank(void) {
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

static int size(void) {
  int n = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &n);
  return n;
}

static void send(const void* data, int count, enum wfsim_mpi_type type, int to, int tag) {
  MPI_Send(data, count, mpi_type(type), to, tag, MPI_COMM_WORLD);
}

static void receive(void* data, int count, enum wfsim_mpi_type type, int from, int tag) {
  MPI_Recv(data, count, mpi_type(type), from, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
}

static int probe(int from, int tag, int* source) {
  int ready = 0;
  MPI_Status status;
  MPI_Iprobe(from < 0 ? MPI_ANY_SOURCE : from, tag, MPI_COMM_WORLD, &ready, &status);
  if (ready && source) *source = status.MPI_SOURCE;
  return ready;
}

static void sum_to_root(const int64_t* values, int64_t* sums, int count) {
  MPI_Reduce(values, sums, count, MPI_INT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
}

static MPI_Request* new_request(void) {
  MPI_Request* request = malloc(sizeof *request);
  if (!request) MPI_Abort(MPI_COMM_WORLD, 1);
  return request;
}

static void* start_gather(const uint64_t* mine, int count, uint64_t* all) {
  MPI_Request* request = new_request();
  MPI_Iallgather(mine, count, MPI_UINT64_T, all, count, MPI_UINT64_T, MPI_COMM_WORLD, request);
  return request;
}

static void* start_send(const void* data, int count, enum wfsim_mpi_type type, int to, int tag) {
  MPI_Request* request = new_request();
  MPI_Isend(data, count, mpi_type(type), to, tag, MPI_COMM_WORLD, request);
  return request;
}

static int test(void* request) {
  int done = 0;
  MPI_Test((MPI_Request*)request, &done, MPI_STATUS_IGNORE);
  if (done) free(request);
  return done;
}

static void abort_job(int code) { MPI_Abort(MPI_COMM_WORLD, code); }

static void finalize(void) { MPI_Finalize(); }

const struct wfsim_mpi_calls* wfsim_mpi_table(void) {
  static const struct wfsim_mpi_calls calls = {
      .version = WFSIM_MPI_CALLS_VERSION,
      .init = init,
      .rank = rank,
      .size = size,
      .send = send,
      .receive = receive,
      .probe = probe,
      .sum_to_root = sum_to_root,
      .start_gather = start_gather,
      .start_send = start_send,
      .test = test,
      .abort = abort_job,
      .finalize = finalize,
  };
  return &calls;
}
