#include "scenario/number_spelling.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <locale>
#include <sstream>

namespace wfsim::scenario {

namespace {

// Whether `s` is digits in groups of three after a first group of one to three, split by
// commas ("3,000", "1,250,000"), with an optional sign and decimals after a point.
bool thousands_grouped(const std::string& s) {
  std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  // "0,173" is a decimal comma: no number's thousands start with a 0.
  if (i < s.size() && s[i] == '0') return false;
  std::size_t first = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++first;
  if (first < 1 || first > 3 || i == s.size() || s[i] != ',') return false;
  while (i < s.size() && s[i] == ',') {
    std::size_t group = 0;
    for (++i; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) ++group;
    if (group != 3) return false;
  }
  if (i == s.size()) return true;
  if (s[i] != '.') return false;
  std::size_t decimals = 0;
  for (++i; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) ++decimals;
  return decimals > 0 && i == s.size();
}

// Whether `s` is a whole number (digits after an optional sign) starting with a 0
// followed by another digit: "017", "-05". A YAML 1.1 reader takes it for octal (017 is
// 15) or, with an 8 or 9, for text; "05.5" and "00.5" it reads as this does (a review).
bool leading_zero(const std::string& s) {
  const std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (s.size() <= i + 1 || s[i] != '0') return false;
  return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i), s.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

bool parse_plain_number(const std::string& text, double& out) {
  // A YAML 1.1 reader (PyYAML, which the analysis package and the schema check use)
  // reads 017 as octal, 15, where this read 17: refused, so no two readers of one
  // scenario disagree (an audit).
  if (text.empty() || leading_zero(text)) return false;
  std::istringstream in(text);
  in.imbue(std::locale::classic());
  in >> out;
  return !in.fail() && in.eof() && std::isfinite(out);
}

std::string spreadsheet_number_hint(const std::string& text) {
  if (leading_zero(text)) {
    const std::size_t sign = (text[0] == '-' || text[0] == '+') ? 1 : 0;
    // The last digit stays: "000" is 0.
    const std::size_t first = std::min(text.find_first_not_of('0', sign), text.size() - 1);
    const std::string s = text.substr(0, sign) + text.substr(first);
    double value = 0;
    if (!parse_plain_number(s, value)) return "";
    // Shown only if short: a number padded to megabytes is quoted cut short already.
    return ": write it without the leading 0" + (s.size() <= 24 ? ", " + s : std::string()) +
           " (other YAML readers take 017 for octal, 15, and 08 for text)";
  }
  std::string s = text;
  bool changed = false;
  for (const char* sign : {"\xC2\xA3", "\xE2\x82\xAC", "$"}) {  // the pound, the euro, the dollar
    if (s.starts_with(sign)) {
      s.erase(0, std::string(sign).size());
      changed = true;
    }
  }
  const bool percent = s.ends_with("%");
  if (percent) s.pop_back();
  bool decimal_comma = false;
  // "1.234,56": dots for thousands and a decimal comma, as much of Europe writes it.
  if (const std::size_t comma = s.find(',');
      comma != std::string::npos && s.find('.') < comma && s.find(',', comma + 1) == std::string::npos) {
    std::string whole = s.substr(0, comma);
    std::replace(whole.begin(), whole.end(), '.', ',');
    if (thousands_grouped(whole)) {
      std::erase(whole, ',');
      s = whole + "." + s.substr(comma + 1);
      double value = 0;
      if (!parse_plain_number(s, value)) return "";
      return ": write it as a plain number, " + s + ", with a point for the decimal and no thousands separators";
    }
  }
  if (s.find(',') != std::string::npos) {
    if (thousands_grouped(s)) {
      std::erase(s, ',');
    } else if (std::count(s.begin(), s.end(), ',') == 1 && s.front() != ',' && s.back() != ',' &&
               s.find('.') == std::string::npos) {
      s[s.find(',')] = '.';  // "44,50", "0,2": a decimal comma
      decimal_comma = true;
    } else {
      return "";
    }
    changed = true;
  }
  double value = 0;
  if (!(changed || percent) || !parse_plain_number(s, value)) return "";
  if (percent) {
    std::ostringstream fraction;
    fraction.imbue(std::locale::classic());
    fraction << value / 100;
    return ": '%' is not read; a share is written as a fraction, " + fraction.str() + " for " + text;
  }
  if (decimal_comma) return ": write the decimal with a point, " + s;
  return ": write it as a plain number, " + s + ", without a currency sign or thousands separators";
}

}  // namespace wfsim::scenario
