#include "import/csv_table.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "scenario/name_characters.hpp"
#include "scenario/wide_text.hpp"
#include "support/input_file.hpp"

namespace wfsim::import {

namespace {

// Splits one record starting at `pos`; advances `pos` past it and counts lines.
std::vector<std::string> next_record(const std::string& text, std::size_t& pos, std::size_t& line,
                                     const std::string& label) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  const std::size_t start_line = line;
  while (pos < text.size()) {
    const char c = text[pos++];
    if (quoted) {
      if (c == '"') {
        if (pos < text.size() && text[pos] == '"') {
          cells.back() += '"';
          ++pos;
        } else {
          quoted = false;
        }
      } else {
        // A line end within quotes is the cell's, and still a line of the file: LF,
        // CRLF (counted at its LF) or CR alone.
        if (c == '\n' || (c == '\r' && (pos == text.size() || text[pos] != '\n'))) ++line;
        cells.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else if (c == '\n' || c == '\r') {
      // A line ends with LF, CRLF or CR alone: Excel's "CSV (Macintosh)" still writes
      // CR alone, which was read as one line and said to hold no council's row.
      if (c == '\r' && pos < text.size() && text[pos] == '\n') ++pos;
      ++line;
      break;
    } else {
      cells.back() += c;
    }
  }
  if (quoted) throw CsvError(label + ":" + std::to_string(start_line) + ": a quoted cell is never closed");
  return cells;
}

// A column is found by its name as written: 'time_period ' (a space typed at its end)
// was "no column 'time_period'", and 'inpost_headcount ' was found missing at the first
// row that needed it, said at that row's line.
void refuse_spaced_name(const std::string& column, const std::string& label) {
  if (scenario::without_end_spaces(column) != column) {
    throw CsvError(label + ":1: the column '" + column + "' in the header has a space at an end: write it '" +
                   scenario::without_end_spaces(column) + "'");
  }
}

void refuse_spaced_names(const std::vector<std::string>& columns, const std::string& label) {
  for (const std::string& column : columns) refuse_spaced_name(column, label);
}

// A column named twice: the first was read and the second never, and a column renamed
// by mistake to another's name was reported only as the renamed one missing. Columns
// with no name (a spreadsheet's export ending each line ',,') are never read, and pass.
void refuse_repeated_names(const std::vector<std::string>& columns, const std::string& label) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].empty()) continue;
    for (std::size_t j = i + 1; j < columns.size(); ++j) {
      if (columns[i] == columns[j]) {
        throw CsvError(label + ":1: the column '" + columns[i] + "' is named twice in the header (columns " +
                       std::to_string(i + 1) + " and " + std::to_string(j + 1) + ")");
      }
    }
  }
}

}  // namespace

CsvTable CsvTable::parse(const std::string& text, const std::string& label, const std::vector<std::string>& required) {
  CsvTable table;
  table.label_ = label;
  std::size_t pos = 0, line = 1;
  if (text.empty()) throw CsvError(label + ": the file is empty");
  if (text.starts_with("\x89HDF\r\n\x1a\n")) {
    throw CsvError(label +
                   ": this is an HDF5 file (wfsim's results, comparisons and sweeps are HDF5), not a CSV table");
  }
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF") || scenario::looks_like_utf16_without_mark(text)) {
    throw CsvError(label + ": this is UTF-16 text; save it as 'CSV UTF-8' and try again");
  }
  if (text.find('\0') != std::string::npos) throw CsvError(label + ": this is not a text file, so not a CSV table");
  // Said here, at its line: a council's name in Latin-1 was found only once the
  // scenario made from it would not load, and the message told the user to save a
  // scenario that was never written.
  if (const std::size_t bad = scenario::first_non_utf8(text); bad != std::string::npos) {
    // Lines as next_record counts them: ended by LF, CRLF or CR alone.
    std::size_t bad_line = 1;
    for (std::size_t i = 0; i < bad; ++i) {
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) ++bad_line;
    }
    throw CsvError(label + ":" + std::to_string(bad_line) +
                   ": this text is not UTF-8 (the file was saved as Latin-1 or Windows-1252?); save it as 'CSV UTF-8' "
                   "and try again");
  }
  // Excel's "CSV UTF-8" starts the file with a byte-order mark, which is not part of
  // the first column's name.
  if (text.starts_with(scenario::kByteOrderMark)) pos = scenario::kByteOrderMark.size();
  table.columns_ = next_record(text, pos, line, label);
  refuse_repeated_names(table.columns_, label);
  for (const std::string& name : required) table.column(name);
  refuse_spaced_names(table.columns_, label);
  while (pos < text.size()) {
    const std::size_t record_line = line;
    auto cells = next_record(text, pos, line, label);
    if (cells.size() == 1 && cells[0].empty()) continue;  // a blank line
    if (cells.size() != table.columns_.size()) {
      auto count = [](std::size_t n, const char* noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); };
      throw CsvError(label + ":" + std::to_string(record_line) + ": " + count(cells.size(), "cell") +
                     ", but the header has " + count(table.columns_.size(), "column"));
    }
    table.rows_.push_back(std::move(cells));
    table.lines_.push_back(record_line);
  }
  return table;
}

CsvTable CsvTable::read_file(const std::string& path, const std::vector<std::string>& required) {
  // The official file for every council and year is about 0.2 MB.
  constexpr std::size_t kMaxCsvBytes = std::size_t{256} << 20;
  try {
    return parse(support::read_input_file(path, kMaxCsvBytes), path, required);
  } catch (const support::InputFileError& e) {
    throw CsvError(path + ": cannot read the file: " + e.what());
  }
}

std::size_t CsvTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i] == name) return i;
  }
  for (const std::string& column : columns_) {
    if (scenario::without_end_spaces(column) == name) refuse_spaced_name(column, label_);
  }
  throw CsvError(label_ + ": no column '" + name + "' in the header; is this the workforce indicators file?");
}

}  // namespace wfsim::import
