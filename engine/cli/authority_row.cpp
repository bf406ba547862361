#include "cli/authority_row.hpp"

#include <algorithm>
#include <cctype>

#include "output/hdf5_results_writer.hpp"
#include "scenario/suggest.hpp"

namespace wfsim::cli {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// The name a mistyped one most likely meant. The data's official names put a kind after
// a comma ("Herefordshire, County of"): a name given without it means that council,
// not the nearest spelling ('Hertfordshire'), when only one council is named so.
std::string named_before_a_comma(const std::string& wanted, const std::vector<std::string>& lowered) {
  std::string found;
  for (const std::string& name : lowered) {
    if (name.size() > wanted.size() && name.compare(0, wanted.size(), wanted) == 0 && name[wanted.size()] == ',') {
      if (!found.empty()) return scenario::closest_match(wanted, lowered);
      found = name;
    }
  }
  return found.empty() ? scenario::closest_match(wanted, lowered) : found;
}

}  // namespace

std::size_t authority_row(const std::vector<std::string>& authorities, const std::string& wanted,
                          const std::string& path, bool variants) {
  if (wanted.empty()) return authorities.size() - 1;
  const auto same = std::find(authorities.begin(), authorities.end(), wanted);
  if (same != authorities.end()) return static_cast<std::size_t>(same - authorities.begin());
  std::vector<std::string> lowered;
  for (const std::string& a : authorities) lowered.push_back(lower(a));
  if (std::count(lowered.begin(), lowered.end(), lower(wanted)) == 1) {
    return static_cast<std::size_t>(std::find(lowered.begin(), lowered.end(), lower(wanted)) - lowered.begin());
  }
  std::string message = "--authority '" + wanted + "': '" + path + "' has no such authority";
  const std::string nearest = named_before_a_comma(lower(wanted), lowered);
  if (!nearest.empty()) {
    message +=
        " (did you mean '" +
        authorities[static_cast<std::size_t>(std::find(lowered.begin(), lowered.end(), nearest) - lowered.begin())] +
        "'?)";
  }
  if (authorities.size() <= 20) {
    message += "; it has ";
    for (std::size_t i = 0; i < authorities.size(); ++i) message += (i ? ", " : "") + authorities[i];
  } else {
    message += "; 'wfsim info " + path + "' lists its " + std::to_string(authorities.size()) + " names";
  }
  // A run of several regions names its total so (a region's total is "Region"); its
  // regions are not rows of the file, but the analysis package adds their councils up.
  if (authorities.back() == "All councils") {
    message += variants ? ". A region is not a row of the file, and a comparison or sweep file keeps no council's "
                          "series to add one up from: run each scenario with 'wfsim run', and chart the region with "
                          "'wfsim-analysis plot FILE --authority REGION'"
                        : ". A region is not a row of the file: 'wfsim-analysis plot " + path +
                              " --authority REGION' charts one from its councils' per-replication series (which "
                              "the default --keep keeps)";
  }
  throw output::OutputRefused(message);
}

}  // namespace wfsim::cli
