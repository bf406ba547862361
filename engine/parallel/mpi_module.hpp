#pragma once
// Finds and loads wfsim's MPI module (mpi_calls.h), which is built beside the wfsim
// program, only once a launcher has started this process as one of an MPI job's ranks.

#include <filesystem>

struct wfsim_mpi_calls;

namespace wfsim::parallel {

// Where the module is looked for: the folder of the running program. Throws
// std::runtime_error if the program's own path cannot be read (/proc/self/exe).
std::filesystem::path mpi_module_path();

// Loads the module and gives its calls (ClusterSession calls it once). Throws std::runtime_error naming the
// module's path and why it could not be used (missing, unloadable, or from another
// build of wfsim).
const wfsim_mpi_calls& load_mpi_module();

}  // namespace wfsim::parallel
