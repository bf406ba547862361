#pragma once
// A run stopped by the user (Ctrl-C, SIGTERM): between blocks, or within a replication
// that the simulator's stop flag ended (kernel::Stopped).

#include <stdexcept>

namespace wfsim::experiment {

class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

}  // namespace wfsim::experiment
