#include "scenario/suggest.hpp"

#include <algorithm>
#include <cctype>

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
  // The word in other case: 'VACANCY_RATE' is 12 edits from vacancy_rate, and was
  // offered nothing (a CLI audit).
  const auto same_but_case = [word](const std::string& c) {
    return c.size() == word.size() && std::equal(c.begin(), c.end(), word.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
           });
  };
  if (const auto it = std::find_if(candidates.begin(), candidates.end(), same_but_case); it != candidates.end()) {
    return *it;
  }
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
  // A key cut short ('turnover' for 'turnover_per_year', 'campaign' for
  // 'recruitment_campaign') is far by edits but plain to see: the one candidate that
  // begins with the word and a '_', or ends with a '_' and the word.
  if (word.size() < 4) return std::string();
  const std::string stem = std::string(word) + "_";
  const std::string tail = "_" + std::string(word);
  std::string only;
  for (const std::string& c : candidates) {
    if (c.rfind(stem, 0) != 0 && !c.ends_with(tail)) continue;
    if (!only.empty()) return std::string();  // two or more: which is meant is not plain
    only = c;
  }
  return only;
}

namespace {

// The name's words without their digits, in lower case, one space apart: 'NQSW 2024',
// 'nqsw-2025' and 'NQSW' all give 'nqsw', 'Cohort 2 North' 'cohort north'.
std::string without_numbers(std::string_view name) {
  std::string out;
  bool word_ended = false;
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isdigit(c)) continue;
    if (c == ' ' || c == '-' || c == '_') {
      word_ended = !out.empty();
      continue;
    }
    if (word_ended) out += ' ';
    word_ended = false;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

// The name's numbers, in order: {"2024"} of 'NQSW 2024'.
std::vector<std::string> numbers_in(std::string_view name) {
  std::vector<std::string> numbers;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) continue;
    std::size_t end = i;
    while (end < name.size() && std::isdigit(static_cast<unsigned char>(name[end]))) ++end;
    numbers.emplace_back(name.substr(i, end - i));
    i = end;
  }
  return numbers;
}

bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

bool numbered_siblings(std::string_view a, std::string_view b) {
  // Their numbers must differ: 'NQSW-programme 2016' beside 'NQSW programme 2016' is a
  // slip of the separator, not a sibling (a review).
  return (has_digit(a) || has_digit(b)) && numbers_in(a) != numbers_in(b) && without_numbers(a) == without_numbers(b);
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
