#include "output/series_selection.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "scenario/suggest.hpp"
#include "support/trimmed.hpp"

namespace wfsim::output {

SeriesSelection::SeriesSelection() : measures_(model::kMeasureCount, false) {
  for (const model::Measure m : kStandardSeries) measures_[static_cast<std::size_t>(m)] = true;
}

SeriesSelection SeriesSelection::all() {
  SeriesSelection s;
  std::fill(s.measures_.begin(), s.measures_.end(), true);
  s.refusals_ = true;
  return s;
}

SeriesSelection SeriesSelection::parse(const std::string& spec) {
  if (spec == "all") return all();
  if (spec == "standard") return SeriesSelection();
  SeriesSelection s;
  std::fill(s.measures_.begin(), s.measures_.end(), false);
  s.refusals_ = false;
  if (spec == "summaries") return s;
  const std::string prefix = "series=";
  if (spec.rfind(prefix, 0) != 0) {
    throw std::invalid_argument("--keep expects 'standard', 'all', 'summaries' or 'series=NAME,...', got '" + spec +
                                "'");
  }
  const std::string listed = spec.substr(prefix.size());
  // Every name between commas, the last too: getline dropped an empty one at the end,
  // so 'series=vacancies,' passed while --vary refused an empty value (a CLI audit).
  for (std::size_t from = 0; from <= listed.size();) {
    const std::size_t comma = std::min(listed.find(',', from), listed.size());
    const std::string name = support::trimmed(listed.substr(from, comma - from));  // "vacancies, agency_share"
    from = comma + 1;
    if (name.empty() && !listed.empty()) {
      throw std::invalid_argument("--keep " + spec + ": a name between commas is empty (a comma too many?)");
    }
    if (name.empty()) continue;
    // A name given twice is a slip (a measure meant and another written), as a value
    // given twice is to sweep's --vary.
    const auto twice = [&] {
      return std::invalid_argument("--keep " + spec + ": '" + name + "' is given twice; give each name once");
    };
    if (name == "refused") {
      if (s.refusals_) throw twice();
      s.refusals_ = true;
      continue;
    }
    const auto found = std::find_if(model::kMeasures.begin(), model::kMeasures.end(),
                                    [&](const model::MeasureInfo& m) { return m.name == name; });
    if (found == model::kMeasures.end()) {
      std::vector<std::string> known{"refused"};
      for (const model::MeasureInfo& m : model::kMeasures) known.emplace_back(m.name);
      throw std::invalid_argument("--keep series: unknown measure '" + name + "'" +
                                  scenario::did_you_mean(name, known) +
                                  " (the measures are listed in docs/output-format.md; 'refused' keeps the rules' "
                                  "refusals)");
    }
    if (s.measures_[static_cast<std::size_t>(found->measure)]) throw twice();
    s.measures_[static_cast<std::size_t>(found->measure)] = true;
  }
  if (!s.keeps_any()) throw std::invalid_argument("--keep series= names no measure; use --keep summaries for none");
  return s;
}

bool SeriesSelection::keeps_any() const {
  return refusals_ || std::find(measures_.begin(), measures_.end(), true) != measures_.end();
}

std::string SeriesSelection::standard_names() {
  std::string names;
  for (const model::Measure m : kStandardSeries)
    names += (names.empty() ? "" : ", ") + std::string(model::info(m).name);
  return names;
}

std::string SeriesSelection::describe(bool with_rules) const {
  // What the file keeps: a run without rules has no refusals to keep, and its file
  // once listed 'refused' all the same.
  const bool refusals = refusals_ && with_rules;
  const bool every_measure = std::find(measures_.begin(), measures_.end(), false) == measures_.end();
  if (every_measure && (refusals || !with_rules)) return "all";
  std::string names;
  for (const model::MeasureInfo& m : model::kMeasures) {
    if (keeps(m.measure)) names += (names.empty() ? "" : ",") + std::string(m.name);
  }
  if (refusals) names += (names.empty() ? "" : ",") + std::string("refused");
  return names.empty() ? "summaries" : "series=" + names;
}

}  // namespace wfsim::output
