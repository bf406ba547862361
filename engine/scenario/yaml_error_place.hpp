#pragma once
// Where a YAML syntax error is, as an editor shows the file. yaml-cpp places an error
// it finds only at the end of the text (a bracket never closed) on the line after the
// last, which no editor shows: a one-line file's error was "line 2". Said instead at
// the end of the last line, and marked as the file's end. Shared by the scenario's
// reader and the data files' (import/data_file.cpp).

#include <yaml-cpp/mark.h>

#include <algorithm>
#include <cstddef>
#include <string>

namespace wfsim::scenario {

struct YamlErrorPlace {
  int line = 1;  // 1-based
  int column = 1;
  bool at_end = false;  // the error was found at the end of the file
};

inline YamlErrorPlace yaml_error_place(const std::string& text, const YAML::Mark& mark) {
  // yaml-cpp counts neither a byte-order mark opening the file among its positions nor
  // it among the first line's columns.
  const std::size_t mark_bytes = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  // The end of the file's last text: what follows is blank.
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  const std::size_t end = last == std::string::npos || last < mark_bytes ? 0 : last + 1;
  const auto lines =
      1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
  const bool at_end =
      end > 0 && (mark.pos < 0 || static_cast<std::size_t>(mark.pos) + mark_bytes >= end || mark.line + 1 > lines);
  if (!at_end) return {mark.line + 1, mark.column + 1, false};
  const std::size_t newline = text.rfind('\n', end - 1);
  const std::size_t start = newline != std::string::npos ? newline + 1 : mark_bytes;
  return {lines, static_cast<int>(end - start) + 1, true};
}

}  // namespace wfsim::scenario
