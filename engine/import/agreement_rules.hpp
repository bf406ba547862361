#pragma once
// The rules wfsim init writes into a region's or England's scenario from the
// agreements file (data/regional_agreements.yaml): the regions' agreements in force
// during the run, with their members, and England's national rules when asked for.
// Each entry is checked whole (known keys, each of a rule's shape) at its line, so
// that no term is dropped or reshaped without a word.

#include <map>
#include <string>
#include <vector>

namespace wfsim::import {

struct AgreementsRun {
  std::string path;                  // the agreements file
  std::vector<std::string> regions;  // the regions the scenario holds
  std::string start, end;            // the run's first day and the day after its last (YYYY-MM-DD)
  int year = 0;                      // the data's year (for notes)
  bool national_rules = false;
  std::map<std::string, std::vector<std::string>> councils;  // each region's councils, in the data's order
  std::vector<std::string> known_regions;  // every region of the regions file: an entry naming another is refused
};

// An entry of the agreements file: its file, the line it starts on, and the line of
// each of its keys.
struct RuleSource {
  std::string path;
  int line = 0;
  std::map<std::string, int> key_lines;
  // "FILE:LINE" of `key` ("length"; the first part of "caps_per_hour.social_worker"),
  // or of the entry where it has no such key.
  std::string where(const std::string& key) const;
};

struct AgreementsText {
  std::string rules;               // the entries of the scenario's `rules:` list (empty: none)
  std::string not_modelled;        // comment lines: the agreements whose terms were not found
  std::vector<std::string> notes;  // for the analyst: names in the file that the data lacks
  // Where each rule written came from, in the order of `rules`. A value the scenario's
  // loader refuses (a length of '6 parsecs') is told at its own line of the data file,
  // not as rules[0] of a scenario never written.
  std::vector<RuleSource> sources;
};

// ImportError (file and line) for an entry laid out otherwise.
AgreementsText agreements_in_force(const AgreementsRun& run);

}  // namespace wfsim::import
