#include "scenario/suggest.hpp"

#include <algorithm>

namespace wfsim::scenario {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = SIZE_MAX;
  for (const std::string& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  // A third of the word's length (at least 2 edits) separates typos from other words.
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  if (best_distance <= limit) return best;
  // A key cut short ('turnover' for 'turnover_per_year') is far by edits but plain to
  // see: the one candidate that begins with the word and a '_'.
  if (word.size() < 4) return std::string();
  const std::string stem = std::string(word) + "_";
  std::string only;
  for (const std::string& c : candidates) {
    if (c.rfind(stem, 0) != 0) continue;
    if (!only.empty()) return std::string();  // two or more: which is meant is not plain
    only = c;
  }
  return only;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string match = closest_match(word, candidates);
  if (!match.empty()) return " (did you mean '" + match + "'?)";
  // A key cut short that begins two or three ('applicants' of applicants_per_year and
  // applicants_per_vacancy_per_year) was given no suggestion: both are offered.
  if (word.size() < 4) return std::string();
  const std::string stem = std::string(word) + "_";
  std::vector<std::string> starting;
  for (const std::string& c : candidates) {
    if (c.rfind(stem, 0) == 0) starting.push_back(c);
  }
  if (starting.empty() || starting.size() > 3) return std::string();
  std::string offered;
  for (std::size_t i = 0; i < starting.size(); ++i) offered += (i ? "' or '" : "'") + starting[i];
  return " (did you mean " + offered + "'?)";
}

}  // namespace wfsim::scenario
