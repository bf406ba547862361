#include "parallel/mpi_module.hpp"

#include <dlfcn.h>

#include <stdexcept>
#include <string>
#include <system_error>

#include "parallel/mpi_calls.h"

namespace wfsim::parallel {

std::filesystem::path mpi_module_path() {
  // Not the bare name, which dlopen would look for in the system's folders instead.
  std::error_code error;
  const auto program = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) {
    throw std::runtime_error("started as one rank of an MPI job, but wfsim cannot find its MPI module " WFSIM_MPI_MODULE
                             ": the program's own path (/proc/self/exe) cannot be read: " +
                             error.message());
  }
  return program.parent_path() / WFSIM_MPI_MODULE;
}

const wfsim_mpi_calls& load_mpi_module() {
  const auto path = mpi_module_path();
  const auto refuse = [&](const std::string& why) -> std::runtime_error {
    return std::runtime_error("started as one rank of an MPI job, but wfsim's MPI module " + path.string() + " " + why +
                              ". It is built beside the wfsim program (build/bin); keep the two together");
  };
  // RTLD_GLOBAL: OpenMPI's own plugins, which libmpi opens in turn, look up its
  // symbols globally and fail to load without it.
  void* module = ::dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (!module) {
    const char* why = ::dlerror();
    throw refuse(std::string("could not be loaded: ") + (why ? why : "no reason given"));
  }
  using Entry = const wfsim_mpi_calls* (*)();
  const auto entry = reinterpret_cast<Entry>(::dlsym(module, "wfsim_mpi_table"));
  const wfsim_mpi_calls* calls = entry ? entry() : nullptr;
  if (!calls) throw refuse("has no table of MPI calls");
  if (calls->version != WFSIM_MPI_CALLS_VERSION) {
    throw refuse("is from another build of wfsim (its calls' version " + std::to_string(calls->version) +
                 ", this program's " + std::to_string(WFSIM_MPI_CALLS_VERSION) + ")");
  }
  return *calls;
}

}  // namespace wfsim::parallel
