#include "calibrate/backtest_table.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>
#include <string_view>

namespace wfsim::calibrate {

namespace {

// Whether a spreadsheet reads `text` as a number: digits with an optional sign, point
// and exponent (what the analysis package's guard takes as one too).
// [+-]?(digits(.digits*)?|.digits)([eE][+-]?digits)?, by hand: GCC 12's <regex> trips
// its own maybe-uninitialized warning in the sanitizer build.
bool reads_as_number(const std::string& text) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t from = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    return i - from;
  };
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t mantissa = digits();
  if (i < text.size() && text[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == text.size();
}

// A text cell: quoted where it holds a comma, quote or line end, and never read as a
// formula. Excel and LibreOffice work out a cell starting with = + - @, a tab or a CR
// in a CSV file as they do in a workbook: a council named '=1+1' in the DfE file (or a
// file given in its place) came out as 2. Such text goes behind the usual leading
// apostrophe, as the analysis package writes it; numbers stay as they are.
std::string csv_text(const std::string& text) {
  constexpr std::string_view kFormulaStarts = "=+-@\t\r'";
  const bool formula =
      !text.empty() && kFormulaStarts.find(text[0]) != std::string_view::npos && !reads_as_number(text);
  const std::string cell = formula ? "'" + text : text;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (const char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace

std::string csv_number(const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", *v);
  return text;
}

std::vector<BacktestSummary> summarise_backtest(const std::vector<BacktestRow>& rows) {
  std::vector<BacktestSummary> summary;
  for (const BacktestMeasure& m : backtest_measures()) {
    BacktestSummary s;
    s.measure = m.name;
    std::size_t inside = 0;
    std::vector<double> differences;  // in points
    for (const BacktestRow& r : rows) {
      if (r.measure != m.name || !r.reported) continue;
      ++s.rows;
      inside += *r.reported >= r.p5 && *r.reported <= r.p95;
      if (r.previous) {
        const double model = 100 * std::abs(r.median - *r.reported);
        const double persistence = 100 * std::abs(*r.previous - *r.reported);
        s.model_error += model;
        s.persistence_error += persistence;
        differences.push_back(model - persistence);
      }
    }
    s.paired = differences.size();
    const auto both = static_cast<double>(differences.size());
    if (both > 0) {
      s.model_error /= both;
      s.persistence_error /= both;
    }
    if (both > 1) {
      const double mean = s.model_error - s.persistence_error;
      double squares = 0;
      for (const double d : differences) squares += (d - mean) * (d - mean);
      s.difference_standard_error = std::sqrt(squares / (both - 1) / both);
    }
    s.inside_share = s.rows > 0 ? static_cast<double>(inside) / static_cast<double>(s.rows) : 0;
    summary.push_back(s);
  }
  return summary;
}

std::string backtest_csv(const std::vector<BacktestRow>& rows) {
  std::ostringstream out;
  out << "council,code,region,year,measure,previous,reported,median,p5,p95,inside,turnover_sd,applicants_relative_sd\n";
  for (const BacktestRow& r : rows) {
    const bool inside = r.reported && *r.reported >= r.p5 && *r.reported <= r.p95;
    out << csv_text(r.council) << "," << csv_text(r.code) << "," << csv_text(r.region) << "," << r.year << ","
        << r.measure << "," << csv_number(r.previous) << "," << csv_number(r.reported) << "," << csv_number(r.median)
        << "," << csv_number(r.p5) << "," << csv_number(r.p95) << "," << (r.reported ? (inside ? "yes" : "no") : "")
        << "," << csv_number(r.turnover_sd) << "," << csv_number(r.applicants_relative_sd) << "\n";
  }
  return out.str();
}

std::string describe_backtest(const std::vector<BacktestSummary>& summary) {
  std::ostringstream out;
  char line[200];
  // Errors need the year before too, the band only the year's own figure: a council
  // whose previous year was suppressed counts in one and not the other, so both counts
  // are shown ("rows 2" once stood beside errors of one).
  std::snprintf(line, sizeof line, "%-14s %8s %8s %22s %26s %20s %16s\n", "measure", "rows", "paired",
                "mean abs. error (pts)", "next year = this year (pts)", "difference (SE)", "inside 90% band");
  out << line;
  for (const BacktestSummary& s : summary) {
    // With nothing paired (or no row at all) there is no error to show: "0.00" and
    // "0%" read as a perfect forecast and a band that always missed.
    char model[32] = "n/a", persistence[32] = "n/a", difference[48] = "n/a", inside[16] = "n/a";
    if (s.paired > 0) {
      std::snprintf(model, sizeof model, "%.2f", s.model_error);
      std::snprintf(persistence, sizeof persistence, "%.2f", s.persistence_error);
      if (std::isfinite(s.difference_standard_error)) {
        std::snprintf(difference, sizeof difference, "%+.3f (%.3f)", s.model_error - s.persistence_error,
                      s.difference_standard_error);
      } else {
        std::snprintf(difference, sizeof difference, "%+.3f (n/a)", s.model_error - s.persistence_error);
      }
    }
    if (s.rows > 0) std::snprintf(inside, sizeof inside, "%.0f%%", 100 * s.inside_share);
    std::snprintf(line, sizeof line, "%-14s %8zu %8zu %22s %26s %20s %16s\n", s.measure.c_str(), s.rows, s.paired,
                  model, persistence, difference, inside);
    out << line;
  }
  return out.str();
}

}  // namespace wfsim::calibrate
