#pragma once
// What an output path may replace. A run's output never replaces one of its inputs,
// and never, unless the user says --force, a file that is not what the command writes:
// `wfsim run b.yaml -o b.yaml` once turned a scenario into an HDF5 file.

#include <string>
#include <vector>

namespace wfsim::output {

// What a command writes, and so what it may replace without --force.
enum class OutputKind { results, comparison, sweep, scenario, schema, backtest };

// Throws OutputError, saying why and what to do, if `path` is one of `inputs` (as the
// same file, whatever the spelling), or exists and is not a file of `kind` and `force`
// is false. A results, comparison or sweep file is recognised by its `format`
// attribute; a scenario by the 'Written by wfsim' or 'Calibrated by wfsim' line that
// init and calibrate put in its header (a scenario written by hand is never replaced
// without --force); a schema by its "$schema"; a backtest table by its header.
void check_overwrite(const std::string& path, OutputKind kind, const std::vector<std::string>& inputs, bool force);

}  // namespace wfsim::output
