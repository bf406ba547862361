#pragma once
// `wfsim info` on a comparison or sweep file: provenance, the variants (or swept
// values), and each variant's key results at the last period with its paired
// difference from the baseline.

#include <H5Cpp.h>

#include <ostream>
#include <string>

namespace wfsim::cli {

void print_variants_info(const H5::H5File& file, const std::string& path, const std::string& format, std::ostream& out);

}  // namespace wfsim::cli
