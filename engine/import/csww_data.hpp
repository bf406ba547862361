#pragma once
// The Department for Education's children's social work workforce indicators
// (data/csww_indicators_2017_2023.csv): one row per year and council, region or
// England. Cells that are suppressed or missing ("low", "u", "x", "z", empty) are kept
// as markers and never read as numbers.

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "import/csv_table.hpp"

namespace wfsim::import {

class ImportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One cell of a row: its number, or the marker that stands in its place.
struct Figure {
  std::string column;
  std::string cell;
  std::optional<double> value;
};

// What a suppression marker means, for notes and the written scenario.
std::string describe_marker(const std::string& cell);
// Whether a cell that is not a number is one of the DfE's markers (low, u, x, z, c) or
// empty: a figure withheld, for which the region's or England's may stand in.
bool is_marker(const std::string& cell);

struct CswwRow {
  std::string level;     // "Local authority", "Regional" or "National"
  std::string name;      // council, region or "England"
  std::string code;      // new_la_code, region_code or country_code
  std::string old_code;  // a council's old_la_code (three digits), if the file has it
  std::string region;
  int year = 0;      // the year ending 30 September
  std::string file;  // the file and line it was read from, for messages
  std::size_t line = 0;
  std::vector<Figure> figures;

  const Figure& figure(const std::string& column) const;  // throws ImportError if absent
};

class CswwData {
 public:
  static CswwData read_file(const std::string& path);
  const std::string& path() const { return path_; }

  // A council by name (case and punctuation insensitive), code or old three-digit code.
  // A name that does not match throws ImportError suggesting the nearest names (or, for
  // one half of a joint return, naming the joint row); a year it has no row for lists
  // the years it has.
  const CswwRow& council(const std::string& name_or_code, int year) const;
  // Where `name_or_code` found `row` by a code the row itself does not carry (a county's
  // code before it became a unitary: Dorset's E10000009 to 2018, E06000059 from 2019),
  // a note saying whose code it was and which row is read, as the two may not be the
  // same authority (Dorset's unitary is the county without Christchurch; Buckinghamshire's
  // is the county's area); else "".
  std::string code_of_other_years(const std::string& name_or_code, const CswwRow& row) const;
  // Every council of a region ("South East", or its code), in file order.
  std::vector<const CswwRow*> region(const std::string& name_or_code, int year) const;
  // The data's name for the region whose code this is (E12000008: South East), or the
  // text as given if no regional row has that code: --region takes either, as --la
  // takes a council's name or code.
  std::string region_name(const std::string& name_or_code) const;
  // Every council's row for a year, in file order; the row of a council (by code) for a
  // year, or null if it has none.
  std::vector<const CswwRow*> councils(int year) const;
  const CswwRow* council_row(const std::string& code, int year) const;
  // The same authority's row for another year, or null: by the data's three-digit LA
  // number where the file has it, else by code. The LA number stays with an authority
  // whose code changed with its area unchanged (Buckinghamshire in 2020, North
  // Yorkshire and Somerset in 2023: the county's children's services, a unitary's code)
  // and changes with its area (Dorset in 2019); codes alone broke the first kind's
  // years in two.
  const CswwRow* same_council(const CswwRow& row, int year) const;
  std::vector<int> years() const;  // the years with council rows, ascending
  // Throws ImportError, listing the years the file has, if it has no council row for `year`.
  void require_year(int year) const;
  // Throws ImportError if the file has no regional rows, which --region and --england
  // read (a hand-cut extract of councils alone).
  void require_regional_rows() const;
  // The regional and national rows for a year; null if the file has none.
  const CswwRow* regional_row(const std::string& region, int year) const;
  const CswwRow* national_row(int year) const;

 private:
  std::vector<int> years_of(const std::string& name) const;
  // The councils new in `name`'s region the year after `last`, its last row: perhaps
  // in its place, which the data links it to no other way ("" if none).
  std::string new_after(const std::string& name, int last) const;
  std::string path_;
  std::vector<CswwRow> rows_;
};

}  // namespace wfsim::import
