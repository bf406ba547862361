#pragma once
// The version of the results files' layout (docs/output-format.md), which the run,
// compare and sweep files carry as `format_version` and `info` checks before it reads.

namespace wfsim::output {

constexpr int kResultsFormatVersion = 1;

}  // namespace wfsim::output
