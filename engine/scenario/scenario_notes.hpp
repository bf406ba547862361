#pragma once
// What a valid scenario says that is probably not what its writer meant: a rule,
// membership or lever wholly outside the run (it acts on nothing), a transition after
// its rule ends, a share written as a percentage (a turnover of 25 a year). Not errors,
// since each can be meant; the commands print them as notes, so nothing acts silently
// other than as read.

#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace wfsim::scenario {

// One line each, starting with the key path it is about (leading_key_path finds it),
// then what it says and why it is likely a slip.
std::vector<std::string> notes_on(const Scenario& scenario);

// The parts of a scenario a note starting with `key_path` is read with, beside that
// key: a role's note the value it is weighed against (cover_vacancies beside
// vacancy_cover_share), a lever's its council and the run's dates, a rule's the run's
// dates. So the note can name a
// variant or --set that changed them (written_in), not only the file of the value.
std::vector<std::string> note_context(const std::string& key_path);

}  // namespace wfsim::scenario
