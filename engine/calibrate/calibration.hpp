#pragma once
// Fitting a scenario's free parameters to reported figures.
//
// Each evaluation loads the scenario with the free keys set (so every value is
// validated as if written in the file), runs the same replications on the same seed
// (common random numbers: the objective is a deterministic function of the parameters)
// and compares the simulated means with the targets. A derivative-free optimiser from
// NLopt (Subplex, bounded) minimises the sum of squared scaled residuals. The
// parameters' uncertainty comes from the finite-difference Jacobian at the optimum and
// the targets' combined Monte Carlo and stated uncertainty.

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "calibrate/free_parameter.hpp"
#include "model/measures.hpp"

namespace wfsim::calibrate {

class CalibrationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// MEASURE=VALUE[@DATE][+-SD]: a measure's mean over the run, or in the period that
// contains DATE, for one row of the results (an authority or the region).
struct Target {
  std::string text;
  model::Measure measure{};
  double value = 0;
  std::optional<std::int64_t> date_day;  // days since 1970-01-01
  double sd = 0;                         // the reported figure's own uncertainty; 0 if not stated
};
Target parse_target(const std::string& text);

struct CalibrationOptions {
  std::size_t replications = 40;
  std::uint64_t seed = 1;
  int threads = 1;
  int max_evaluations = 80;
  std::string authority;               // the results row; empty: the region's, or the only authority's
  std::vector<std::string> overrides;  // --set, applied before the free parameters
  std::function<void(int evaluation, double objective)> progress;
  const std::atomic<bool>* stop = nullptr;  // Ctrl-C: stops at the next block, throws Interrupted
};

struct TargetFit {
  Target target;
  double simulated = 0;       // mean over replications
  double standard_error = 0;  // Monte Carlo
  double residual = 0;        // simulated - target
  // The residual in standard errors, the Monte Carlo one and the target's stated sd
  // combined; a target is met within 2 of them.
  double residual_in_errors() const;
  bool met() const { return !(residual_in_errors() > kMetWithinErrors); }
  static constexpr double kMetWithinErrors = 2;
};

struct ParameterFit {
  FreeParameter parameter;
  double value = 0;
  double standard_error = 0;  // NaN when the targets do not determine it
  // How the objective changes with this key at the fit, per width of its range (from
  // the Jacobian): negative when raising the key would bring the targets nearer.
  double objective_slope = 0;
  bool at_bound = false;  // held_by_bound
};

// Whether a key's range, not the targets, stops the fit: the key ended within 1% of
// the range's width of an end (the search stops a little inside a bound it presses
// against), or within 5% with the objective still falling towards that end. `u` is
// the key's place in its range (0 at the low end, 1 at the high).
bool held_by_bound(double u, double objective_slope);

// A flow the targets do not fit, at the fit: a mean a year over the reported run.
struct FlowAtFit {
  model::Measure measure;
  double per_year = 0;        // mean over replications
  double standard_error = 0;  // Monte Carlo
};

struct CalibrationResult {
  std::vector<ParameterFit> parameters;
  std::vector<TargetFit> targets;
  // Permanent starters and leavers a year at the fit, where no target is of them. A fit
  // of stocks can reach its vacancy rate with twice the council's starters (more
  // applicants filling posts that empty faster): the analyst is shown what it implies.
  std::vector<FlowAtFit> flows;
  // d(target's simulated mean) / d(parameter, in its own unit) at the optimum, by
  // central differences: jacobian[target][parameter].
  std::vector<std::vector<double>> jacobian;
  double objective = 0;
  int evaluations = 0;
  // Of them, the search's (0 where not known: the rest are the optimum, once, each free
  // key twice for the standard errors, and again where a key is put back to its start).
  int search_evaluations = 0;
  // The search ended at --max-evaluations rather than at its tolerance: the residuals
  // say how near it came, and a longer search may still move the parameters.
  bool stopped_at_limit = false;
  int max_evaluations = 0;
  std::string row;  // the results row the targets refer to
};

CalibrationResult calibrate(const std::string& scenario_text, const std::string& file,
                            const std::vector<Target>& targets, const std::vector<FreeParameter>& free,
                            const CalibrationOptions& options);

// fitted_scenario_text with spreads, each value that takes one written {mean, sd}, but
// for one whose spread at the fit's own standard error the scenario (named `file`)
// refuses (a gamma's shape of 6.4 +- 3.1 reaching below 0): that one is written plain,
// and said in `notes`. It was refused once the fit was done, the fit lost (a review).
// A value the fit gave no standard error is written plain and said too. Marks such
// parameters' takes_spread false in `result`. Every note in `notes`, those it came
// with included, is written in the header as well.
std::string fitted_text_with_spreads(const std::string& scenario_text, const std::string& file,
                                     CalibrationResult& result, const std::string& header,
                                     std::vector<std::string>& notes);

// The scenario text with the fitted values written in place and the fit recorded in
// a comment block at the top. With `with_spread`, each plain-number value is written as
// an uncertain input, {mean: VALUE, sd: STANDARD_ERROR} (scenario/uncertain_inputs.hpp),
// so later runs carry the fit's own uncertainty; values with a unit stay plain.
std::string fitted_scenario_text(const std::string& scenario_text, const CalibrationResult& result,
                                 const std::string& header, bool with_spread = false);

// The fit as a table for the terminal and the file's header.
std::string describe_fit(const CalibrationResult& result);
// describe_fit's warning that targets were missed ("" when every one is met): printed
// even by a quiet calibrate, since the file it wrote holds a fit that falls short.
std::string missed_targets_warning(const CalibrationResult& result);

}  // namespace wfsim::calibrate
