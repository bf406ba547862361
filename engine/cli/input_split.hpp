#pragma once
// For `wfsim info` on a run with uncertain inputs: which inputs were uncertain, and how
// much of each kept measure's spread across replications they account for.

#include <H5Cpp.h>

#include <ostream>
#include <string>
#include <vector>

namespace wfsim::cli {

// The share of y's variance a least-squares fit on the columns of x (with an
// intercept) explains, adjusted for the inputs' number (1 - (1 - R^2)(n - 1)/(n - k - 1),
// so that inputs with no effect give 0 on average, not k / (n - 1)), at least 0; NaN if
// y does not vary or there are no more replications than the fit's parameters.
double explained_share(const std::vector<std::vector<double>>& x, const std::vector<double>& y);

// Prints the file's uncertain inputs and, for each kept per-replication series of the
// row `row` at the last period, the share of its variance the inputs explain. Prints
// nothing if the run had no uncertain input. A table or series of another shape than
// they are written in is refused as damaged, naming `path`.
void print_input_split(const H5::H5File& file, const std::string& path, std::size_t row, std::ostream& out);

}  // namespace wfsim::cli
