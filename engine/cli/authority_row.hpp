#pragma once
// `wfsim info --authority NAME`: which of a file's authorities (its councils and, when
// there are several, their total row) the tables show.

#include <cstddef>
#include <string>
#include <vector>

namespace wfsim::cli {

// The row of `wanted` among `authorities` as the file spells them: the same name, or
// the one name equal to it but for case. With `wanted` empty, the last row: the total
// of several councils, or the only one. A name the file lacks is refused
// (output::OutputRefused) with the nearest name the file has, so a misspelt council is
// never shown as another. `variants` is true for a comparison or sweep file, which keeps
// no council's series to add a region up from.
std::size_t authority_row(const std::vector<std::string>& authorities, const std::string& wanted,
                          const std::string& path, bool variants = false);

}  // namespace wfsim::cli
