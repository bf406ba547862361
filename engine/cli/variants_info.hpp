#pragma once
// `wfsim info` on a comparison or sweep file: provenance, the variants (or swept
// values), and each variant's key results at the last period (or at the periods of
// `dates`, --date) with its paired difference from the baseline (a sweep's first
// point), then the totals over the run.

#include <H5Cpp.h>

#include <ostream>
#include <string>
#include <vector>

namespace wfsim::cli {

void print_variants_info(const H5::H5File& file, const std::string& path, const std::string& format,
                         const std::vector<std::string>& dates, const std::string& authority, std::ostream& out);

}  // namespace wfsim::cli
