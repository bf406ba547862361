#pragma once
// The notes on rules that look at when a worker qualified (a cap on those who
// qualified from a date, an experience threshold) where the workers they bind arrive
// with one fixed experience: the rule then acts on all of them alike, from one day, a
// step of the inputs rather than of the rule. Part of notes_on (scenario_notes.hpp).

#include <string>

#include "model/parameters.hpp"

namespace wfsim::scenario {

// A cap binding workers who qualified from a date, beside a fixed experience: the
// first workers it binds arrive that experience after the date, all at once. Or, a
// date on or after the run's end: it caps no one. Empty if neither.
std::string qualified_after_note(const model::AgencyRule& rule, const model::ModelParameters& p, double run_days);

// A rule barring newcomers by their experience (rule `index` of the scenario) beside a
// fixed experience: it bars every such worker for the same time after they arrive, or
// none of them. Empty if the rule bars no newcomer, binds no member within the run
// (`run_days` long), or no experience is fixed.
std::string fixed_experience_bar_note(std::size_t index, const model::ModelParameters& p, double run_days);

}  // namespace wfsim::scenario
