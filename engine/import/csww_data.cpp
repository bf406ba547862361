#include "import/csww_data.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "import/place_name.hpp"
#include "scenario/name_characters.hpp"
#include "scenario/suggest.hpp"

namespace wfsim::import {

namespace {

// A name goes into the scenario written from it, as a quoted YAML string and in
// comments: a line break or other control character there is refused, not escaped.
void check_name(const std::string& name, const std::string& at) {
  if (name.empty()) throw ImportError(at + "the council or region name is empty");
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) {
      throw ImportError(at + "the name '" + name.substr(0, 40) + "' holds a line break or control character");
    }
  }
}

std::optional<double> parse_number(const std::string& cell) {
  if (cell.empty()) return std::nullopt;
  std::istringstream in(cell);
  in.imbue(std::locale::classic());
  double value = 0;
  in >> value;
  if (in.fail() || !in.eof() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::string join_years(const std::vector<int>& years) {
  std::string text;
  for (int y : years) text += (text.empty() ? "" : ", ") + std::to_string(y);
  return text;
}

}  // namespace

bool is_marker(const std::string& cell) {
  return cell.empty() || cell == "low" || cell == "u" || cell == "x" || cell == "z" || cell == "c";
}

std::string describe_marker(const std::string& cell) {
  if (cell == "low") return "'low' (a small number, suppressed)";
  if (cell == "u") return "'u' (low reliability, suppressed)";
  if (cell == "x") return "'x' (not available)";
  if (cell == "z") return "'z' (not applicable)";
  if (cell == "c") return "'c' (confidential, suppressed)";
  if (cell.empty()) return "empty";
  // A number the note is about ("turnover_rate_headcount is '0'; 0 read as a gap"):
  // calling it "not a number" was wrong.
  char* end = nullptr;
  std::strtod(cell.c_str(), &end);
  if (end != cell.c_str() && *end == '\0') return "'" + cell + "'";
  return "'" + cell + "' (not a number)";
}

const Figure& CswwRow::figure(const std::string& column) const {
  for (const Figure& f : figures) {
    if (f.column == column) return f;
  }
  throw ImportError(file + ":" + std::to_string(line) + ": the workforce indicators have no column '" + column +
                    "' (the DfE file has it: was a column deleted or renamed?)");
}

namespace {

// A whole year in a plausible span; anything else (1e300, 2017.5) is not one, and would
// overflow the conversion. `at` is the file and line, for the message.
int year_of(const std::string& cell, const std::string& at) {
  const auto y = parse_number(cell);
  if (!y || *y != std::floor(*y) || *y < 1900 || *y > 2200) {
    throw ImportError(at + "time_period '" + cell.substr(0, 20) + "' is not a year (1900 to 2200)");
  }
  return static_cast<int>(*y);
}

// A figure's cell: a number, empty, or one of the DfE's markers; anything else ('abc',
// 'nan', 'inf') is a damaged file, not a suppressed figure to stand in for. Every
// figure in the workforce data is a count, a rate or a share.
Figure figure_of(const std::string& column, const std::string& cell, const std::string& at) {
  Figure f{column, cell, parse_number(cell)};
  if (!f.value && !is_marker(cell)) {
    throw ImportError(at + column + " is '" + cell.substr(0, 20) +
                      "', neither a number nor one of the DfE's markers (low, u, x, z, c)");
  }
  if (f.value && !(*f.value >= 0 && *f.value < 1e9)) {
    throw ImportError(at + column + " is '" + cell.substr(0, 20) +
                      "'; the workforce figures are counts, rates and shares, never negative or that large");
  }
  // A share is a percentage, at most 100: 200 as a vacancy rate was forecast against as
  // reported (a backtest error of 33 points, without a word). Turnover is not a share:
  // leavers over those in post, it may pass 100 at a council of a few (the Isles of
  // Scilly's 2019 is 100, one leaver of one in post).
  const bool share = column.find("_rate_") != std::string::npos && !column.starts_with("turnover_rate_");
  if (share && f.value && *f.value > 100) {
    throw ImportError(at + column + " is '" + cell.substr(0, 20) +
                      "', and this rate is a share of the posts or staff, a percentage at most 100 (the DfE gives "
                      "16 for 16%)");
  }
  // A count of people ('inpost_headcount', not a rate's '..._rate_headcount') of 507.5 is
  // a damaged cell: it was rounded to 508 without a word.
  const bool people = column.size() > 10 && column.compare(column.size() - 10, 10, "_headcount") == 0 &&
                      column.find("_rate_") == std::string::npos;
  if (people && f.value && *f.value != std::floor(*f.value)) {
    throw ImportError(at + column + " is '" + cell.substr(0, 20) + "', and a headcount is a whole number of people");
  }
  return f;
}

}  // namespace

namespace {

// The indicators' columns a row is read from. Older extracts and hand-made files may
// lack the old codes (old_code is then the header's size); they are only looked up.
struct IndicatorColumns {
  explicit IndicatorColumns(const CsvTable& table)
      : year(table.column("time_period")),
        level(table.column("geographic_level")),
        la_name(table.column("la_name")),
        la_code(table.column("new_la_code")),
        region_name(table.column("region_name")),
        region_code(table.column("region_code")),
        country(table.column("country_name")),
        country_code(table.column("country_code")),
        first_figure(table.column("inpost_fte")),
        old_code(static_cast<std::size_t>(std::find(table.columns().begin(), table.columns().end(), "old_la_code") -
                                          table.columns().begin())) {}
  std::size_t year, level, la_name, la_code, region_name, region_code, country, country_code, first_figure, old_code;
};

// The row's name and codes, which its level says where to read.
void name_by_level(CswwRow& row, const CsvTable& table, std::size_t r, const IndicatorColumns& c,
                   const std::string& at) {
  if (row.level == "Local authority") {
    row.name = table.cell(r, c.la_name);
    row.code = table.cell(r, c.la_code);
    if (c.old_code < table.columns().size()) row.old_code = table.cell(r, c.old_code);
  } else if (row.level == "Regional") {
    row.name = row.region;
    row.code = table.cell(r, c.region_code);
  } else if (row.level == "National") {
    row.name = table.cell(r, c.country);
    row.code = table.cell(r, c.country_code);
  } else {
    // Read as England's row, a misspelt level ("local authority") dropped its council
    // without a word: a region of 18 councils became one of 17.
    throw ImportError(at + "geographic_level is '" + row.level +
                      "': the data's levels are 'National', 'Regional' and 'Local authority' (spelt so)");
  }
}

}  // namespace

CswwData CswwData::read_file(const std::string& path) {
  const CsvTable table =
      CsvTable::read_file(path, {"time_period", "geographic_level", "la_name", "new_la_code", "region_name",
                                 "region_code", "country_name", "country_code", "inpost_fte"});
  CswwData data;
  data.path_ = path;
  const IndicatorColumns columns(table);
  // Each (year, level, name) once: the line it was first seen on.
  std::map<std::tuple<int, std::string, std::string>, std::size_t> seen;
  for (std::size_t r = 0; r < table.rows(); ++r) {
    CswwRow row;
    row.level = table.cell(r, columns.level);
    const std::string at = path + ":" + std::to_string(table.line_of(r)) + ": ";
    row.year = year_of(table.cell(r, columns.year), at);
    row.file = path;
    row.line = table.line_of(r);
    row.region = table.cell(r, columns.region_name);
    name_by_level(row, table, r, columns, at);
    // A name with a space at an end (a hand-edited copy of the data) matched --la, and
    // then made a scenario whose council's name the loader refuses.
    row.name = scenario::without_end_spaces(row.name);
    row.region = scenario::without_end_spaces(row.region);
    check_name(row.name, at);
    for (std::size_t c = columns.first_figure; c < table.columns().size(); ++c) {
      row.figures.push_back(figure_of(table.columns()[c], table.cell(r, c), at));
    }
    const auto [same, first_time] = seen.try_emplace(std::tie(row.year, row.level, row.name), row.line);
    if (!first_time) {
      throw ImportError(at + "'" + row.name + "' appears twice for " + std::to_string(row.year) + " (also line " +
                        std::to_string(same->second) + "); which row is meant?");
    }
    data.rows_.push_back(std::move(row));
  }
  return data;
}

std::vector<int> CswwData::years_of(const std::string& name) const {
  std::set<int> years;
  for (const auto& row : rows_) {
    if (row.name == name) years.insert(row.year);
  }
  return {years.begin(), years.end()};
}

namespace {

// A region or England given as a council drew "nearest names" such as the City of
// London, a council of about ten social workers: pointed to --region or --england.
// London's councils are "Inner London" and "Outer London" in the data.
void refuse_area_as_council(const std::vector<CswwRow>& rows, const std::string& path, const std::string& name_or_code,
                            const std::string& wanted) {
  for (const auto& row : rows) {
    if (row.level == "Local authority") continue;
    const std::string name = normalised_name(row.name);
    const bool named =
        name == wanted || normalised_name(row.code) == wanted || name == "inner " + wanted || name == "outer " + wanted;
    if (!named) continue;
    throw ImportError(path + ": '" + name_or_code + "' names " +
                      (row.level == "National" ? "England, not a council: give --england for every council together"
                                               : "a region, not a council: give --region for its councils together "
                                                 "(data/regions.yaml names the nine regions)") +
                      ", or --la one council");
  }
}

// The three council names nearest `wanted` (normalised), quoted, nearest first: the name
// without a designation the data lacks ("Kent County Council" suggested 'County Durham'
// before, and not Kent), then names containing it, then by edit distance.
std::string nearest_names(const std::string& wanted, const std::vector<std::string>& names) {
  const std::string plain = without_designation(wanted);
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (const auto& n : names) {
    const std::string candidate = normalised_name(n);
    const bool contains = !plain.empty() && candidate.find(plain) != std::string::npos;
    ranked.emplace_back(candidate == plain ? 0
                        : contains         ? 1
                                           : 2 + std::min(scenario::edit_distance(wanted, candidate),
                                                          scenario::edit_distance(plain, candidate)),
                        n);
  }
  std::sort(ranked.begin(), ranked.end());
  std::string suggestions;
  for (std::size_t i = 0; i < std::min<std::size_t>(3, ranked.size()); ++i) {
    suggestions += (i ? ", '" : "'") + ranked[i].second + "'";
  }
  return suggestions;
}

}  // namespace

const CswwRow& CswwData::council(const std::string& name_or_code, int year) const {
  const std::string wanted = normalised_name(name_or_code);
  std::string found;
  std::vector<std::string> names;
  for (const auto& row : rows_) {
    if (row.level != "Local authority") continue;
    // Nothing matches an empty name (nor a code a file leaves empty).
    if (!wanted.empty() && (normalised_name(row.name) == wanted || normalised_name(row.code) == wanted ||
                            normalised_name(row.old_code) == wanted)) {
      found = row.name;
    }
    if (std::find(names.begin(), names.end(), row.name) == names.end()) names.push_back(row.name);
  }
  if (found.empty() && !wanted.empty()) {
    // Councils that run one children's service return one row ("Kingston upon Thames /
    // Richmond upon Thames"): either half's name or code leads to it, but it is not
    // that council's own, so say so rather than model the pair under one name.
    for (const auto& row : rows_) {
      if (row.level != "Local authority" || row.name.find(" / ") == std::string::npos) continue;
      for (const std::string* joint : {&row.name, &row.code, &row.old_code}) {
        for (std::size_t from = 0; from <= joint->size();) {
          const std::size_t to = std::min(joint->find(" / ", from), joint->size());
          if (normalised_name(joint->substr(from, to - from)) == wanted) {
            throw ImportError(path_ + ": '" + name_or_code + "' has no row of its own: it returns jointly as '" +
                              row.name + "' (" + row.code + "); give that name or code to model the joint service");
          }
          from = to + 3;
        }
      }
    }
  }
  if (found.empty() && !wanted.empty()) refuse_area_as_council(rows_, path_, name_or_code, wanted);
  if (found.empty()) {
    const std::string suggestions = nearest_names(wanted, names);
    if (names.empty()) throw ImportError(path_ + ": it holds no council's row (only a header?)");
    throw ImportError(path_ + ": no council named '" + name_or_code + "'; the nearest names are " + suggestions);
  }
  for (const auto& row : rows_) {
    if (row.level == "Local authority" && row.name == found && row.year == year) return row;
  }
  const std::vector<int> had = years_of(found);
  // A council that ended (Cumbria in 2023, Northamptonshire in 2021).
  const std::string successors = !had.empty() && had.back() < year ? new_after(found, had.back()) : "";
  throw ImportError(path_ + ": " + found + " has no row for the year ending September " + std::to_string(year) +
                    "; it has " + join_years(had) +
                    (successors.empty() ? ""
                                        : ". New in " + std::to_string(had.back() + 1) +
                                              " in its region, perhaps in its place: " + successors));
}

std::string CswwData::code_of_other_years(const std::string& name_or_code, const CswwRow& row) const {
  const std::string wanted = normalised_name(name_or_code);
  if (wanted.empty() || normalised_name(row.name) == wanted || normalised_name(row.code) == wanted ||
      normalised_name(row.old_code) == wanted) {
    return "";
  }
  std::set<int> years;
  for (const auto& other : rows_) {
    if (other.level == "Local authority" && other.name == row.name &&
        (normalised_name(other.code) == wanted || normalised_name(other.old_code) == wanted)) {
      years.insert(other.year);
    }
  }
  if (years.empty()) return "";
  return "'" + name_or_code + "' is " + row.name + "'s code in " + join_years({years.begin(), years.end()}) +
         "; its row for " + std::to_string(row.year) + " has code " + row.code + " (" + row.old_code +
         "), after a reorganisation: check that this is the authority meant";
}

std::string CswwData::new_after(const std::string& name, int last) const {
  std::string region;
  std::set<std::string> before;
  for (const auto& row : rows_) {
    if (row.level != "Local authority") continue;
    if (row.name == name && row.year == last) region = row.region;
    if (row.year <= last) before.insert(row.name);
  }
  std::string found;
  for (const auto& row : rows_) {
    if (row.level == "Local authority" && row.year == last + 1 && row.region == region && !before.contains(row.name)) {
      found += (found.empty() ? "" : "; ") + row.name;
    }
  }
  return found;
}

std::vector<const CswwRow*> CswwData::councils(int year) const {
  std::vector<const CswwRow*> rows;
  for (const auto& row : rows_) {
    if (row.level == "Local authority" && row.year == year) rows.push_back(&row);
  }
  return rows;
}

const CswwRow* CswwData::council_row(const std::string& code, int year) const {
  for (const auto& row : rows_) {
    if (row.level == "Local authority" && row.code == code && row.year == year) return &row;
  }
  return nullptr;
}

const CswwRow* CswwData::same_council(const CswwRow& row, int year) const {
  if (row.old_code.empty()) return council_row(row.code, year);
  for (const auto& other : rows_) {
    if (other.level == "Local authority" && other.year == year && other.old_code == row.old_code) return &other;
  }
  return nullptr;
}

std::vector<int> CswwData::years() const {
  std::vector<int> found;
  for (const auto& row : rows_) {
    if (row.level == "Local authority" && std::find(found.begin(), found.end(), row.year) == found.end()) {
      found.push_back(row.year);
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

void CswwData::require_year(int year) const {
  const std::vector<int> all = years();
  if (std::find(all.begin(), all.end(), year) != all.end()) return;
  throw ImportError(path_ + ": no council rows for the year ending September " + std::to_string(year) +
                    "; the file has " + (all.empty() ? std::string("none") : join_years(all)));
}

void CswwData::require_regional_rows() const {
  if (std::any_of(rows_.begin(), rows_.end(), [](const CswwRow& row) { return row.level == "Regional"; })) return;
  throw ImportError(path_ +
                    ": the file has no regional rows (geographic_level 'Regional'), which --region and "
                    "--england read");
}

std::string CswwData::region_name(const std::string& name_or_code) const {
  for (const auto& row : rows_) {
    if (row.level == "Regional" && !row.code.empty() && normalised_name(row.code) == normalised_name(name_or_code)) {
      return row.name;
    }
  }
  return name_or_code;
}

std::vector<const CswwRow*> CswwData::region(const std::string& name_or_code, int year) const {
  std::vector<const CswwRow*> councils;
  std::vector<std::string> regions;
  std::string found;
  for (const auto& row : rows_) {
    if (row.level != "Regional") continue;
    if (normalised_name(row.name) == normalised_name(name_or_code) ||
        normalised_name(row.code) == normalised_name(name_or_code))
      found = row.name;
    if (std::find(regions.begin(), regions.end(), row.name) == regions.end()) regions.push_back(row.name);
  }
  if (found.empty()) {
    std::string list;
    for (const auto& r : regions) list += (list.empty() ? "'" : ", '") + r + "'";
    // A file without the data's regional rows (a hand-cut extract) listed nothing.
    throw ImportError(path_ + ": no region named '" + name_or_code + "'" +
                      scenario::did_you_mean(name_or_code, regions) +
                      (regions.empty() ? "; the file has no regional rows (geographic_level 'Regional'), which "
                                         "--region and --england read"
                                       : "; the regions are " + list));
  }
  for (const auto& row : rows_) {
    if (row.level == "Local authority" && row.region == found && row.year == year) councils.push_back(&row);
  }
  if (councils.empty()) {
    throw ImportError(path_ + ": the " + found + " region has no council rows for the year ending September " +
                      std::to_string(year) + "; it has " + join_years(years_of(found)));
  }
  return councils;
}

const CswwRow* CswwData::regional_row(const std::string& region, int year) const {
  for (const auto& row : rows_) {
    if (row.level == "Regional" && row.name == region && row.year == year) return &row;
  }
  return nullptr;
}

const CswwRow* CswwData::national_row(int year) const {
  for (const auto& row : rows_) {
    if (row.level == "National" && row.year == year) return &row;
  }
  return nullptr;
}

}  // namespace wfsim::import
