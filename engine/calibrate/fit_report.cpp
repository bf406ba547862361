// The fit as the terminal and the fitted file's header show it: each parameter with
// its range, each target with its residual, and a warning for any target missed.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <locale>
#include <sstream>

#include "calibrate/calibration.hpp"
#include "calibrate/number_text.hpp"
#include "model/measures.hpp"

namespace wfsim::calibrate {

namespace {
std::string one_decimal(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

// A flow's target (starters, leavers, spend) is a month's, as the results hold it; a
// council's annual figure given instead ended "NOT MET: 315.7 standard errors away"
// with no hint why (a review of the help). Said where the target is 6 to 24 times the
// fit's month.
bool looks_like_a_year(const TargetFit& t) {
  if (model::info(t.target.measure).kind != model::MeasureKind::flow || !(t.simulated > 0)) return false;
  const double ratio = t.target.value / t.simulated;
  return ratio >= 6 && ratio <= 24;
}
}  // namespace

std::string missed_targets_warning(const CalibrationResult& result) {
  const auto missed = static_cast<std::size_t>(
      std::count_if(result.targets.begin(), result.targets.end(), [](const TargetFit& t) { return !t.met(); }));
  if (missed == 0) return "";
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << "WARNING: " << missed << " of " << result.targets.size() << " targets not met within "
      << number_text(TargetFit::kMetWithinErrors)
      << " standard errors (Monte Carlo, and the target's +-SD if given). The file holds the closest fit "
         "found: widen a range flagged AT A BOUND, free other keys, or check that the model can reach the "
         "target\n";
  return out.str();
}

namespace {

// The search's evaluations and the ones after it (the optimum once, each free key twice
// for the standard errors, and again where a key is put back to its start): "85
// evaluations" beside "its limit of 80" read as a slip.
void describe_evaluations(const CalibrationResult& result, std::ostream& out) {
  const int after_search = result.search_evaluations > 0 ? result.evaluations - result.search_evaluations
                                                         : 1 + 2 * static_cast<int>(result.parameters.size());
  out << "Objective (sum of squared scaled residuals) " << number_text(result.objective) << " after "
      << result.evaluations << " evaluations";
  if (result.evaluations > after_search) {
    out << " (" << result.evaluations - after_search << " by the search, " << after_search
        << " for the optimum and the standard errors)";
  }
  out << "\n";
  if (result.stopped_at_limit) {
    out << "  The search stopped at its limit of " << result.max_evaluations
        << " evaluations (--max-evaluations), not at its tolerance: the residuals above say how near it came, and "
           "a longer search may still move the parameters\n";
  }
}

}  // namespace

std::string describe_fit(const CalibrationResult& result) {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  const auto missed = static_cast<std::size_t>(
      std::count_if(result.targets.begin(), result.targets.end(), [](const TargetFit& t) { return !t.met(); }));
  // A key at the end of its range matters when a target is missed: the range may be
  // what stops the fit. With every target met it is where the answer lies, and the
  // flag to widen the range was a false alarm.
  out << "Fitted parameters (value +- standard error; search range):\n";
  for (const auto& p : result.parameters) {
    // A duration's unit with each of its figures: "0.3 months +- 5.03523" read as 5 of
    // something else.
    const std::string unit = p.parameter.unit.empty() ? "" : " " + p.parameter.unit;
    out << "  " << p.parameter.key << " = " << number_text(p.value) << unit << " +- "
        << (std::isnan(p.standard_error) ? std::string("undetermined") : number_text(p.standard_error) + unit) << "   ["
        << number_text(p.parameter.low) << ", " << number_text(p.parameter.high) << "]" << unit << ", was "
        << number_text(p.parameter.written) << unit
        << (p.parameter.written != p.parameter.initial
                ? " (outside the range: the search began at " + number_text(p.parameter.initial) + unit + ")"
                : "")
        << (!p.at_bound  ? ""
            : missed > 0 ? "   AT A BOUND: widen the range"
                         : "   (at the end of its range, with every target met)")
        << "\n";
  }
  out << "Targets, row '" << result.row << "' (target; simulated mean +- Monte Carlo SE; residual):\n";
  for (const auto& t : result.targets) {
    out << "  " << t.target.text << ": " << number_text(t.simulated) << " +- " << number_text(t.standard_error) << "; "
        << (t.residual >= 0 ? "+" : "") << number_text(t.residual)
        << (t.met() ? "" : "   NOT MET: " + one_decimal(t.residual_in_errors()) + " standard errors away")
        << (!t.met() && looks_like_a_year(t)
                ? "   (a flow's target is a month's: is " + number_text(t.target.value) + " a year's?)"
                : "")
        << "\n";
  }
  out << missed_targets_warning(result);
  if (!result.flows.empty()) {
    out << "Not targets, at the fit (simulated mean a year +- Monte Carlo SE):\n";
    for (const FlowAtFit& f : result.flows) {
      out << "  " << model::info(f.measure).name << ": " << number_text(f.per_year) << " +- "
          << number_text(f.standard_error) << " a year\n";
    }
    out << "  A fit holds its targets only: compare these with the council's own (in the data, or the scenario's "
           "notes), and where they differ add one as a target, a month's figure (--target "
        << model::info(result.flows.front().measure).name << "=N)\n";
  }
  describe_evaluations(result, out);
  return out.str();
}

}  // namespace wfsim::calibrate
