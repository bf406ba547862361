#pragma once
// Writing a text output (a schema, a generated scenario) so that a failure never
// leaves a half-written file where a good one stood.

#include <atomic>
#include <string>

namespace wfsim::output {

// Writes `text` to a temporary file beside `path` and renames it into place; throws
// OutputError naming the path if either step fails, removing the temporary file. If
// `stop` (Ctrl-C, SIGTERM) is raised before the rename, throws OutputCancelled and
// leaves `path` as it was: init went on and replaced the file after a Ctrl-C.
void write_text_file(const std::string& path, const std::string& text, const std::atomic<bool>* stop);

}  // namespace wfsim::output
