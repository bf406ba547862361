#pragma once
// A CSV file read whole: a header of column names and rows of text cells. Handles
// quoted cells ("Kingston upon Hull, City of") and CRLF line ends. Cells stay text;
// what a cell means (a number, a suppression marker) is for the caller to decide.

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace wfsim::import {

class CsvError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class CsvTable {
 public:
  // Throws CsvError naming the file (and line) if it cannot be read, is not text, or
  // is ragged; or if its header lacks one of the `required` columns, which is checked
  // before the rows, so that another kind of file (a scenario, say) is called that and
  // not a ragged table.
  static CsvTable read_file(const std::string& path, const std::vector<std::string>& required = {});
  static CsvTable parse(const std::string& text, const std::string& label,
                        const std::vector<std::string>& required = {});

  const std::vector<std::string>& columns() const { return columns_; }
  std::size_t rows() const { return rows_.size(); }
  // The column's index; throws CsvError naming the file if there is no such column.
  std::size_t column(const std::string& name) const;
  const std::string& cell(std::size_t row, std::size_t column) const { return rows_[row][column]; }
  std::size_t line_of(std::size_t row) const { return lines_[row]; }  // 1-based line in the file
  const std::string& label() const { return label_; }

 private:
  std::string label_;
  std::vector<std::string> columns_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::size_t> lines_;
};

}  // namespace wfsim::import
