#pragma once
// The fingerprint init and calibrate end their scenarios with, so that a scenario
// edited since wfsim wrote it is not replaced without --force, as one written by hand
// is not: its header alone ("# Written by wfsim ...") survives the edits.

#include <string>

namespace wfsim::output {

// `text` (a scenario whose first line is wfsim's header) with any fingerprint line
// removed and a new one appended: "# wfsim fingerprint: HEX ...", the FNV-1a hash of
// every line after the header, the leading comment lines (the command line and paths
// there may be rewritten, as tools/make-england-scenarios.sh does, without it counting
// as an edit).
std::string with_fingerprint(const std::string& text);

enum class Fingerprint { none, matches, edited };
// Whether `text` ends with a fingerprint, and whether the lines it covers are unchanged.
Fingerprint check_fingerprint(const std::string& text);

}  // namespace wfsim::output
